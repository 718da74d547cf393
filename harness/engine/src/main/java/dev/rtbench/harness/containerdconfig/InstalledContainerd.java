package dev.rtbench.harness.containerdconfig;

import dev.rtbench.harness.io.Executables;
import dev.rtbench.harness.io.Subprocess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The containerd installed on this host and what it says of itself, asked without changing anything:
 * {@code containerd --version}, and for a running one {@code ctr --address SOCKET plugins ls}
 * (read-only) to see whether its CRI plugin loaded.
 */
public final class InstalledContainerd {

    /** Where a host's containerd listens by default. */
    public static final Path SYSTEM_SOCKET = Path.of("/run/containerd/containerd.sock");

    // "containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3", "... containerd/v2 v2.0.0 ..."
    private static final Pattern VERSION = Pattern.compile("(?:^|\\s)v?(\\d+)\\.(\\d+)\\.\\d+[\\w.+~-]*");

    private InstalledContainerd() {
    }

    /** The containerd binary on this host (PATH, then root's tool folders), if any. */
    public static Optional<Path> find() {
        return Executables.find("containerd", Executables.hostDirs());
    }

    /** Its version ({@code 1.6.20~ds1}), or null when not installed or it does not answer. */
    public static String version() {
        return find().map(InstalledContainerd::versionOf).orElse(null);
    }

    static String versionOf(Path containerd) {
        try {
            return parseVersion(Subprocess.run(List.of(containerd.toString(), "--version"), Duration.ofSeconds(10)).combined());
        } catch (Subprocess.SubprocessException e) {
            return null;
        }
    }

    /** The version in {@code containerd --version}'s line, without a leading 'v', or null. */
    static String parseVersion(String versionLine) {
        Matcher m = VERSION.matcher(versionLine == null ? "" : versionLine);
        return m.find() ? m.group().strip().replaceFirst("^v", "") : null;
    }

    /**
     * Whether this containerd has the CRI plugin compiled in: its {@code config default} (printed,
     * nothing started or changed) has the CRI plugin's section. Null when it cannot tell.
     */
    public static Boolean criBuiltIn(Path containerd) {
        try {
            Subprocess.Result r = Subprocess.run(List.of(containerd.toString(), "config", "default"), Duration.ofSeconds(10));
            if (!r.succeeded()) {
                return null;
            }
            return r.stdout().contains("\"" + ContainerdConfig.CRI_V2 + "\"") || r.stdout().contains("\"" + ContainerdConfig.CRI_V3 + "\"");
        } catch (Subprocess.SubprocessException e) {
            return null;
        }
    }

    /** The config version a new config.toml gets for this containerd: 3 for containerd 2.x, else 2. */
    public static int configVersionFor(String containerdVersion) {
        Matcher m = VERSION.matcher(containerdVersion == null ? "" : " " + containerdVersion);
        return m.find() && Integer.parseInt(m.group(1)) >= 2 ? 3 : 2;
    }

    /**
     * The CRI plugin's line of {@code ctr plugins ls}: its status ({@code ok}, {@code skip},
     * {@code error}), or null when the listing has no CRI plugin at all.
     */
    public static String criStatus(String pluginsListing) {
        for (String line : pluginsListing.split("\\R")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[0].equals("io.containerd.grpc.v1") && f[1].equals("cri")) {
                return f[f.length - 1];
            }
        }
        return null;
    }

    /**
     * Asks the containerd listening at {@code socket} for its plugins (read-only) and returns the
     * CRI plugin's status, or a sentence saying why it could not be asked.
     */
    public static CriPluginCheck checkCri(Path socket) {
        Optional<Path> ctr = Executables.find("ctr", Executables.hostDirs());
        if (ctr.isEmpty()) {
            return new CriPluginCheck(null, "no ctr binary (it comes with containerd) to ask the running containerd");
        }
        try {
            Subprocess.Result r = Subprocess.run(List.of(ctr.get().toString(), "--address", socket.toString(), "plugins", "ls"),
                    Duration.ofSeconds(10));
            if (!r.succeeded()) {
                return new CriPluginCheck(null, "ctr --address " + socket + " plugins ls failed: " + r.combined().strip());
            }
            String status = criStatus(r.stdout());
            return new CriPluginCheck(status, status == null ? "the running containerd lists no CRI plugin" : null);
        } catch (Subprocess.SubprocessException e) {
            return new CriPluginCheck(null, e.getMessage());
        }
    }

    /** A running containerd's CRI plugin status ({@code ok}, {@code skip}, {@code error}) or why it is unknown. */
    public record CriPluginCheck(String status, String problem) {
        public boolean ok() {
            return "ok".equals(status);
        }
    }
}
