package dev.rtbench.harness.daemonjson;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves a runtime {@code path} the way dockerd does: Go's {@code exec.LookPath} uses a name
 * that contains '/' as is and searches a bare name on PATH (an empty PATH element means the
 * current directory). Package-private.
 */
final class Executables {

    private Executables() {
    }

    /** Null when {@code path} resolves to an executable file, otherwise what is wrong and what to do. */
    static String problem(String path, String searchPath) {
        if (path.indexOf('/') >= 0) {
            return check(path, path);
        }
        String pathEnv = searchPath == null ? "" : searchPath;
        for (String dir : pathEnv.split(File.pathSeparator, -1)) {
            String candidate = (dir.isEmpty() ? "." : dir) + "/" + path;
            if (check(candidate, path) == null) {
                return null;
            }
        }
        return "\"" + path + "\" was not found as an executable on PATH (" + pathEnv + "): install the runtime, "
                + "or set \"path\" to its absolute location (dockerd searches its own PATH, which may differ)";
    }

    private static String check(String candidate, String configured) {
        Path p;
        try {
            p = Path.of(candidate);
        } catch (InvalidPathException e) {
            return "path \"" + configured + "\" is not a valid file name: fix \"path\" in daemon.json";
        }
        if (!Files.exists(p)) {
            return "path " + configured + " does not exist: install the runtime there, or fix \"path\" in daemon.json";
        }
        if (Files.isDirectory(p)) {
            return "path " + configured + " is a directory, not the runtime binary: point \"path\" at the binary";
        }
        if (!Files.isExecutable(p)) {
            return "path " + configured + " is not executable: chmod +x it, or fix \"path\" in daemon.json";
        }
        return null;
    }
}
