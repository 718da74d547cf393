package dev.rtbench.harness.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The shift between two independent samples: the two-sample Hodges-Lehmann estimate (the median of every
 * difference {@code x_i - y_j}), the interval that inverts the rank-sum test, and the test's two-sided p. The
 * estimator that belongs with the Mann-Whitney test, as {@link HodgesLehmann} belongs with the signed-rank test
 * (Hollander and Wolfe 1999, sec. 4.2).
 *
 * <p>The interval is the k-th smallest and k-th largest difference, k from the exact distribution of U without
 * ties up to {@link #EXACT_LIMIT} values a side and from its normal approximation above, as R's
 * {@code wilcox.test(x, y, conf.int = TRUE)} computes it. When the sizes cannot reach the level (at 95%, one value
 * against fewer than 40: even the most extreme order has probability {@code 2 / C(n+m, n)} above 5%) the interval
 * is unknown rather than one that silently covers less. The differences are counted, never listed.
 *
 * @param estimate the median of the differences; NaN when a side is empty
 * @param interval at the level asked, or unknown
 * @param p        the Mann-Whitney two-sided p (exact below 50 values a side without ties); NaN when a side is empty
 * @param n        values of x
 * @param m        values of y
 */
public record TwoSampleShift(double estimate, Interval interval, double p, int n, int m) {

    /** Up to this many values a side, the interval's rank comes from U's exact distribution. */
    public static final int EXACT_LIMIT = 50;

    public static TwoSampleShift of(double[] x, double[] y, double confidence) {
        int n = x.length;
        int m = y.length;
        if (n == 0 || m == 0) {
            return new TwoSampleShift(Double.NaN, Interval.unknown(confidence), Double.NaN, n, m);
        }
        double[] xs = x.clone();
        double[] ys = y.clone();
        Arrays.sort(xs);
        Arrays.sort(ys);
        long total = (long) n * m;
        double estimate = total % 2 == 1 ? kth(xs, ys, (total + 1) / 2)
                : (kth(xs, ys, total / 2) + kth(xs, ys, total / 2 + 1)) / 2;
        long k = lowerRank(n, m, (1 - confidence) / 2);
        Interval interval = k == 0 ? Interval.unknown(confidence)
                : new Interval(kth(xs, ys, k), kth(xs, ys, total - k + 1), confidence);
        double p = MannWhitneyUTest.withDefaults().test(x, y).getPValue();
        return new TwoSampleShift(estimate, interval, p, n, m);
    }

    /**
     * R's {@code qwilcox(tail, n, m)}: the smallest k with {@code P(U <= k) >= tail}; the interval's bounds are the
     * k-th smallest and k-th largest differences. 0 means the level cannot be reached with these sizes.
     */
    static long lowerRank(int n, int m, double tail) {
        if (Math.max(n, m) > EXACT_LIMIT) {
            double mean = (double) n * m / 2;
            double sd = Math.sqrt((double) n * m * (n + m + 1) / 12);
            double z = new NormalDistribution().inverseCumulativeProbability(tail);
            return (long) Math.max(0, Math.floor(mean + z * sd + 0.5));
        }
        return RankInversion.firstReaching(cumulative(n, m), tail);
    }

    /**
     * {@code P(U <= u)} for u = 0..nm under the null without ties: the number of n-subsets of the ranks 1..n+m
     * whose sum is u + n(n+1)/2, over {@code C(n+m, n)}, counted in doubles (relative error far below the
     * tolerance that matters here).
     */
    static double[] cumulative(int n, int m) {
        int max = n * m;
        // ways[j][u]: j values chosen among the ranks seen so far, with u the sum of (rank - position) i.e. U
        double[][] ways = new double[n + 1][max + 1];
        ways[0][0] = 1;
        for (int r = 1; r <= n + m; r++) {
            for (int j = Math.min(n, r); j >= 1; j--) {
                // choosing rank r as the j-th value adds r - j to U (the y values below it)
                int add = r - j;
                if (add > m) {
                    continue;
                }
                double[] to = ways[j];
                double[] from = ways[j - 1];
                for (int u = max; u >= add; u--) {
                    to[u] += from[u - add];
                }
            }
        }
        double[] cdf = new double[max + 1];
        double all = 0;
        for (double w : ways[n]) {
            all += w;
        }
        double sum = 0;
        for (int u = 0; u <= max; u++) {
            sum += ways[n][u];
            cdf[u] = sum / all;
        }
        return cdf;
    }

    /** The k-th smallest (from 1) difference {@code xs_i - ys_j}, by bisection on its value. */
    static double kth(double[] xs, double[] ys, long k) {
        return RankInversion.kth(xs[0] - ys[ys.length - 1], xs[xs.length - 1] - ys[0], k, t -> atMost(xs, ys, t),
                t -> largestAtMost(xs, ys, t));
    }

    /** How many differences {@code xs_i - ys_j} are at most t: two pointers over the sorted sides. */
    private static long atMost(double[] xs, double[] ys, double t) {
        long count = 0;
        int j = ys.length;
        // for growing x_i, the first y_j with x_i - y_j <= t (y_j >= x_i - t) only moves right
        int first = 0;
        for (double xi : xs) {
            while (first < j && xi - ys[first] > t) {
                first++;
            }
            count += j - first;
        }
        return count;
    }

    /** The largest difference at most t. */
    private static double largestAtMost(double[] xs, double[] ys, double t) {
        double best = Double.NEGATIVE_INFINITY;
        for (double xi : xs) {
            // the smallest y_j >= xi - t gives the largest difference at most t
            int idx = Arrays.binarySearch(ys, xi - t);
            int at = idx >= 0 ? idx : -idx - 1;
            while (at > 0 && ys[at - 1] >= xi - t) {
                at--;
            }
            while (at < ys.length && xi - ys[at] > t) {
                at++;
            }
            if (at < ys.length) {
                best = Math.max(best, xi - ys[at]);
            }
        }
        return best;
    }
}
