package dev.rtbench.workloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A standard benchmark program the workload image copies from the host, with the Debian package
 * that installs it there. Nothing is downloaded: a program missing on the host leaves its
 * workloads {@linkplain Workloads#unavailable() unavailable}, with a reason naming the package.
 */
public enum HostTool {
    SYSBENCH("/usr/bin/sysbench", "sysbench"),
    STRESS_NG("/usr/bin/stress-ng", "stress-ng"),
    HACKBENCH("/usr/bin/hackbench", "rt-tests"),
    FIO("/usr/bin/fio", "fio"),
    IPERF3("/usr/bin/iperf3", "iperf3"),
    REDIS_SERVER("/usr/bin/redis-server", "redis-server"),
    REDIS_CLI("/usr/bin/redis-cli", "redis-tools"),
    REDIS_BENCHMARK("/usr/bin/redis-benchmark", "redis-tools"),
    NGINX("/usr/sbin/nginx", "nginx-light"),
    WRK("/usr/bin/wrk", "wrk");

    private final String path;
    private final String debianPackage;

    HostTool(String path, String debianPackage) {
        this.path = path;
        this.debianPackage = debianPackage;
    }

    /** Where the program is on the host, and where the image puts it. */
    public String path() {
        return path;
    }

    /** The Debian package that installs it ({@code nginx} and {@code nginx-full} do too, for nginx). */
    public String debianPackage() {
        return debianPackage;
    }

    /** The tool at image path {@code path}. */
    public static HostTool at(String path) {
        for (HostTool t : values()) {
            if (t.path.equals(path)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no host tool is installed at " + path);
    }

    /** Why each tool cannot go into the image, for those that cannot; executables tested by {@code present}. */
    static Map<HostTool, String> missing(Predicate<String> present) {
        Map<HostTool, String> missing = new LinkedHashMap<>();
        for (HostTool t : values()) {
            if (!present.test(t.path)) {
                missing.put(t, t.path + " is not installed on this host: `apt-get install " + t.debianPackage + "`");
            }
        }
        return missing;
    }

    /** {@link #missing(Predicate)} on this host's files. */
    static Map<HostTool, String> missingOnHost() {
        return missing(p -> Files.isExecutable(Path.of(Objects.requireNonNull(p))));
    }
}
