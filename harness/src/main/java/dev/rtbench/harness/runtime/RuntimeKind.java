package dev.rtbench.harness.runtime;

/** The families of OCI runtimes the catalogue knows. */
public enum RuntimeKind {
    RUNC,
    GVISOR,
    KATA,
    CRUN,
    YOUKI,
    /**
     * A runtime whose binary says nothing rtbench recognises: measured, but verified by the daemon's record of
     * each container alone, and reported as such.
     */
    UNKNOWN
}
