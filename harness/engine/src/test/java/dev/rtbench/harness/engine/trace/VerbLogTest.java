package dev.rtbench.harness.engine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rtbench.harness.results.TimelineEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerbLogTest {

    @TempDir
    Path dir;

    @Test
    void linesAreReadAsTheyComeAndOnlyWholeOnes() throws Exception {
        Path f = dir.resolve("verbs.log");
        VerbLog log = new VerbLog(f);
        assertEquals(List.of(), log.between(0, Long.MAX_VALUE), "no file yet: no verbs");
        Files.writeString(f, "1796257426.807493 1796257426.817493 create 0\n1796257427.000000 1796257427.0");
        assertEquals(List.of(new TimelineEvent("create", TimelineEvent.OCI, 1796257426807493L, 1796257426817493L)),
                log.between(0, Long.MAX_VALUE));
        Files.writeString(f, "00500 start 0\n", StandardOpenOption.APPEND);
        List<TimelineEvent> both = log.between(0, Long.MAX_VALUE);
        assertEquals(2, both.size());
        assertEquals(new TimelineEvent("start", TimelineEvent.OCI, 1796257427000000L, 1796257427000500L), both.get(1));
        assertEquals(List.of(both.get(1)), log.between(1796257426900000L, 1796257427100000L), "a window picks");
        assertEquals(0, log.malformed());
    }

    @Test
    void aCommaDecimalSignIsReadAndNonsenseIsNot() {
        assertEquals(1796257426807493L, VerbLog.micros("1796257426,807493"));
        assertEquals(-1, VerbLog.micros("1796257426.8"));
        assertEquals(-1, VerbLog.micros("abc.123456"));
        assertNull(VerbLog.parse("1796257426.807493 1796257426.807000 create 0"), "ends before it begins");
        assertNull(VerbLog.parse("hello"));
    }

    @Test
    void aCniPluginsLineIsACniEventNamedAfterItsCommandAndPlugin() {
        assertEquals(new TimelineEvent("ADD bridge", TimelineEvent.CNI, 1796257426807493L, 1796257426817493L),
                VerbLog.parse("1796257426.807493 1796257426.817493 cni:ADD:bridge 0"));
        assertNull(VerbLog.parse("1796257426.807493 1796257426.817493 cni:ADD 0"), "no plugin");
        assertNull(VerbLog.parse("1796257426.807493 1796257426.817493 cni::bridge 0"), "no command");
    }
}
