package dev.rtbench.harness.stats;

import java.util.Arrays;

/**
 * The one percentile estimator used throughout rtbench: Hyndman and Fan's type 7, the default of R's
 * {@code quantile()}, NumPy's {@code percentile()}, Python's {@code statistics.quantiles(method="inclusive")}
 * and XChart's box plots, so every number in a report can be re-derived with any of them.
 *
 * <p>For sorted values {@code x[0..n-1]} and probability {@code p}: {@code h = (n-1)p}, and the quantile is
 * {@code x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])}.
 */
public final class Quantiles {

    private Quantiles() {}

    /** The type-7 quantile of already sorted values; {@code p} in [0, 1]. NaN when there are no values. */
    public static double ofSorted(double[] sorted, double p) {
        if (p < 0 || p > 1 || Double.isNaN(p)) {
            throw new IllegalArgumentException("probability must be in [0, 1], was " + p);
        }
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /** The type-7 quantile of values in any order; the input is not modified. */
    public static double of(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, p);
    }

    /** The median (type 7, which for p = 0.5 is the usual middle value or mean of the two middle values). */
    public static double median(double[] values) {
        return of(values, 0.5);
    }
}
