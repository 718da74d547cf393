package dev.rtbench.harness.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every container of a run shares, whatever its runtime and engine: the labels a sweep finds it by, and the
 * same limits for every runtime, so that no runtime's default decides what a workload may use.
 */
public final class RunRules {

    /** The label every container of a run carries, so a sweep finds leftovers. */
    public static final String RUN_LABEL = "dev.rtbench.run";
    public static final String WORKLOAD_LABEL = "dev.rtbench.workload";

    /** Identical limits for every runtime. */
    public static final long MEMORY_BYTES = 1L << 30;
    public static final long PIDS_LIMIT = 4096;
    /** All of the host's CPUs, stated: the same CPU limit for every runtime, whatever a runtime's default. */
    public static final long NANO_CPUS = Runtime.getRuntime().availableProcessors() * 1_000_000_000L;

    private RunRules() {}

    /** A container of run {@code runId} for {@code workload}, under {@code runtime}, with the run's limits. */
    public static ContainerSpec spec(String image, String runId, String runtime, String workload,
                                     List<String> command, Hardening hardening) {
        return new ContainerSpec(image, command, runtime, Map.of(RUN_LABEL, runId, WORKLOAD_LABEL, workload),
                MEMORY_BYTES, NANO_CPUS, PIDS_LIMIT, hardening);
    }

    /** What a run's notes say of its containers' limits and privileges. */
    public static String describe(Privileges privileges) {
        return String.format(Locale.ROOT, "every container ran with memory %d MiB (no swap), %d CPUs, at most"
                + " %d processes, identical for every runtime; lifecycle and proof containers: %s; the container"
                + " of the in-container workloads: %s", MEMORY_BYTES >> 20, NANO_CPUS / 1_000_000_000L, PIDS_LIMIT,
                privileges.lifecycle().describe(), privileges.execTarget().describe());
    }
}
