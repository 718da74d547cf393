package dev.rtbench.harness.engine;

import java.util.List;
import java.util.Map;

/**
 * What the daemon says about itself ({@code GET /version} and {@code GET /info}).
 *
 * @param runtimes       registered runtime name to its path (null path for a shim entry)
 * @param runtimeArgs    runtime name to its runtimeArgs, where it has any
 * @param defaultRuntime the daemon's default runtime
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
        Map<String, List<String>> runtimeArgs) {

    /** Docker's major version, e.g. 20 for 20.10.24; 0 when it cannot be read. */
    public int majorVersion() {
        return InstalledDockerd.major(serverVersion);
    }
}
