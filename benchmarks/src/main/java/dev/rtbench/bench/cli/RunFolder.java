package dev.rtbench.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder a run writes ({@code --out}), checked before anything starts: rtbench never writes over a run. An
 * earlier run's folder would get its results.json and report replaced, and its charts mixed with the new ones.
 */
final class RunFolder {

    private RunFolder() {
    }

    /** {@code dir} if a run may be written there: missing, or an empty folder. */
    static Path check(Path dir, String option) {
        if (Files.isRegularFile(dir.resolve("results.json"))) {
            throw new UsageException(option + " " + dir + " holds a run already (results.json): rtbench never writes"
                    + " over a run; give a new folder (`java -jar benchmarks.jar report " + dir + "` remakes that"
                    + " run's report)");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(option + " " + dir + " is a file, not a folder: give a new folder for the run");
        }
        if (Files.isDirectory(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageException(option + " " + dir + " is not empty: give a new or empty folder, so that"
                            + " nothing of yours is overwritten and nothing of it is taken for the run's");
                }
            } catch (IOException e) {
                throw new UsageException(option + " " + dir + " cannot be read: " + e.getMessage());
            }
        }
        return dir;
    }
}
