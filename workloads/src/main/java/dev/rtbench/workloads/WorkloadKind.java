package dev.rtbench.workloads;

/** Whether the harness times a container's life cycle or a workload run inside a container. */
public enum WorkloadKind {
    /**
     * One step of a container's life (create, start, stop, ...), timed by the harness from
     * outside on a fresh container per sample; the container's own output is not parsed.
     */
    LIFECYCLE,
    /**
     * A script exec'd into a long-running container ({@link Workloads#IDLE_COMMAND}); the
     * harness times the whole exec and the script reports what it measured itself.
     */
    EXECUTION
}
