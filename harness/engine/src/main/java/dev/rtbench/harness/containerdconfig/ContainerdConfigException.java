package dev.rtbench.harness.containerdconfig;

import dev.rtbench.harness.io.ConfigFileException;
import java.util.List;

/**
 * A containerd {@code config.toml} that cannot be read, edited or written safely, or an edit of it
 * that is refused. The message says what is wrong, where ({@code file:line:column} when known) and
 * what to do.
 */
public class ContainerdConfigException extends ConfigFileException {
    private static final long serialVersionUID = 1L;

    public ContainerdConfigException(String message) {
        super(message);
    }

    public ContainerdConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    public ContainerdConfigException(String message, List<String> problems) {
        super(message, problems);
    }
}
