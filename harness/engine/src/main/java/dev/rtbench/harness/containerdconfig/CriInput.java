package dev.rtbench.harness.containerdconfig;

import dev.rtbench.harness.io.Executables;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What rtbench lets into a CRI runtime handler it writes. A handler's name is what a Kubernetes
 * RuntimeClass names in {@code handler}, which the API server accepts only as a DNS label (RFC 1123:
 * lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63
 * characters), so rtbench refuses any other name rather than write a handler no pod could select.
 * A binary must be an absolute path to an executable file: containerd's runc shim executes
 * {@code BinaryName} as it is, with no arguments and its own PATH.
 */
public final class CriInput {

    /** The longest handler name Kubernetes accepts. */
    public static final int MAX_NAME_LENGTH = 63;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private CriInput() {
    }

    /** Why {@code name} cannot be a CRI handler name, or null when it can. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "a runtime handler name must not be empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "runtime handler name \"" + name.substring(0, 20) + "...\" is " + name.length() + " characters long; at most "
                    + MAX_NAME_LENGTH + " are allowed (a Kubernetes RuntimeClass handler is a DNS label)";
        }
        if (!DNS_LABEL.matcher(name).matches()) {
            return "runtime handler name " + TomlText.quote(name) + " is not a DNS label: use lowercase letters, digits"
                    + " and '-', starting and ending with a letter or digit (a Kubernetes RuntimeClass can select only such"
                    + " a handler)";
        }
        return null;
    }

    static void requireName(String name) {
        String p = nameProblem(name);
        if (p != null) {
            throw new ContainerdConfigException(p);
        }
    }

    /**
     * Every reason {@code rt} cannot be written as handler {@code name}: the name, and its
     * {@code BinaryName}, which must be absolute and (checked on {@code searchPath}'s host) an
     * executable file.
     */
    public static List<String> problems(String name, CriRuntime rt, boolean checkFiles) {
        List<String> out = new ArrayList<>();
        String n = nameProblem(name);
        if (n != null) {
            out.add(n);
        }
        String b = rt.binaryName();
        if (b != null) {
            String who = "runtime \"" + name + "\": ";
            if (b.isEmpty()) {
                out.add(who + "an empty BinaryName makes the runc shim run \"runc\" from containerd's PATH: give the binary's"
                        + " absolute path");
            } else if (!b.startsWith("/")) {
                out.add(who + "path " + TomlText.quote(b) + " is not absolute: give the full path (e.g. /usr/bin/"
                        + b.substring(b.lastIndexOf('/') + 1) + "), since containerd's shim uses its own PATH");
            } else if (b.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                out.add(who + "path " + TomlText.quote(b) + " holds a control character: give a plain file name");
            } else if (checkFiles) {
                String p = Executables.problem(b, null);
                if (p != null) {
                    out.add(who + p.replace("fix \"path\" in daemon.json", "give another path")
                            .replace("point \"path\" at the binary", "give the binary's path"));
                }
            }
        }
        return List.copyOf(out);
    }
}
