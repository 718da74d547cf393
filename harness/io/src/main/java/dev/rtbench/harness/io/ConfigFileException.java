package dev.rtbench.harness.io;

import java.util.List;

/**
 * A configuration file (daemon.json, containerd's config.toml) that cannot be read, edited or
 * written safely. The message says what is wrong, where ({@code file:line:column} when known) and
 * what to do; {@link #problems()} lists every individual problem when there were several.
 */
public class ConfigFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ConfigFileException(String message) {
        this(message, List.of(), null);
    }

    public ConfigFileException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    public ConfigFileException(String message, List<String> problems) {
        this(message, problems, null);
    }

    protected ConfigFileException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    /** One message listing every problem, one per line, under a header. */
    protected static String listed(String header, List<String> problems) {
        StringBuilder sb = new StringBuilder(header);
        for (String p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p);
        }
        return sb.toString();
    }

    /** The individual problems (empty when the message itself is the only problem). */
    public List<String> problems() {
        return problems;
    }
}
