package dev.rtbench.workloads;

import static dev.rtbench.workloads.ExecutionWorkloads.sizes;
import static dev.rtbench.workloads.ExecutionWorkloads.tool;
import static dev.rtbench.workloads.Workloads.ROOTFS;
import static dev.rtbench.workloads.Workloads.SCRIPT_DIR;
import static dev.rtbench.workloads.Workloads.VOLUME;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The catalogue's storage workloads: fio on the container's own root filesystem and on a fresh
 * volume the harness mounts. Times in the comments are as {@link Workloads}' execution section says.
 */
final class StorageWorkloads {

    static final List<Workload> WORKLOADS = List.of(
            // storage: fio, buffered psync, a 32 MiB file laid out (and fsync'ed) by the untimed setup and removed by
            // the cleanup of every sample (a file kept for the container's life made two containers of one runc
            // differ: its page cache stays charged to the container's memory cgroup; 128 MiB took 0.4-0.6 s to lay out)
            // random and sequential 800 ms a job (two jobs): runc ~2.3 s, runsc ~2.4 s (1000 ms gave 2.6-3.0 s);
            // (captured: random runc 2.14-2.45 s, runsc 2.25-2.47 s; sequential runc 2.13-2.28 s, runsc 2.24-2.45 s);
            // fsync 1200 ms: runc 1.54-1.74 s, runsc 1.63-1.93 s. Setup (layout) 0.1-0.3 s, untimed
            // Reads are of the cached file under both runtimes (--invalidate=0): with fio's default, which drops the
            // file's cache before each job, runc read 17,700 IOPS from the disk and gVisor 27,500 from its memory;
            // cached, runc read 859,000 and gVisor 54,000 (quick, 2026-11-29)
            storage("random", ROOTFS, "random 4 KiB reads of the cached file (IOPS, completion latency), then random "
                    + "4 KiB writes into the page cache, each job for a fixed time", "IOPS", 800, ToolParsers::fioRandom),
            storage("sequential", ROOTFS, "sequential 1 MiB reads of the cached file, then sequential 1 MiB writes "
                    + "into the page cache, each job for a fixed time (bandwidth)", "MiB/s", 800,
                    ToolParsers::fioSequential),
            storage("fsync", ROOTFS, "4 KiB sequential writes each followed by fsync(2), for a fixed time: the "
                    + "fsync latency. What decides it: under runc fsync goes through overlayfs to the host's "
                    + "filesystem of the daemon's data-root and its device; under gVisor (2022) the sentry "
                    + "forwards it to the gofer, which fsyncs the host file (no --overlay memory layer in that "
                    + "version). A volume is a bind of the host filesystem: the same under runc, through the gofer "
                    + "under gVisor", "writes/s", 1200, ToolParsers::fioFsync),
            storage("random", VOLUME, "random 4 KiB reads, then random 4 KiB writes, each for a fixed time, on a "
                    + "fresh volume", "IOPS", 800, ToolParsers::fioRandom),
            storage("sequential", VOLUME, "sequential 1 MiB reads, then writes, each for a fixed time, on a fresh "
                    + "volume", "MiB/s", 800, ToolParsers::fioSequential),
            storage("fsync", VOLUME, "4 KiB writes each followed by fsync(2) on a fresh volume (a bind of the host "
                    + "filesystem: runc reaches it directly, gVisor through its gofer)", "writes/s", 1200,
                    ToolParsers::fioFsync));

    private StorageWorkloads() {
    }

    /** A fio workload on {@code dir}: the root filesystem, or the volume the harness mounts. */
    private static Workload storage(String mode, String dir, String stresses, String unit, long ms,
                                    BiFunction<ToolOutput, String, List<Measurement>> measure) {
        boolean volume = dir.equals(VOLUME);
        String name = "fio-" + mode + (volume ? "-volume" : "");
        String where = volume ? " (on " + VOLUME + ", a fresh volume the harness mounts)"
                : " (on the container's own root filesystem, " + ROOTFS + ": overlayfs under runc, "
                + "gVisor's gofer-backed root)";
        String fio = SCRIPT_DIR + "/fio.sh";
        return tool(name, "storage: fio " + stresses + where, unit, List.of("fio.sh", mode, dir), sizes("ms", ms),
                List.of(HostTool.FIO), List.of("/bin/sh", fio, "layout", dir), List.of("/bin/sh", fio, "remove", dir),
                volume ? Optional.of(VOLUME) : Optional.empty(), measure);
    }
}
