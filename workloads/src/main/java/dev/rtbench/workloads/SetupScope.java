package dev.rtbench.workloads;

/** How often a workload's setup runs: around every sample, or once for a container of the workload's own. */
public enum SetupScope {
    /**
     * Setup before and cleanup after every sample, in the container shared by the in-container workloads: a file
     * laid out afresh (a file kept for a container's life made two containers of one runc read 26% apart).
     */
    SAMPLE,
    /**
     * Setup once, when the harness starts a container for this workload alone, with a free port as its last
     * argument; the server it starts serves every sample and ends with the container. Starting and stopping a
     * server around each sample cost about as much wall time as the
     * samples (http: 8.5 s a block around two 2-second samples), and a
     * container of its own keeps the idle server away from every other workload.
     */
    CONTAINER
}
