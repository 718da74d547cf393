package dev.rtbench.harness.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The project's one reader of the mount table ({@code /proc/self/mounts}, in fstab's format). */
public final class Mounts {

    public static final Path SELF = Path.of("/proc/self/mounts");

    private Mounts() {}

    /** One mounted filesystem: what, where, its type and options, with fstab's octal escapes undone. */
    public record Mount(String source, String target, String type, String options) {
        /** True when this mount lies strictly below {@code dir}. */
        public boolean isUnder(Path dir) {
            return target.startsWith(dir.toString() + "/");
        }
    }

    /** The mounts this process sees. */
    public static List<Mount> ofSelf() throws IOException {
        return parse(Files.readAllLines(SELF));
    }

    /**
     * Lazily unmounts every mount below {@code dir}, deepest first: what a daemon that was killed left of its
     * containers (rootfs overlays, shm). A mount that cannot be undone stays; never throws.
     */
    public static void unmountUnder(Path dir) {
        List<String> targets;
        try {
            targets = ofSelf().stream().filter(m -> m.isUnder(dir)).map(Mount::target)
                    .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        } catch (IOException e) {
            return;
        }
        for (String t : targets) {
            try {
                Subprocess.run(List.of("umount", "-l", t), Duration.ofSeconds(10));
            } catch (Subprocess.SubprocessException e) {
                // it stays, and so does the folder holding it
            }
        }
    }

    /** Parses lines of fstab format; lines with fewer than three fields are skipped. */
    public static List<Mount> parse(List<String> lines) {
        List<Mount> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 3 || f[0].isEmpty()) {
                continue;
            }
            out.add(new Mount(unescape(f[0]), unescape(f[1]), unescape(f[2]), f.length > 3 ? unescape(f[3]) : ""));
        }
        return out;
    }

    /** The kernel writes a space as {@code \040}, a tab as {@code \011}, a backslash as {@code \134}. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                b.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
