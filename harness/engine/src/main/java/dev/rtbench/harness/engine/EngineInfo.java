package dev.rtbench.harness.engine;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the daemon says about itself ({@code GET /version} and {@code GET /info}).
 *
 * @param runtimes       registered runtime name to its path (null path for a shim entry)
 * @param runtimeArgs    runtime name to its runtimeArgs, where it has any
 * @param defaultRuntime the daemon's default runtime
 * @param storageDriver  the daemon's storage driver (e.g. {@code overlay2})
 * @param backingFilesystem the file system under it, as the daemon names it (e.g. {@code extfs}), or null
 */
public record EngineInfo(
        String serverVersion,
        String apiVersion,
        String containerdVersion,
        String kernelVersion,
        String operatingSystem,
        int cpus,
        long memoryBytes,
        String cgroupDriver,
        String cgroupVersion,
        String defaultRuntime,
        Map<String, String> runtimes,
        Map<String, List<String>> runtimeArgs,
        String storageDriver,
        String backingFilesystem) {

    /**
     * A CRI server's, in a run that started no Docker engine: no Docker version; the server's name and version
     * where dockerd's containerd version goes; the cgroup driver and the storage (containerd's snapshotter, and the
     * file system under it) where rtbench knows them, for a containerd it configured, else null.
     */
    public static EngineInfo ofCri(String server, String cgroupDriver, String snapshotter, String backingFs) {
        return new EngineInfo(null, null, server, RuntimeVerifier.hostKernel(), null,
                Runtime.getRuntime().availableProcessors(), 0, cgroupDriver, null, null, Map.of(), Map.of(), snapshotter,
                backingFs);
    }

    /** What {@code GET /version} and {@code GET /info} answered. */
    static EngineInfo of(Version v, Info i) {
        String containerd = null;
        if (v.getComponents() != null) {
            for (VersionComponent c : v.getComponents()) {
                if ("containerd".equalsIgnoreCase(c.getName())) {
                    containerd = c.getVersion();
                }
            }
        }
        Map<String, String> runtimes = new LinkedHashMap<>();
        Map<String, List<String>> args = new LinkedHashMap<>();
        Object raw = i.getRawValues().get("Runtimes");
        if (raw instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                String name = String.valueOf(e.getKey());
                String path = null;
                if (e.getValue() instanceof Map<?, ?> entry) {
                    path = entry.get("path") == null ? null : String.valueOf(entry.get("path"));
                    if (entry.get("runtimeArgs") instanceof List<?> l) {
                        args.put(name, l.stream().map(String::valueOf).toList());
                    }
                }
                runtimes.put(name, path);
            }
        }
        Object cgroupVersion = i.getRawValues().get("CgroupVersion");
        return new EngineInfo(
                v.getVersion(),
                v.getApiVersion(),
                containerd,
                i.getKernelVersion(),
                i.getOperatingSystem(),
                i.getNCPU() == null ? 0 : i.getNCPU(),
                i.getMemTotal() == null ? 0 : i.getMemTotal(),
                i.getCGroupDriver(),
                cgroupVersion == null ? null : String.valueOf(cgroupVersion),
                (String) i.getRawValues().get("DefaultRuntime"),
                runtimes,
                args,
                i.getDriver(),
                backingFilesystem(i.getDriverStatuses()));
    }

    /** The "Backing Filesystem" pair of the storage driver's status, or null. */
    static String backingFilesystem(List<List<String>> statuses) {
        if (statuses != null) {
            for (List<String> pair : statuses) {
                if (pair != null && pair.size() == 2 && "Backing Filesystem".equals(pair.get(0))) {
                    return pair.get(1);
                }
            }
        }
        return null;
    }

    /** Docker's major version, e.g. 20 for 20.10.24; 0 when it cannot be read. */
    public int majorVersion() {
        return InstalledDockerd.major(serverVersion);
    }
}
