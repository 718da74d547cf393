package dev.rtbench.harness.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutablesTest {

    @TempDir
    Path tmp;

    private Path file(String dir, String name, String mode) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(dir));
        Path f = Files.writeString(d.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void theFirstExecutableFileOnTheSearchPathWins() throws Exception {
        file("a", "tool", "rw-r--r--");
        Files.createDirectories(tmp.resolve("b/tool"));
        Path c = file("c", "tool", "rwxr-xr-x");
        file("d", "tool", "rwxr-xr-x");
        List<String> dirs = List.of(tmp.resolve("a").toString(), tmp.resolve("b").toString(),
                tmp.resolve("c").toString(), tmp.resolve("d").toString());
        assertEquals(Optional.of(c), Executables.find("tool", dirs));
        assertEquals(Optional.empty(), Executables.find("other", dirs));
    }

    @Test
    void aNameWithASlashIsTakenAsItIs() throws Exception {
        Path c = file("c", "tool", "rwxr-xr-x");
        assertEquals(Optional.of(c), Executables.find(c.toString(), List.of()));
        assertEquals(Optional.empty(), Executables.find(tmp.resolve("c/none").toString(), List.of("/usr/bin")));
    }

    @Test
    void problemsAreWordedForADaemonJsonPath() throws Exception {
        Path c = file("c", "tool", "rwxr-xr-x");
        Path plain = file("a", "plain", "rw-r--r--");
        assertNull(Executables.problem("tool", tmp.resolve("x") + ":" + tmp.resolve("c")));
        assertNull(Executables.problem(c.toString(), ""));
        assertTrue(Executables.problem(plain.toString(), "").contains("is not executable: chmod +x it"));
        assertTrue(Executables.problem(tmp.toString(), "").contains("is a directory"));
        assertTrue(Executables.problem("tool", "/nonexistent").startsWith("\"tool\" was not found as an executable"
                + " on PATH (/nonexistent)"));
    }

    @Test
    void emptyPathElementsAreKept() {
        assertEquals(List.of("/a", "", "/b"), Executables.dirsOf("/a::/b"));
        assertEquals(List.of(), Executables.dirsOf(""));
        assertTrue(Executables.hostDirs("/opt/x").containsAll(List.of("/usr/sbin", "/opt/x")));
    }
}
