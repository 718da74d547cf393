package dev.rtbench.harness.stats;

/**
 * Cliff's delta, a rank effect size: {@code P(X > Y) - P(X < Y)} over all pairs, in [-1, 1] (Cliff 1993).
 * Positive means the first group's values tend to be larger. Used between runs only, where no block pairs the
 * samples ({@link WorseShare#ofPairs}); within a run the effect size is the share of worse blocks.
 */
public final class CliffsDelta {

    private CliffsDelta() {}

    /** Delta of x against y; NaN when either is empty. O(n m), fine for benchmark sample sizes. */
    public static double of(double[] x, double[] y) {
        if (x.length == 0 || y.length == 0) {
            return Double.NaN;
        }
        long greater = 0;
        long less = 0;
        for (double a : x) {
            for (double b : y) {
                if (a > b) {
                    greater++;
                } else if (a < b) {
                    less++;
                }
            }
        }
        return (double) (greater - less) / ((double) x.length * y.length);
    }
}
