package dev.rtbench.harness.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The logs of the daemons rtbench starts, read to explain a failure. */
public final class LogFiles {
    private LogFiles() {}

    /** The last {@code lines} lines of {@code log}, or a note saying why there are none; never throws. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
