package dev.rtbench.harness.daemonjson;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What rtbench lets into a runtime entry it writes, beyond Docker's own rules. Docker 20.10 to 24
 * turns a {@code path} runtime with {@code runtimeArgs} into a file named after the runtime under
 * its data root ({@code runtimes/NAME}) holding {@code #!/bin/sh} and the path and arguments joined
 * by spaces: a name is a file name there, and the path and arguments are shell words. So a name is
 * letters, digits, '.', '_' and '-' (not starting with '-', not "." or "..", at most
 * {@value #MAX_NAME_LENGTH} characters), and the path and each argument hold no whitespace and no
 * character the shell would interpret.
 */
public final class RuntimeInput {

    /** The longest runtime name rtbench writes. */
    public static final int MAX_NAME_LENGTH = 64;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    // Characters a POSIX shell takes literally in an unquoted word; '~' and '#' only mean something at a word's
    // start, but no runtime flag needs them, so they are refused everywhere.
    private static final Pattern SHELL_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private RuntimeInput() {
    }

    /** Why {@code name} cannot be a runtime name, or null when it can. */
    public static String nameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "a runtime name must not be empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "runtime name \"" + name.substring(0, 20) + "...\" is " + name.length()
                    + " characters long; at most " + MAX_NAME_LENGTH + " are allowed";
        }
        if (!NAME.matcher(name).matches()) {
            return "runtime name " + JsonText.quote(name) + " has " + describe(firstOutside(name, NAME))
                    + ": use letters, digits, '.', '_' and '-' only (Docker makes a file of this name)";
        }
        if (name.startsWith("-")) {
            return "runtime name \"" + name + "\" starts with '-', which reads as an option: start it with a letter or digit";
        }
        if (name.equals(".") || name.equals("..")) {
            return "runtime name \"" + name + "\" names a folder, not a file: choose another name";
        }
        return null;
    }

    /**
     * Every reason {@code entry} cannot be written as runtime {@code name}; with
     * {@code absolutePath} a bare or relative {@code path} is refused too (a command line gives
     * absolute paths; Docker would search a bare name on its own PATH).
     */
    public static List<String> problems(String name, RuntimeEntry entry, boolean absolutePath) {
        List<String> out = new ArrayList<>();
        String n = nameProblem(name);
        if (n != null) {
            out.add(n);
        }
        String who = "runtime \"" + name + "\": ";
        if (entry.hasPath()) {
            if (absolutePath && !entry.path().startsWith("/")) {
                out.add(who + "path " + JsonText.quote(entry.path()) + " is not absolute: give the full path (e.g. /usr/bin/"
                        + entry.path().substring(entry.path().lastIndexOf('/') + 1) + ")");
            } else if (!entry.runtimeArgs().isEmpty() && !SHELL_WORD.matcher(entry.path()).matches()) {
                out.add(who + "path " + JsonText.quote(entry.path()) + " has " + describe(firstOutside(entry.path(), SHELL_WORD))
                        + ", and Docker writes the path unquoted into a shell script when there are runtimeArgs");
            }
        }
        for (String arg : entry.runtimeArgs()) {
            if (arg.isEmpty()) {
                out.add(who + "an empty runtimeArgs item would vanish from the shell script Docker writes: leave it out");
            } else if (!SHELL_WORD.matcher(arg).matches()) {
                out.add(who + "runtimeArgs item " + JsonText.quote(arg) + " has " + describe(firstOutside(arg, SHELL_WORD))
                        + ", which Docker would pass unquoted to /bin/sh: give each flag as one item of letters, digits"
                        + " and _@%+=:,./-");
            }
        }
        return List.copyOf(out);
    }

    /** Throws a one-line {@link DaemonConfigException} naming every problem of {@link #problems} (paths may be bare). */
    static void require(String name, RuntimeEntry entry) {
        Objects.requireNonNull(name, "runtime name was not specified");
        Objects.requireNonNull(entry, "runtime entry was not specified");
        List<String> problems = problems(name, entry, false);
        if (!problems.isEmpty()) {
            throw new DaemonConfigException(String.join("; ", problems));
        }
    }

    private static int firstOutside(String s, Pattern allowed) {
        for (int i = 0; i < s.length(); i++) {
            if (!allowed.matcher(s.substring(i, i + 1)).matches()) {
                return s.codePointAt(i);
            }
        }
        return -1;
    }

    private static String describe(int c) {
        if (c == ' ') {
            return "a space";
        }
        if (Character.isWhitespace(c) || Character.isISOControl(c)) {
            return String.format("the control or whitespace character U+%04X", c);
        }
        return "the character '" + new String(Character.toChars(c)) + "'";
    }
}
