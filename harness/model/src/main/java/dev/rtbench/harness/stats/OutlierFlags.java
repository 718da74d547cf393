package dev.rtbench.harness.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Outliers by the modified z-score {@code 0.6745 (x - median) / MAD} with |z| > 3.5 (Iglewicz and Hoaglin 1993),
 * the rule hyperfine uses. Outliers are only flagged: they stay in every statistic, because a slow container
 * start is a real observation of the runtime, not noise to hide.
 *
 * @param mad     median absolute deviation from the median (unscaled)
 * @param indices positions, in the input order, of the flagged values
 * @param values  the flagged values
 */
public record OutlierFlags(double mad, List<Integer> indices, List<Double> values) {

    /** Modified z-score above which a value is flagged. */
    public static final double THRESHOLD = 3.5;

    public OutlierFlags {
        indices = List.copyOf(indices);
        values = List.copyOf(values);
    }

    /**
     * Flags outliers in {@code x}. When MAD is 0 (more than half the values are equal) the score is undefined
     * and nothing is flagged.
     */
    public static OutlierFlags of(double[] x) {
        if (x.length < 3) {
            return new OutlierFlags(Double.NaN, List.of(), List.of());
        }
        double median = Quantiles.median(x);
        double mad = mad(x, median);
        List<Integer> idx = new ArrayList<>();
        List<Double> vals = new ArrayList<>();
        if (mad > 0) {
            for (int i = 0; i < x.length; i++) {
                if (Math.abs(modifiedZ(x[i], median, mad)) > THRESHOLD) {
                    idx.add(i);
                    vals.add(x[i]);
                }
            }
        }
        return new OutlierFlags(mad, idx, vals);
    }

    /** The modified z-score of {@code value}. */
    public static double modifiedZ(double value, double median, double mad) {
        return 0.6745 * (value - median) / mad;
    }

    /** Median absolute deviation from {@code median} (unscaled; multiply by 1.4826 to estimate sigma). */
    public static double mad(double[] x, double median) {
        double[] dev = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            dev[i] = Math.abs(x[i] - median);
        }
        return Quantiles.median(dev);
    }

    public int count() {
        return indices.size();
    }
}
