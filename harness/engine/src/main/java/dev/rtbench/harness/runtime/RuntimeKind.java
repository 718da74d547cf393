package dev.rtbench.harness.runtime;

import java.util.Locale;

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
    UNKNOWN;

    /** The name results.json records a runtime's family by ({@code RuntimeEnvironment.kind}): {@code gvisor}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
