package dev.rtbench.harness.results;

import java.util.List;

/**
 * The machine and software a run was measured on: enough to tell whether two runs are comparable,
 * and to print in a chart's footnote. {@code machine} is null in runs recorded before it was.
 */
public record Environment(
        String hostname,
        String os,
        String kernel,
        String cpuModel,
        int cpus,
        long memoryBytes,
        String dockerVersion,
        String dockerApiVersion,
        String containerdVersion,
        String daemonMode,
        List<RuntimeEnvironment> runtimes,
        String jvm,
        String harnessVersion,
        String gitCommit,
        boolean gitDirty,
        Machine machine) {

    public Environment {
        runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
    }

    /** Without the machine's facts, as runs before they were recorded. */
    public Environment(String hostname, String os, String kernel, String cpuModel, int cpus, long memoryBytes,
            String dockerVersion, String dockerApiVersion, String containerdVersion, String daemonMode,
            List<RuntimeEnvironment> runtimes, String jvm, String harnessVersion, String gitCommit, boolean gitDirty) {
        this(hostname, os, kernel, cpuModel, cpus, memoryBytes, dockerVersion, dockerApiVersion, containerdVersion,
                daemonMode, runtimes, jvm, harnessVersion, gitCommit, gitDirty, null);
    }
}
