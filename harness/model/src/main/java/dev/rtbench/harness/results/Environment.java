package dev.rtbench.harness.results;

import java.util.List;
import java.util.Optional;

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

    /**
     * The machine's fingerprint, if {@code env} recorded one (runs since 2026-12-02 do). Static, so that it is no
     * property of results.json.
     */
    public static Optional<String> fingerprintOf(Environment env) {
        return env == null || env.machine() == null ? Optional.empty() : Optional.of(env.machine().fingerprint());
    }
}
