package dev.rtbench.harness.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserFileTest {

    private static String problem(Path file) {
        return assertThrows(UserFile.Problem.class, () -> UserFile.read(file, "a workload file", 1 << 20))
                .getMessage();
    }

    @Test
    void everyMistakeIsASentence(@TempDir Path dir) throws Exception {
        assertTrue(problem(dir.resolve("missing.json")).contains("does not exist"));
        assertTrue(problem(dir).contains("is a folder"));
        Path latin1 = Files.write(dir.resolve("latin1.json"), new byte[] {'{', '"', (byte) 0xE9, '"', '}'});
        assertTrue(problem(latin1).contains("byte 0xE9 at offset 2 is not UTF-8"), problem(latin1));
        Path bom = Files.write(dir.resolve("bom.json"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'});
        assertTrue(problem(bom).contains("byte order mark"), problem(bom));
        Path big = Files.write(dir.resolve("big.json"), new byte[(1 << 20) + 1]);
        assertTrue(problem(big).contains("is at most 1048576"), problem(big));
        assertEquals("{\"é\": 1}", UserFile.read(Files.writeString(dir.resolve("ok.json"), "{\"é\": 1}"), "x", 100));
    }

    @Test
    void aFifoOrADeviceIsRefusedWithoutBeingOpened(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        // opening a FIFO with no writer blocks for ever: the refusal must come without it
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertTrue(problem(fifo).contains("not a regular file")));
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertTrue(problem(Path.of("/dev/zero")).contains("not a regular file")));
    }
}
