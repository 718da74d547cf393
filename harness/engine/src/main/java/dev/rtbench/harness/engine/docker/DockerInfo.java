package dev.rtbench.harness.engine.docker;

import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import dev.rtbench.harness.engine.EngineInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** dockerd's answers to {@code GET /version} and {@code GET /info}, read into the engine's record of itself. */
final class DockerInfo {
    private DockerInfo() {}

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

}
