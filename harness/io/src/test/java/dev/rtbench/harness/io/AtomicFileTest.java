package dev.rtbench.harness.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    private List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesByRenameKeepingTheModeOfTheFileItReplaces() throws Exception {
        Path f = dir.resolve("results.json");
        Files.writeString(f, "old");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        Object inode = Files.getAttribute(f, "unix:ino");

        AtomicFile.write(f, "new".getBytes(StandardCharsets.UTF_8));

        assertEquals("new", Files.readString(f));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertNotEquals(inode, Files.getAttribute(f, "unix:ino"), "renamed over, not rewritten in place");
        assertEquals(List.of("results.json"), names(dir), "no temporary file left");
    }

    @Test
    void aNewFileGetsItsFoldersAndMode0644WhateverTheUmask() throws Exception {
        Path f = dir.resolve("run/2026/results.json");
        byte[] bytes = "{}\n".getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(f, bytes);
        assertArrayEquals(bytes, Files.readAllBytes(f));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aFailedRenameLeavesTheTargetAndNoTemporaryFile() throws Exception {
        Path target = Files.createDirectory(dir.resolve("results.json"));
        Files.createFile(target.resolve("keep"));
        assertThrows(IOException.class, () -> AtomicFile.write(target, new byte[] {1}, null));
        assertEquals(List.of("results.json"), names(dir));
        assertEquals(List.of("keep"), names(target));
    }
}
