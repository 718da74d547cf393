package dev.rtbench.workloads;

import java.util.Objects;

/**
 * One figure a workload reported about itself, e.g. {@code throughput = 512.3 MiB/s}.
 *
 * @param metric         name of the figure, unique within one workload's measurements
 * @param value          finite value, in {@code unit}
 * @param unit           unit of {@code value}, e.g. {@code s}, {@code MiB/s}, {@code us}
 * @param higherIsBetter whether a larger value means a faster runtime
 */
public record Measurement(String metric, double value, String unit, boolean higherIsBetter) {
    public Measurement {
        Objects.requireNonNull(metric, "metric was not specified");
        Objects.requireNonNull(unit, "unit was not specified");
        if (metric.isBlank()) {
            throw new IllegalArgumentException("metric must not be blank");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("measurement " + metric + " must be finite, was " + value);
        }
    }
}
