package dev.rtbench.harness.stats;

/**
 * Something a reader must know before trusting a number, with what to do about it.
 *
 * @param kind     what kind of problem
 * @param key      the workload and metric, or null for the whole run
 * @param runtime  the runtime, or null
 * @param message  what is wrong and what to do, in one or two sentences
 */
public record StatsWarning(Kind kind, MetricKey key, String runtime, String message) {

    /** The kinds of warning. */
    public enum Kind {
        TOO_FEW_SAMPLES, HIGH_VARIATION, SLOW_FIRST_SAMPLE, FAILED_SAMPLES, OUTLIERS, NO_BASELINE,
        /** Fewer than 3 shared blocks: the interval resampled samples as if independent. */
        FEW_BLOCKS,
        /** No block in which both sides had successful samples: nothing to compare within blocks. */
        NO_SHARED_BLOCKS,
        /** The blocks disagree more than the effect is large. */
        BLOCK_SPREAD,
        /** Values of 0 or below: left out as failed, or kept with the metric's ratios left out. */
        NON_POSITIVE_VALUES
    }

    /** {@code [workload/metric runtime] message}. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        if (key != null || runtime != null) {
            sb.append('[');
            if (key != null) {
                sb.append(key.label());
            }
            if (runtime != null) {
                sb.append(key != null ? ", " : "").append(runtime);
            }
            sb.append("] ");
        }
        return sb.append(message).toString();
    }
}
