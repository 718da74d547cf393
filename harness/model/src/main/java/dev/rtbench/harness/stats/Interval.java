package dev.rtbench.harness.stats;

/**
 * A confidence interval {@code [lower, upper]} at a stated level.
 *
 * @param lower      lower bound, NaN when it could not be estimated
 * @param upper      upper bound, NaN when it could not be estimated
 * @param confidence e.g. 0.95
 */
public record Interval(double lower, double upper, double confidence) {

    /** An interval that could not be estimated (too few values). */
    public static Interval unknown(double confidence) {
        return new Interval(Double.NaN, Double.NaN, confidence);
    }

    public boolean known() {
        return Double.isFinite(lower) && Double.isFinite(upper);
    }

    public boolean contains(double value) {
        return known() && lower <= value && value <= upper;
    }

    /** The interval of {@code 1/x}: bounds swap. */
    public Interval reciprocal() {
        return new Interval(1 / upper, 1 / lower, confidence);
    }
}
