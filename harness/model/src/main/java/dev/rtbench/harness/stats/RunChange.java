package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Direction;
import java.util.Locale;

/**
 * One figure of the current run set against the same figure of the baseline run: how it changed, oriented so that
 * a ratio above 1 is worse, with its interval and p. What the figure is, and so how run-to-run variance is dealt
 * with, is its {@link Aspect}.
 *
 * @param key       workload and metric
 * @param runtime   the runtime (arm) measured
 * @param reference the baseline runtime the figure is a ratio to, or null for a runtime's own figure
 * @param aspect    which figure
 * @param unit      the metric's unit
 * @param direction which way is better
 * @param ratio     current over baseline run, oriented: above 1 is worse
 * @param interval  its interval
 * @param p         two-sided p of "no change", before correction
 * @param pAdjusted after Holm's correction over every judged change
 * @param n         blocks (or samples) of the current run behind it
 * @param m         the same of the baseline run
 */
public record RunChange(MetricKey key, String runtime, String reference, Aspect aspect, String unit,
                        Direction direction, double ratio, Interval interval, double p, double pAdjusted, int n,
                        int m) {

    /** Which figure is compared between the runs. */
    public enum Aspect {
        /**
         * The runtime's ratio to the baseline runtime, per block (the Hodges-Lehmann shift of the per-block log
         * ratios of one run against the other's, rank-sum interval and test): the machine's state of each run
         * cancels within its blocks.
         */
        RATIO("median ratio to"),
        /** The same ratio in the worse tail: p90 of a lower-is-better figure, p10 of a higher-is-better one. */
        RATIO_TAIL("tail ratio to"),
        /** A runtime's own median, against a run-to-run component measured from a repeated run. */
        OWN("own median"),
        /** A runtime's own worse tail, the same way. */
        OWN_TAIL("own tail");

        private final String label;

        Aspect(String label) {
            this.label = label;
        }

        public boolean tail() {
            return this == RATIO_TAIL || this == OWN_TAIL;
        }
    }

    /** With the p after the family's correction. */
    public RunChange withAdjustedP(double adjusted) {
        return new RunChange(key, runtime, reference, aspect, unit, direction, ratio, interval, p, adjusted, n, m);
    }

    public boolean significantlyWorse(double alpha) {
        return pAdjusted < alpha && ratio > 1;
    }

    /** {@code start / time, runsc's median ratio to runc}, {@code start / time, runc's own median}. */
    public String label() {
        String figure = aspect == Aspect.RATIO || aspect == Aspect.RATIO_TAIL
                ? runtime + "'s " + aspect.label + " " + reference : runtime + "'s " + aspect.label;
        return key.label() + ", " + figure + (aspect.tail() ? tailName() : "");
    }

    private String tailName() {
        return direction == Direction.HIGHER_IS_BETTER ? " (p10)" : " (p90)";
    }

    /** {@code 1.32x worse [1.20, 1.45], p = 0.003} or {@code 0.98x [0.95, 1.01], p = 0.41 (above 1 is worse)}. */
    public String sentence() {
        String p = OverheadEstimate.formatP(pAdjusted);
        if (!interval.known()) {
            return OverheadEstimate.fmt(ratio) + "x [n/a] (above 1 is worse), " + p;
        }
        if (interval.lower() > 1 || interval.upper() < 1) {
            boolean worse = ratio > 1;
            Interval shown = worse ? interval : interval.reciprocal();
            return String.format(Locale.ROOT, "%sx %s than before %s, %s", OverheadEstimate.fmt(worse ? ratio : 1 / ratio),
                    worse ? "worse" : "better", OverheadEstimate.formatInterval(shown), p);
        }
        return OverheadEstimate.fmt(ratio) + "x " + OverheadEstimate.formatInterval(interval)
                + " (above 1 is worse), " + p;
    }
}
