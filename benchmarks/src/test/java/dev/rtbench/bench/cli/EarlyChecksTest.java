package dev.rtbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.Ran;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes in a run's options are refused with exit 2 and what to do, before any daemon starts: nothing is printed
 * on stdout (where a run announces itself before it starts its daemon).
 */
class EarlyChecksTest {

    private static void refused(String expected, String... args) {
        Ran r = Ran.main(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out(), "something started: " + r.out());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void timeoutsMustBePositive() {
        refused("--timeout takes positive numbers, got 0", "run", "--timeout", "0");
        refused("--timeout takes positive numbers, got -5", "run", "--timeout", "-5");
    }

    @Test
    void aRuntimeMustBeAnExecutableFile(@TempDir Path dir) throws Exception {
        refused("/tmp is a directory", "run", "--runtime", "x=/tmp");
        refused("does not exist", "run", "--runtime", "x=" + dir.resolve("none"));
        Path plain = Files.writeString(dir.resolve("plain"), "not a runtime");
        refused("is not executable", "run", "--runtime", "x=" + plain);
    }

    @Test
    void aCriEndpointMustBeAUnixSocketThatIsThere(@TempDir Path dir) {
        refused("is not a unix socket", "run", "--engine", "cri", "--cri-endpoint", "tcp://127.0.0.1:1");
        refused("has a space in its path", "run", "--engine", "cri", "--cri-endpoint", "unix:///tmp/a b.sock");
        refused("no CRI server listens at", "run", "--engine", "cri", "--cri-endpoint",
                "unix://" + dir.resolve("cri.sock"));
    }

    @Test
    void aTargetIsAShareOfTheRatioBelowAHundredPercent() {
        refused("give less than 100%", "run", "--target", "500%");
        refused("positive percentage", "run", "--target", "0%");
    }

    @Test
    void aWorkloadFileThatCannotBeReadIsASentenceNotAStackTrace(@TempDir Path dir) throws Exception {
        refused("does not exist", "run", "--workload-file", dir.resolve("none.json").toString());
        refused("is a folder", "run", "--workload-file", dir.toString());
        Path latin1 = Files.write(dir.resolve("latin1.json"), new byte[] {'{', (byte) 0xE9, '}'});
        refused("is not UTF-8 text", "run", "--workload-file", latin1.toString());
        Path bom = Files.write(dir.resolve("bom.json"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'});
        refused("byte order mark", "run", "--workload-file", bom.toString());
        refused("not a regular file", "run", "--workload-file", "/dev/zero");
    }

    @Test
    void densityAndBurstsAreBoundedByWhatThisMachineCanHold() {
        // once accepted: 100000 idle containers, and a Ctrl-C that could not stop a burst of 1000 within 20 s
        refused("more containers than this machine can hold at once: at most", "run", "--density", "100000");
        refused("MiB of memory available", "run", "--burst", "1,1000000");
    }

    @Test
    void theBaselineMustBeAmongTheRuntimes() {
        refused("the baseline runsc is not among --runtimes runc", "run", "--baseline", "runsc", "--runtimes", "runc");
    }

    @Test
    void aRunNeverWritesOverAnotherOrIntoAFolderOfTheUsers(@TempDir Path dir) throws Exception {
        Path earlier = Files.createDirectories(dir.resolve("earlier"));
        Files.writeString(earlier.resolve("results.json"), "{}");
        refused("holds a run already", "run", "--out", earlier.toString());
        refused("holds a run already", "validate", "--out", earlier.toString());
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "mine");
        refused("is not empty", "run", "--out", mine.toString());
        refused("is a file", "run", "--out", mine.resolve("notes.txt").toString());
        assertEquals("mine", Files.readString(mine.resolve("notes.txt")));
    }
}
