package dev.rtbench.harness.engine.cri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupDirsTest {

    @Test
    void removesTheContainersEmptyFoldersAndTheParentsItMade(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("pids/k8s.io"));
        Set<Path> before = CgroupDirs.parents(root);
        assertEquals(Set.of(root.resolve("pids/k8s.io")), before);
        Files.createDirectories(root.resolve("pids/k8s.io/aaaa/sub"));
        Files.createDirectories(root.resolve("pids/k8s.io/bbbb"));
        Files.createDirectories(root.resolve("memory/k8s.io/aaaa"));
        Files.createDirectories(root.resolve("memory/k8s.io/cccc"));
        // a folder that still holds something (a process, in a real hierarchy) stays
        Files.createDirectories(root.resolve("unified/k8s.io/aaaa"));
        Files.writeString(root.resolve("unified/k8s.io/aaaa/cgroup.procs"), "42\n");

        CgroupDirs.removeLeft(root, List.of("aaaa", "bbbb"), before);

        assertFalse(Files.exists(root.resolve("pids/k8s.io/aaaa")));
        assertFalse(Files.exists(root.resolve("pids/k8s.io/bbbb")));
        assertTrue(Files.exists(root.resolve("pids/k8s.io")), "it was there before");
        assertFalse(Files.exists(root.resolve("memory/k8s.io/aaaa")));
        assertTrue(Files.exists(root.resolve("memory/k8s.io/cccc")), "not one of ours");
        assertTrue(Files.exists(root.resolve("unified/k8s.io/aaaa/cgroup.procs")));

        CgroupDirs.removeLeft(root, List.of("cccc"), before);
        assertFalse(Files.exists(root.resolve("memory/k8s.io")), "made during the run, and empty now");
    }
}
