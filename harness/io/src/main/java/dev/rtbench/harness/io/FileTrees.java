package dev.rtbench.harness.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of the folders rtbench makes for itself (a managed daemon's, an engine's scratch). */
public final class FileTrees {
    private FileTrees() {}

    /**
     * Deletes {@code dir} and everything below it, as far as it can: for clean-up paths, which must go on. A file
     * still held (a mount that could not be undone) stays behind, and so do its parents.
     */
    public static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort, see above
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
