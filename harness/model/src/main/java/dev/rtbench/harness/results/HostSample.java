package dev.rtbench.harness.results;

/**
 * One figure of the host reference: a workload run on the host itself, outside any container, with the same
 * scripts and tools as in the containers, once in every round of the run, between its blocks.
 *
 * @param round    the round it was measured in (from 0)
 * @param workload the workload (e.g. {@code syscall-null})
 * @param metric   the workload's figure (e.g. {@code ops-rate})
 * @param value    its value, NaN when the run failed
 * @param unit     its unit
 * @param direction whether lower or higher is better
 * @param failure  why it failed, or null
 */
public record HostSample(int round, String workload, String metric, double value, String unit, Direction direction,
        String failure) {

    public boolean ok() {
        return failure == null && Double.isFinite(value);
    }
}
