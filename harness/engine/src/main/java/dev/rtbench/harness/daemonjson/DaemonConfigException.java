package dev.rtbench.harness.daemonjson;

import dev.rtbench.harness.io.ConfigFileException;
import java.util.List;

/**
 * A daemon.json that cannot be read, edited or written safely. The message says what is wrong,
 * where ({@code file:line:column} when known) and what to do; {@link #problems()} lists every
 * individual problem when there were several.
 */
public class DaemonConfigException extends ConfigFileException {
    private static final long serialVersionUID = 1L;

    public DaemonConfigException(String message) {
        super(message);
    }

    public DaemonConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    public DaemonConfigException(String message, List<String> problems) {
        super(message, problems);
    }

    /** Builds one exception listing every problem, one per line, under a header. */
    static DaemonConfigException of(String header, List<String> problems) {
        return new DaemonConfigException(listed(header, problems), problems);
    }

    /** The shared file machinery's refusal as a daemon.json one, so callers catch one type. */
    static DaemonConfigException of(ConfigFileException e) {
        return e instanceof DaemonConfigException d ? d : new DaemonConfigException(e.getMessage(), e);
    }
}
