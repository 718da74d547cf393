package dev.rtbench.harness.engine;

import dev.rtbench.harness.engine.docker.InstalledDockerd;
import dev.rtbench.harness.engine.docker.InstalledDockerd;
import java.util.List;
import java.util.Map;

/**
 * What the engine says about itself: dockerd's {@code GET /version} and {@code GET /info} ({@code DockerInfo}), or
 * what a run knows of a CRI server ({@link #ofCri}).
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

    /** Docker's major version, e.g. 20 for 20.10.24; 0 when it cannot be read. */
    public int majorVersion() {
        return InstalledDockerd.major(serverVersion);
    }
}
