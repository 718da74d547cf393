package dev.rtbench.harness.engine;

import dev.rtbench.harness.host.MachineProbe;
import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.Machine;
import dev.rtbench.harness.results.RuntimeEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Properties;

/** Reads what a run must record about the machine and software it measured on. */
public final class EnvironmentProbe {
    private EnvironmentProbe() {}

    public static Environment capture(EngineInfo info, String daemonMode, List<RuntimeEnvironment> runtimes) {
        String[] git = git();
        String kernel = RuntimeVerifier.hostKernel();
        String cpu = cpuModel();
        int cpus = Runtime.getRuntime().availableProcessors();
        long memory = memTotal();
        Machine machine = MachineProbe.host().read(cpu + "\n" + cpus + "\n" + (memory >> 30) + " GiB\n" + kernel,
                info.cgroupDriver(), info.storageDriver(), info.backingFilesystem());
        return new Environment(
                hostname(),
                osName(),
                kernel,
                cpu,
                cpus,
                memory,
                info.serverVersion(),
                info.apiVersion(),
                info.containerdVersion(),
                daemonMode,
                runtimes,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                harnessVersion(),
                git[0],
                "true".equals(git[1]),
                machine);
    }

    /** The version of rtbench that measured, from the build. */
    public static String harnessVersion() {
        try (InputStream in = EnvironmentProbe.class.getResourceAsStream("/rtbench-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring(12).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // not Linux, or a minimal one
        }
        return System.getProperty("os.name");
    }

    static String cpuModel() {
        return Objects.requireNonNullElse(MachineProbe.host().cpuinfo("model name"), System.getProperty("os.arch"));
    }

    static long memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return 0;
    }

    /**
     * The commit the harness was built from and whether its tree had uncommitted changes, as the build recorded
     * them ({@code rtbench-build.properties}); nulls when it was built outside a git tree.
     */
    static String[] git() {
        Properties p = new Properties();
        try (var in = EnvironmentProbe.class.getResourceAsStream("/rtbench-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no record: the commit stays unknown rather than guessed from the working directory
        }
        String commit = p.getProperty("commit", "").strip();
        return new String[] {commit.isEmpty() ? null : commit, p.getProperty("dirty", "false").strip()};
    }
}
