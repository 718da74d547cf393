package dev.rtbench.harness.engine.cri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rtbench.harness.engine.ExecResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriLogsTest {
    // the format containerd 1.6 writes (CriEngineIT reads real ones): partial lines are tagged P
    private static final List<String> LOG = List.of(
            "2026-11-29T04:57:40.123456789Z stdout F first",
            "2026-11-29T04:57:40.123556789Z stdout P a",
            "2026-11-29T04:57:40.123656789Z stdout F b",
            "2026-11-29T04:57:40.123756789Z stderr F second",
            "2026-11-29T04:57:40.123856789Z stdout F ");

    @Test
    void splitsTheStreamsAndJoinsPartialLines() {
        assertEquals(new ExecResult(4, "first\nab\n\n", "second\n"), CriLogs.parse(LOG, 4));
    }

    @Test
    void theFirstOutputIsTheFirstLinesContent() {
        assertEquals("first", CriLogs.firstContent(LOG));
        assertNull(CriLogs.firstContent(List.of()));
        assertNull(CriLogs.firstContent(List.of("2026-11-29T04:57:40.12Z stdo")));
    }
}
