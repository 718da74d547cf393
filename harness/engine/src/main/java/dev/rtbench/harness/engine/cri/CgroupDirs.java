package dev.rtbench.harness.engine.cri;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The cgroup folders a managed containerd's containers leave. containerd's CRI puts each container in
 * {@code /k8s.io/ID} of every hierarchy (no cgroup parent is given); the runtime removes that folder when it
 * deletes the container, but not the {@code k8s.io} folder above it, nor the folder of a container whose runtime
 * was killed. Only empty folders can be removed, so nothing that still holds a process is touched.
 */
final class CgroupDirs {
    static final Path ROOT = Path.of("/sys/fs/cgroup");
    static final String PARENT = "k8s.io";

    private CgroupDirs() {}

    /** The {@code k8s.io} folders there are now, in every hierarchy (cgroup v1's controllers, or v2's one). */
    static Set<Path> parents(Path root) {
        try (Stream<Path> s = Files.walk(root, 2)) {
            return Set.copyOf(s.filter(p -> p.getFileName() != null && p.getFileName().toString().equals(PARENT))
                    .filter(Files::isDirectory).toList());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /**
     * Removes the empty folders of these containers in every {@code k8s.io} folder, then the {@code k8s.io}
     * folders that were not there before ({@code before}) and are empty now. Never throws.
     */
    static void removeLeft(Path root, Collection<String> ids, Set<Path> before) {
        for (Path parent : parents(root)) {
            for (String id : ids) {
                Path dir = parent.resolve(id);
                if (Files.isDirectory(dir)) {
                    removeEmptyTree(dir);
                }
            }
            if (!before.contains(parent)) {
                try {
                    // itself only: what else is in it is not known to be ours
                    Files.delete(parent);
                } catch (IOException notEmpty) {
                    // it stays
                }
            }
        }
    }

    /** cgroup folders are removed with rmdir, deepest first; a folder with a process in it stays. */
    private static void removeEmptyTree(Path dir) {
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(dir)) {
            dirs = s.filter(Files::isDirectory).sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (Path d : dirs) {
            try {
                Files.delete(d);
            } catch (IOException busy) {
                // not empty (a process is in it) or not ours to remove: it stays
            }
        }
    }
}
