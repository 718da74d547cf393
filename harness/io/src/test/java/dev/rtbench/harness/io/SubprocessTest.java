package dev.rtbench.harness.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubprocessTest {

    @Test
    void collectsOutputErrorOutputAndTheExitCode() {
        Subprocess.Result r = Subprocess.run(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"),
                Duration.ofSeconds(10));
        assertEquals(3, r.exitCode());
        assertFalse(r.succeeded());
        assertEquals("out\n", r.stdout());
        assertEquals("err\n", r.stderr());
        assertEquals("out\nerr\n", r.combined());
        assertTrue(Subprocess.run(List.of("true"), Duration.ofSeconds(10)).succeeded());
    }

    @Test
    void theTimeoutEndsTheProgramAndWhatItStarted() {
        long t0 = System.nanoTime();
        var e = assertThrows(Subprocess.SubprocessException.class, () -> Subprocess.run(
                List.of("/bin/sh", "-c", "sleep 30; echo never"), Duration.ofMillis(300)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.timedOut(), e.getMessage());
        assertTrue(e.getMessage().contains("did not finish within 300 ms"), e.getMessage());
        assertTrue(ms < 8_000, "took " + ms + " ms");
        // the sleep the shell started is gone too: nothing of ours runs "sleep 30"
        assertTrue(ProcessHandle.current().descendants()
                .noneMatch(h -> h.info().commandLine().orElse("").contains("sleep 30")), "sleep 30 survived");
    }

    @Test
    void aProgramThatIgnoresSigtermIsKilled() {
        var e = assertThrows(Subprocess.SubprocessException.class, () -> Subprocess.run(
                List.of("/bin/sh", "-c", "trap '' TERM; while :; do sleep 0.1; done"), Duration.ofMillis(200)));
        assertTrue(e.timedOut());
    }

    @Test
    void largeOutputOnBothStreamsDoesNotDeadlock() {
        // 4 MiB on each stream: far more than a pipe holds, so reading only after the exit would hang
        Subprocess.Result r = Subprocess.run(List.of("/bin/sh", "-c",
                "head -c 4194304 /dev/zero | tr '\\0' a; head -c 4194304 /dev/zero | tr '\\0' b >&2"),
                Duration.ofSeconds(30));
        assertEquals(0, r.exitCode());
        assertEquals(4 << 20, r.stdout().length());
        assertEquals(4 << 20, r.stderr().length());
    }

    @Test
    void aMissingBinaryIsAnErrorNamingIt() {
        var e = assertThrows(Subprocess.SubprocessException.class, () -> Subprocess.run(
                List.of("/nonexistent/rtbench-no-such-tool", "--version"), Duration.ofSeconds(5)));
        assertFalse(e.timedOut());
        assertTrue(e.getMessage().startsWith("cannot run /nonexistent/rtbench-no-such-tool --version"),
                e.getMessage());
    }
}
