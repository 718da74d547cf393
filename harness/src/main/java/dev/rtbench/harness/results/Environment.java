package dev.rtbench.harness.results;

import java.util.List;

/**
 * The machine and software a run was measured on: enough to tell whether two runs are comparable,
 * and to print in a chart's footnote.
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
        boolean gitDirty) {

    public Environment {
        runtimes = runtimes == null ? List.of() : List.copyOf(runtimes);
    }
}
