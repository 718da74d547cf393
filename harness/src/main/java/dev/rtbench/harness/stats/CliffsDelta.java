package dev.rtbench.harness.stats;

/**
 * Cliff's delta, a rank effect size: {@code P(X > Y) - P(X < Y)} over all pairs, in [-1, 1] (Cliff 1993).
 * Positive means the first group's values tend to be larger. Unlike a p-value it does not grow with the number
 * of samples, so it says whether a significant difference is also a large one.
 */
public final class CliffsDelta {

    private CliffsDelta() {}

    /** Magnitude labels with the thresholds of Romano et al. (2006): 0.147, 0.33, 0.474. */
    public enum Magnitude {
        NEGLIGIBLE, SMALL, MEDIUM, LARGE;

        public static Magnitude of(double delta) {
            double d = Math.abs(delta);
            if (d < 0.147) {
                return NEGLIGIBLE;
            }
            if (d < 0.33) {
                return SMALL;
            }
            return d < 0.474 ? MEDIUM : LARGE;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

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
