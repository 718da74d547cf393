package dev.rtbench.harness.stats;

/** A comparison unit: one metric of one workload, e.g. ({@code syscall}, {@code syscall-time}). */
public record MetricKey(String workload, String metric) {

    /** {@code workload} alone for the usual {@code time} metric, else {@code workload (metric)}. */
    public String label() {
        return "time".equals(metric) ? workload : workload + " (" + metric + ")";
    }

    @Override
    public String toString() {
        return workload + "/" + metric;
    }
}
