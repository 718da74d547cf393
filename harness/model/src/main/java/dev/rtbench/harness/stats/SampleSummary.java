package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Direction;
import java.util.Arrays;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Descriptive statistics of one runtime on one {@link MetricKey}, over its successful samples.
 * Percentiles use the type-7 estimator ({@link Quantiles}); the standard deviation is the sample one (n - 1).
 *
 * @param key            workload and metric
 * @param runtime        the runtime
 * @param unit           unit of every value
 * @param direction      whether lower or higher is better
 * @param n              successful samples
 * @param failures       failed samples (not in any statistic)
 * @param median         median
 * @param medianInterval bootstrap percentile interval of the median; above {@link #BOOTSTRAP_LIMIT} samples the
 *                       distribution-free order-statistic interval
 * @param mean           arithmetic mean
 * @param sd             sample standard deviation, NaN when n < 2
 * @param cv             coefficient of variation sd / mean
 * @param min            smallest value
 * @param max            largest value
 * @param p5             5th percentile
 * @param p25            25th percentile
 * @param p75            75th percentile
 * @param p95            95th percentile
 * @param p99            99th percentile
 * @param outliers       values flagged by the MAD rule (kept in every statistic)
 * @param values         the successful values in measurement order, for charts
 */
public record SampleSummary(
        MetricKey key,
        String runtime,
        String unit,
        Direction direction,
        int n,
        int failures,
        double median,
        Interval medianInterval,
        double mean,
        double sd,
        double cv,
        double min,
        double max,
        double p5,
        double p25,
        double p75,
        double p95,
        double p99,
        OutlierFlags outliers,
        double[] values) {

    public SampleSummary {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** Interquartile range p75 - p25. */
    public double iqr() {
        return p75 - p25;
    }

    /**
     * Summarises {@code values} (successful samples in measurement order).
     *
     * @param bootstrap the generator for the median's interval, seeded for this summary
     */
    public static SampleSummary of(MetricKey key, String runtime, String unit, Direction direction, double[] values,
            int failures, Bootstrap bootstrap, double confidence) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double mean = n == 0 ? Double.NaN : Arrays.stream(sorted).sum() / n;
        double sd = Double.NaN;
        if (n >= 2) {
            // two-pass formula: exact enough for benchmark magnitudes, no cancellation from sum of squares
            double ss = 0;
            for (double v : sorted) {
                ss += (v - mean) * (v - mean);
            }
            sd = Math.sqrt(ss / (n - 1));
        }
        return new SampleSummary(key, runtime, unit, direction, n, failures,
                Quantiles.ofSorted(sorted, 0.5), medianInterval(sorted, values, bootstrap, confidence),
                mean, sd, sd / mean,
                n == 0 ? Double.NaN : sorted[0], n == 0 ? Double.NaN : sorted[n - 1],
                Quantiles.ofSorted(sorted, 0.05), Quantiles.ofSorted(sorted, 0.25), Quantiles.ofSorted(sorted, 0.75),
                Quantiles.ofSorted(sorted, 0.95), Quantiles.ofSorted(sorted, 0.99),
                OutlierFlags.of(values), values);
    }

    /**
     * Above this many samples the median's interval comes from order statistics instead of the bootstrap: the
     * bootstrap costs resamples x n log n (a report on 192,000 samples had not finished after 6 minutes), while
     * the order statistics at the binomial(n, 1/2) quantiles give a distribution-free interval with at least the
     * level asked, in one sort.
     */
    public static final int BOOTSTRAP_LIMIT = 1000;

    private static Interval medianInterval(double[] sorted, double[] values, Bootstrap bootstrap, double confidence) {
        int n = sorted.length;
        if (n <= BOOTSTRAP_LIMIT) {
            return bootstrap.median(values, confidence);
        }
        // the largest l with P(B <= l - 1) <= (1-c)/2, B ~ binomial(n, 1/2): [x_(l), x_(n-l+1)]
        var b = new BinomialDistribution(n, 0.5);
        int l = b.inverseCumulativeProbability((1 - confidence) / 2);
        if (b.cumulativeProbability(l) > (1 - confidence) / 2) {
            l = l - 1;
        }
        l = Math.max(l, 0);
        return new Interval(sorted[l], sorted[n - 1 - l], confidence);
    }
}
