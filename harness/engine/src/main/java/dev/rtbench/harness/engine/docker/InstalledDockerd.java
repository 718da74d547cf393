package dev.rtbench.harness.engine.docker;

import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.daemonjson.DockerVersion;
import dev.rtbench.harness.io.Subprocess;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Docker engine installed on this host, as {@code dockerd --version} tells it (no daemon needs to run). */
public final class InstalledDockerd {
    private static final Pattern VERSION = Pattern.compile("version (\\d+)\\.(\\d+)[.\\w+~-]*");

    private InstalledDockerd() {}

    /** E.g. {@code 20.10.24+dfsg1}, or null when dockerd is not installed or does not answer. */
    public static String local() {
        try {
            String out = Subprocess.run(List.of(ManagedDaemon.findDockerd().toString(), "--version"),
                    Duration.ofSeconds(10)).combined();
            Matcher m = VERSION.matcher(out);
            return m.find() ? m.group().substring("version ".length()) : null;
        } catch (EngineException | Subprocess.SubprocessException e) {
            return null;
        }
    }

    /** The major version (20 for 20.10.24), or 0 when unknown. */
    public static int localMajor() {
        return major(local());
    }

    public static int major(String version) {
        try {
            DockerVersion v = DockerVersion.parseNullable(version);
            return v == null ? 0 : v.major();
        } catch (RuntimeException unreadable) {
            return 0;
        }
    }
}
