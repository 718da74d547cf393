package dev.rtbench.harness.daemonjson;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The major.minor part of a Docker engine version, as far as daemon.json rules depend on it
 * ({@code runtimeType}/{@code options} and containerd shim names need 23.0).
 */
public record DockerVersion(int major, int minor) implements Comparable<DockerVersion> {

    // Accepts what `docker version` and distributions print: 20.10.24+dfsg1, v26.1.5, 23.0.0-rc.1.
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:[.+~-].*)?");

    /** First version that knows {@code runtimeType}, {@code options} and shim names as default-runtime. */
    public static final DockerVersion SHIM_RUNTIMES = new DockerVersion(23, 0);

    public DockerVersion {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("Docker version must not be negative: " + major + "." + minor);
        }
    }

    /** Parses {@code 20.10.24+dfsg1}-style versions; throws {@link DaemonConfigException} on anything else. */
    public static DockerVersion parse(String text) {
        Objects.requireNonNull(text, "Docker version was not specified");
        Matcher m = VERSION.matcher(text.trim());
        if (!m.matches()) {
            throw new DaemonConfigException("cannot read Docker version \"" + text
                    + "\": expected something like 20.10.24 or 26.1.5 (as `docker version --format {{.Server.Version}}` prints)");
        }
        try {
            return new DockerVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (NumberFormatException e) {
            throw new DaemonConfigException("cannot read Docker version \"" + text + "\": number too large", e);
        }
    }

    /** Like {@link #parse} but null stays null (version unknown). */
    public static DockerVersion parseNullable(String text) {
        return text == null ? null : parse(text);
    }

    public boolean atLeast(int major, int minor) {
        return compareTo(new DockerVersion(major, minor)) >= 0;
    }

    @Override
    public int compareTo(DockerVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
