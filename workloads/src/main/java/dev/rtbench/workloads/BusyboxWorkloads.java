package dev.rtbench.workloads;

import static dev.rtbench.workloads.ExecutionWorkloads.execution;
import static dev.rtbench.workloads.ExecutionWorkloads.scriptPath;
import static dev.rtbench.workloads.ExecutionWorkloads.sizes;
import static dev.rtbench.workloads.ExecutionWorkloads.withSetup;

import java.util.List;

/**
 * The catalogue's busybox workloads: no tool needed, each measuring something the tool workloads
 * do not, through a script of the image that prints its own result line ({@link ScriptParsers}).
 * Times in the comments are as {@link Workloads}' execution section says.
 */
final class BusyboxWorkloads {

    static final List<Workload> WORKLOADS = List.of(
            // syscall 1000 ms: runc 1.13-1.18 s, runsc 1.18-1.44 s
            execution("syscall", "system-call round trip: busybox dd copying one byte at a time from /dev/zero to "
                    + "/dev/null, two trivial system calls per byte, for a fixed time", "ns", sizes("ms", 1000),
                    ScriptParsers::syscall),
            // process 1000 ms: runc 1.06-1.10 s, runsc 1.11-1.27 s
            execution("process", "process creation: fork, execve of the static busybox as /bin/true, exit "
                    + "and wait, in a loop of busybox sh for a fixed time", "us", sizes("ms", 1000),
                    ScriptParsers::process),
            // file-read 256 MiB x 32 passes: runc 0.36-0.39 s, runsc 0.81-0.86 s (2026-11-28); now a 64 MiB file
            // written before and removed after every sample (a file kept for the container's life made two
            // containers of one runc read 26% apart: its page cache stays charged to the container's cgroup)
            withSetup(execution("file-read", "file reads on the container's own root filesystem: dd of 1 MiB "
                    + "blocks over a 64 MiB file the workload's setup wrote (untimed, before every sample; removed"
                    + " after it), several passes; the file was just written, so this is the cached read path (host"
                    + " page cache under runc, the sentry's cache under gVisor), not the disk", "MiB/s",
                    sizes("mib", 64, "passes", 128), ScriptParsers::fileRead),
                    List.of("/bin/sh", scriptPath("file-read"), "--layout", "64"),
                    List.of("/bin/sh", scriptPath("file-read"), "--remove")),
            // files-small 2000: runc 0.78-1.97 s (~0.45 s on a quieter machine), runsc 2.2-3.4 s (whole exec
            // 2026-11-29: runc 1.0-1.8 s, runsc 1.9-3.2 s)
            execution("files-small", "metadata operations on the container's own root filesystem: create "
                    + "and write, stat, list, remove many small files (shell builtins, one rm -r)", "us",
                    sizes("count", 2000), ScriptParsers::filesSmall));

    private BusyboxWorkloads() {
    }
}
