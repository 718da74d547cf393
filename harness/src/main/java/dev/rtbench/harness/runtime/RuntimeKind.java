package dev.rtbench.harness.runtime;

/** The families of OCI runtimes the catalogue knows. */
public enum RuntimeKind {
    RUNC,
    GVISOR,
    KATA,
    CRUN,
    YOUKI
}
