package dev.rtbench.harness.daemonjson;

import java.util.List;

/**
 * A daemon.json that cannot be read, edited or written safely. The message says what is wrong,
 * where ({@code file:line:column} when known) and what to do; {@link #problems()} lists every
 * individual problem when there were several.
 */
public class DaemonConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public DaemonConfigException(String message) {
        this(message, List.of(), null);
    }

    public DaemonConfigException(String message, Throwable cause) {
        this(message, List.of(), cause);
    }

    public DaemonConfigException(String message, List<String> problems) {
        this(message, problems, null);
    }

    private DaemonConfigException(String message, List<String> problems, Throwable cause) {
        super(message, cause);
        this.problems = List.copyOf(problems);
    }

    /** Builds one exception listing every problem, one per line, under a header. */
    static DaemonConfigException of(String header, List<String> problems) {
        StringBuilder sb = new StringBuilder(header);
        for (String p : problems) {
            sb.append(System.lineSeparator()).append("  - ").append(p);
        }
        return new DaemonConfigException(sb.toString(), problems);
    }

    /** The individual problems (empty when the message itself is the only problem). */
    public List<String> problems() {
        return problems;
    }
}
