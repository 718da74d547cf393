package dev.rtbench.harness.stats;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Nonparametric percentile bootstrap of medians (Efron and Tibshirani 1993, ch. 13).
 *
 * <p>Commons Math has no general bootstrap, so this one is ours. It resamples with replacement using
 * {@link Well19937c} seeded explicitly: the same values, seed and number of resamples always give the same
 * interval, so a report recomputed from its results.json shows the very same numbers. The interval is the
 * (1-c)/2 and (1+c)/2 type-7 {@link Quantiles quantiles} of the resampled statistic.
 *
 * <p>Instances are not thread-safe (they own their random generator); make one per estimate.
 */
public final class Bootstrap {

    /** Resamples per interval: enough for stable 2.5/97.5% bounds (Efron and Tibshirani suggest at least 1000). */
    public static final int DEFAULT_RESAMPLES = 10_000;

    /** The fixed default seed; a report states it so anyone can re-derive the intervals. */
    public static final long DEFAULT_SEED = 20_240_601L;

    private final RandomGenerator rng;
    private final int resamples;

    public Bootstrap(long seed, int resamples) {
        if (resamples < 100) {
            throw new IllegalArgumentException("resamples must be at least 100 for a percentile interval, was " + resamples);
        }
        this.rng = new Well19937c(seed);
        this.resamples = resamples;
    }

    /**
     * A seed for one named estimate, derived from the run's seed and a stable key (String.hashCode is specified
     * by the JLS), so each interval is reproducible on its own, whatever else the run contains.
     */
    public static long seedFor(long baseSeed, String key) {
        long h = key.hashCode();
        // splitmix64 finaliser: spreads nearby keys over the seed space
        long z = baseSeed + 0x9E3779B97F4A7C15L * (h + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Percentile interval of the median of {@code x}; unknown when fewer than 2 values. */
    public Interval median(double[] x, double confidence) {
        if (x.length < 2) {
            return Interval.unknown(confidence);
        }
        double[] est = new double[resamples];
        double[] buf = new double[x.length];
        for (int i = 0; i < resamples; i++) {
            est[i] = resampledMedian(x, buf);
        }
        return percentileInterval(est, confidence);
    }

    /**
     * Cluster (block) bootstrap of the median of {@code x}: each resample draws k of the k blocks with replacement
     * and takes the median of their pooled values (see {@link #blockRatioAndDifference}).
     *
     * @param x the values per block; unknown with fewer than 2 blocks
     */
    public Interval blockMedian(List<double[]> x, double confidence) {
        int k = x.size();
        if (k < 2) {
            return Interval.unknown(confidence);
        }
        double[] est = new double[resamples];
        int[] drawn = new int[k];
        for (int i = 0; i < resamples; i++) {
            for (int j = 0; j < k; j++) {
                drawn[j] = rng.nextInt(k);
            }
            est[i] = pooledMedian(x, drawn);
        }
        return percentileInterval(est, confidence);
    }

    /**
     * Percentile intervals of {@code median(x)/median(y)} and {@code median(x)-median(y)}, from the same resamples
     * of x and y drawn independently (the two groups are independent samples).
     *
     * @return {ratio interval, difference interval}
     */
    public Interval[] ratioAndDifference(double[] x, double[] y, double confidence) {
        if (x.length < 2 || y.length < 2) {
            return new Interval[] {Interval.unknown(confidence), Interval.unknown(confidence)};
        }
        double[] ratio = new double[resamples];
        double[] diff = new double[resamples];
        double[] bx = new double[x.length];
        double[] by = new double[y.length];
        for (int i = 0; i < resamples; i++) {
            double mx = resampledMedian(x, bx);
            double my = resampledMedian(y, by);
            ratio[i] = mx / my;
            diff[i] = mx - my;
        }
        return new Interval[] {percentileInterval(ratio, confidence), percentileInterval(diff, confidence)};
    }

    /**
     * Cluster (block) bootstrap of {@code median(x)/median(y)} and {@code median(x)-median(y)}: each resample draws
     * k of the k blocks with replacement, pools the x and the y values of the drawn blocks, and takes the ratio and
     * difference of the pooled medians. Samples of one block share the machine's state, so the block, not the
     * sample, is the independent unit (Davison and Hinkley 1997, sec. 3.8); resampling samples would ignore the
     * variation between blocks and give intervals too narrow.
     *
     * @param x the runtime's values per block (every block has at least one value)
     * @param y the reference's values in the same blocks
     * @return {ratio interval, difference interval}; unknown with fewer than 2 blocks
     */
    public Interval[] blockRatioAndDifference(List<double[]> x, List<double[]> y, double confidence) {
        int k = x.size();
        if (k < 2 || y.size() != k) {
            return new Interval[] {Interval.unknown(confidence), Interval.unknown(confidence)};
        }
        double[] ratio = new double[resamples];
        double[] diff = new double[resamples];
        int[] drawn = new int[k];
        for (int i = 0; i < resamples; i++) {
            for (int j = 0; j < k; j++) {
                drawn[j] = rng.nextInt(k);
            }
            double mx = pooledMedian(x, drawn);
            double my = pooledMedian(y, drawn);
            ratio[i] = mx / my;
            diff[i] = mx - my;
        }
        return new Interval[] {percentileInterval(ratio, confidence), percentileInterval(diff, confidence)};
    }

    private static double pooledMedian(List<double[]> groups, int[] drawn) {
        double[] pooled = BlockPairs.pool(groups, drawn);
        Arrays.sort(pooled);
        return Quantiles.ofSorted(pooled, 0.5);
    }

    private double resampledMedian(double[] x, double[] buf) {
        for (int j = 0; j < buf.length; j++) {
            buf[j] = x[rng.nextInt(x.length)];
        }
        Arrays.sort(buf);
        return Quantiles.ofSorted(buf, 0.5);
    }

    private static Interval percentileInterval(double[] estimates, double confidence) {
        Arrays.sort(estimates);
        double alpha = 1 - confidence;
        return new Interval(
                Quantiles.ofSorted(estimates, alpha / 2), Quantiles.ofSorted(estimates, 1 - alpha / 2), confidence);
    }
}
