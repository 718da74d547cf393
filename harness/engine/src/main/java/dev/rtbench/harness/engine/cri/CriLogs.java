package dev.rtbench.harness.engine.cri;

import dev.rtbench.harness.engine.ExecResult;
import java.util.List;

/**
 * Reads the CRI's container log format, which the server writes to the file named by the pod's
 * {@code log_directory} and the container's {@code log_path}: one line per write, {@code TIMESTAMP STREAM TAG
 * CONTENT}, with STREAM {@code stdout} or {@code stderr} and TAG {@code F} for a full line or {@code P} for a
 * part of a longer one (no newline follows it).
 */
final class CriLogs {
    private CriLogs() {}

    /** Stdout and stderr of a log, with the container's own line breaks; the exit code is the caller's. */
    static ExecResult parse(List<String> lines, int exitCode) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String line : lines) {
            String[] f = line.split(" ", 4);
            if (f.length < 3) {
                continue;
            }
            StringBuilder to = f[1].equals("stderr") ? err : out;
            to.append(f.length == 4 ? f[3] : "");
            if (!f[2].startsWith("P")) {
                to.append('\n');
            }
        }
        return new ExecResult(exitCode, out.toString(), err.toString());
    }

    /** The content of the first line of a log that has one, or null. */
    static String firstContent(List<String> lines) {
        for (String line : lines) {
            String[] f = line.split(" ", 4);
            if (f.length >= 3) {
                return f.length == 4 ? f[3] : "";
            }
        }
        return null;
    }
}
