package dev.rtbench.harness.runtime;

import dev.rtbench.harness.io.Subprocess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file-system configuration a gVisor runtime runs with, which decides what its file workloads measure (a
 * gofer in front of the host's files or an overlay in the sandbox's memory; what fsync reaches): each flag as
 * the entry's {@code runtimeArgs} set it, else the default this runsc states in {@code runsc flags}.
 */
public final class GvisorFileSystem {

    /** The flags that shape the sandbox's file system, in the order they are reported. */
    static final List<String> FLAGS = List.of("overlay", "overlay2", "file-access", "file-access-mounts", "directfs");

    private static final Pattern DEFAULT_AFTER = Pattern.compile("\\(default ([^)]+)\\)\\s*$");
    private static final Pattern DEFAULT_BEFORE = Pattern.compile("(\\w+) \\(default\\)");

    private GvisorFileSystem() {}

    /** One line for a run's notes, e.g. {@code file-access=exclusive (runsc's default), overlay2=root:memory (set)}. */
    public static String describe(String binary, List<String> runtimeArgs) {
        String flags;
        try {
            Subprocess.Result r = Subprocess.run(List.of(binary, "flags"), Duration.ofSeconds(10));
            flags = r.stdout() + r.stderr();
        } catch (RuntimeException e) {
            flags = "";
        }
        return describe(flags, runtimeArgs, binary);
    }

    static String describe(String flagsOutput, List<String> runtimeArgs, String binary) {
        Map<String, String> stated = defaults(flagsOutput);
        List<String> parts = new ArrayList<>();
        for (String flag : FLAGS) {
            String set = runtimeArgs.stream().filter(a -> a.equals("--" + flag) || a.startsWith("--" + flag + "="))
                    .map(a -> a.contains("=") ? a.substring(a.indexOf('=') + 1) : "true").reduce((a, b) -> b)
                    .orElse(null);
            if (set != null) {
                parts.add(flag + "=" + set + " (set in runtimeArgs)");
            } else if (stated.containsKey(flag)) {
                String d = stated.get(flag);
                parts.add(flag + "=" + (d.isEmpty() ? "unset" : d) + " (this runsc's default)");
            }
        }
        return binary + " file system: " + (parts.isEmpty() ? "no file-system flags known to this runsc"
                : String.join(", ", parts));
    }

    /** Flag name to the default its description states ("" when the flag exists but states none). */
    static Map<String, String> defaults(String flagsOutput) {
        Map<String, String> out = new LinkedHashMap<>();
        String name = null;
        StringBuilder text = new StringBuilder();
        for (String line : (flagsOutput + "\n  -end").split("\n")) {
            if (line.startsWith("  -")) {
                if (name != null && FLAGS.contains(name)) {
                    out.put(name, defaultIn(text.toString().strip()));
                }
                String head = line.substring(3).strip();
                name = head.contains(" ") ? head.substring(0, head.indexOf(' ')) : head;
                text.setLength(0);
            } else {
                text.append(' ').append(line.strip());
            }
        }
        return out;
    }

    private static String defaultIn(String description) {
        Matcher after = DEFAULT_AFTER.matcher(description);
        if (after.find()) {
            return after.group(1);
        }
        Matcher before = DEFAULT_BEFORE.matcher(description);
        return before.find() ? before.group(1) : "";
    }
}
