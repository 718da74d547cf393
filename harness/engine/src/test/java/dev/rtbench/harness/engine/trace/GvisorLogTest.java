package dev.rtbench.harness.engine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.TimelineEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GvisorLogTest {

    @TempDir
    Path dir;

    private static long at(String time) {
        LocalDateTime t = LocalDateTime.parse("2026-12-03T" + time);
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
    }

    @Test
    void aMilestoneLineIsAPointOnTheHostClockAndOtherLinesAreNot() {
        var e = GvisorLog.parse("I1203 06:37:13.611925   19866 loader.go:689] Process should have started...", "boot",
                2026, ZoneOffset.UTC).orElseThrow();
        assertEquals(new TimelineEvent("app started", TimelineEvent.GVISOR, at("06:37:13.611925"),
                at("06:37:13.611925")), e);
        assertTrue(GvisorLog.parse("I1203 06:37:13.611925   19866 loader.go:689] Process should have started...",
                "gofer", 2026, ZoneOffset.UTC).isEmpty(), "a milestone belongs to its command's log");
        assertTrue(GvisorLog.parse("I1203 06:37:13.563624   19866 loader.go:381] Packet logging disabled", "boot", 2026,
                ZoneOffset.UTC).isEmpty());
        assertTrue(GvisorLog.parse("       \"/bin/echo\",", "boot", 2026, ZoneOffset.UTC).isEmpty());
    }

    @Test
    void theFilesAreReadAsTheyGrowAndAProcesssSecondArgsLineIsNotASecondStart() throws Exception {
        GvisorLog log = new GvisorLog(dir, ZoneOffset.UTC);
        assertEquals("--debug-log=" + dir + "/", log.flag());
        Path boot = dir.resolve("runsc.log.20261203-063713.435442.boot.txt");
        Files.writeString(boot, """
                I1203 06:37:13.488953   19866 main.go:216] ***************************
                I1203 06:37:13.489084   19866 main.go:217] Args: [runsc-sandbox --root=/run boot --bundle=/b id]
                I1203 06:37:13.494702   19866 cmd.go:95] Execve "/proc/self/exe" again, bye!
                I1203 06:37:13.547009   19866 main.go:217] Args: [runsc-sandbox --root=/run boot --bundle=/b id]
                I1203 06:37:13.563140   19866 loader.go:352] Setting total memory to 23.54 GB
                """);
        Files.writeString(dir.resolve("runsc.log.20261203-063713.429247.create.txt"), """
                I1203 06:37:13.435091   19860 container.go:1078] Gofer started, PID: 19865
                I1203 06:37:13.454197   19860 sandbox.go:917] Sandbox started, PID: 19866
                """);
        Files.writeString(dir.resolve("unrelated.txt"), "I1203 06:37:13.500000   1 x.go:1] Sandbox started, PID: 1\n");
        List<TimelineEvent> got = log.between(at("06:37:13.400000"), at("06:37:14"));
        assertEquals(List.of("gofer spawned", "sandbox spawned", "sandbox running", "sandbox re-exec",
                "sentry kernel made"), got.stream().map(TimelineEvent::name).toList());
        // the sandbox goes on writing: a later window sees the new lines, and only those in it
        Files.writeString(boot, "I1203 06:37:20.611925   19866 loader.go:689] Process should have started...\n"
                + "I1203 06:37:20.7", StandardOpenOption.APPEND);
        assertEquals(List.of("app started"), log.between(at("06:37:20"), at("06:37:21")).stream()
                .map(TimelineEvent::name).toList(), "a line not yet whole waits");
        assertEquals(List.of("gofer spawned"), log.between(at("06:37:13.430000"), at("06:37:13.440000")).stream()
                .map(TimelineEvent::name).toList());
    }
}
