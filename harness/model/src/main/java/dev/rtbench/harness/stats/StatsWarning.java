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
        /** Too few shared blocks for a paired interval: a bootstrap of the pooled medians stands in. */
        FEW_BLOCKS,
        /** No block in which both sides had successful samples: nothing to compare within blocks. */
        NO_SHARED_BLOCKS,
        /** The blocks disagree more than the effect is large. */
        BLOCK_SPREAD,
        /** Values of 0 or below: left out as failed, or kept with the metric's ratios left out. */
        NON_POSITIVE_VALUES;

        /** What a reader does about a warning of this kind: warnings are shown grouped by it. */
        public Remedy remedy() {
            return switch (this) {
                case FAILED_SAMPLES, NO_BASELINE, NO_SHARED_BLOCKS, NON_POSITIVE_VALUES -> Remedy.FIX_FAILURES;
                case TOO_FEW_SAMPLES, FEW_BLOCKS -> Remedy.MORE_BLOCKS;
                case HIGH_VARIATION, OUTLIERS, BLOCK_SPREAD -> Remedy.QUIETER_MACHINE;
                case SLOW_FIRST_SAMPLE -> Remedy.WARM_UP;
            };
        }
    }

    /** The things a reader can do, in the order they matter. */
    public enum Remedy {
        FIX_FAILURES("Fix what failed, then rerun"),
        MORE_BLOCKS("Measure more blocks (run --rounds N, or a longer profile)"),
        QUIETER_MACHINE("Keep other load off the machine (or pin CPUs): it moved these results"),
        WARM_UP("Warm up before measuring: a first sample was cold");

        private final String label;

        Remedy(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
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
