package dev.rtbench.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workloads bounded by time do at least one operation whatever the machine's speed. They run here with the
 * host's static busybox tools (no container: the point is the scripts' logic), on a machine made slow where it hurt:
 * the clock stamp ({@code ts}) takes 300 ms and the start of {@code dd} 1 s, longer than the 1 ms the scripts are
 * given. A fresh clone once failed its own smoke run on a slower machine because process.sh's timer ran out before
 * its first batch; before the fix these tests failed the same way (count=0, and dd killed by an early SIGUSR1).
 */
class TimeBoundedScriptsTest {

    @Test
    void processDoesOneBatchEvenWhenItsTimerRanOutBeforeTheLoop(@TempDir Path dir) throws Exception {
        String out = runSlowly(dir, "process", "1");
        List<Measurement> m = Workloads.byName("process").parser().parse(out, "");
        assertEquals("spawn-time", m.get(0).metric());
        assertTrue(out.contains(" count=10 "), out);
    }

    @Test
    void syscallCountsRecordsEvenWhenDdStartsAfterItsTime(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr");
        String out = runSlowly(dir, "syscall", "1", stderr);
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        List<Measurement> m = Workloads.byName("syscall").parser().parse(out, err);
        assertEquals("syscall-time", m.get(0).metric());
        assertTrue(m.get(0).value() > 0, m.toString());
    }

    private static String runSlowly(Path dir, String workload, String size) throws Exception {
        return runSlowly(dir, workload, size, dir.resolve("stderr"));
    }

    /** Runs SCRIPT.sh SIZE with busybox's tools, lib.sh from DIR, ts 300 ms and dd 1 s slow to start. */
    private static String runSlowly(Path dir, String workload, String size, Path stderr) throws Exception {
        assumeTrue(Files.isExecutable(WorkloadImage.HOST_BUSYBOX), "no /bin/busybox on this machine");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        HostScripts.applets(bin, List.of("sh", "grep", "tail", "sleep", "cat", "rm", "printf", "echo"));
        // dd starts later than the stamp after the script's sleep ends, so the old script's SIGUSR1 reached dd's
        // wrapper before dd was there to answer it
        for (Map.Entry<String, String> slow : Map.of("ts", "0.3", "dd", "1.0").entrySet()) {
            HostScripts.standIn(bin, slow.getKey(), "sleep " + slow.getValue() + "\nexec " + WorkloadImage.HOST_BUSYBOX
                    + " " + slow.getKey() + " \"$@\"\n");
        }
        Path script = HostScripts.copy(dir, workload, UnaryOperator.identity());
        // bash, not busybox sh: busybox sh runs its own applets before any on PATH, which would skip the slow wrappers
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", script.toString(), size)
                .redirectError(stderr.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", bin.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), workload + " did not end");
        assertEquals(0, p.exitValue(), workload + ": " + out + Files.readString(stderr, StandardCharsets.UTF_8));
        return out;
    }
}
