package dev.rtbench.harness.io;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The project's one lookup of executables, by the rule dockerd applies to a runtime's {@code path} (Go's
 * {@code exec.LookPath}): a name that contains '/' is used as it is; a bare name is searched in the folders in
 * order, an empty folder name meaning the current directory; the first regular executable file wins.
 */
public final class Executables {

    /** Root's tool folders, which a user's PATH may lack. */
    public static final List<String> SYSTEM_DIRS =
            List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private Executables() {
    }

    /** The folders of a PATH-like list, empty elements kept (they mean the current directory). */
    public static List<String> dirsOf(String searchPath) {
        return searchPath == null || searchPath.isEmpty() ? List.of()
                : Arrays.asList(searchPath.split(File.pathSeparator, -1));
    }

    /** This process's PATH, then {@link #SYSTEM_DIRS}, then {@code extra}: where tools on this host are looked for. */
    public static List<String> hostDirs(String... extra) {
        List<String> dirs = new ArrayList<>(dirsOf(System.getenv("PATH")));
        dirs.addAll(SYSTEM_DIRS);
        dirs.addAll(List.of(extra));
        return dirs;
    }

    /** Where {@code name} resolves among {@code dirs}, if it names an executable file. */
    public static Optional<Path> find(String name, List<String> dirs) {
        if (name.indexOf('/') >= 0) {
            return check(name, name) == null ? Optional.of(Path.of(name)) : Optional.empty();
        }
        for (String dir : dirs) {
            String candidate = (dir.isEmpty() ? "." : dir) + "/" + name;
            if (check(candidate, name) == null) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    /**
     * Null when {@code path} resolves to an executable file on {@code searchPath}, otherwise what is wrong and what
     * to do, worded for a daemon.json {@code path}.
     */
    public static String problem(String path, String searchPath) {
        return problem(path, searchPath, "\"path\" in daemon.json");
    }

    /** {@link #problem(String, String)}, with {@code where} naming what the user fixes (e.g. {@code --runtime}). */
    public static String problem(String path, String searchPath, String where) {
        if (path.indexOf('/') >= 0) {
            return check(path, where);
        }
        if (find(path, dirsOf(searchPath == null ? "" : searchPath)).isPresent()) {
            return null;
        }
        return "\"" + path + "\" was not found as an executable on PATH (" + (searchPath == null ? "" : searchPath)
                + "): install the runtime, or give its absolute location in " + where + " (dockerd searches its own"
                + " PATH, which may differ)";
    }

    private static String check(String path, String where) {
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            return "path \"" + path + "\" is not a valid file name: fix " + where;
        }
        if (!Files.exists(p)) {
            return "path " + path + " does not exist: install the runtime there, or fix " + where;
        }
        if (Files.isDirectory(p)) {
            return "path " + path + " is a directory, not the runtime binary: point " + where + " at the binary";
        }
        if (!Files.isExecutable(p)) {
            return "path " + path + " is not executable: chmod +x it, or fix " + where;
        }
        return null;
    }
}
