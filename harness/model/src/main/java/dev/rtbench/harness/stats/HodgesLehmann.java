package dev.rtbench.harness.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Hodges-Lehmann estimate of the centre of paired differences, with the interval that inverts the signed-rank
 * test: the estimator that belongs with the test the analysis makes (Hollander and Wolfe 1999, sec. 3.2).
 *
 * <p>The estimate is the median of the Walsh averages {@code (d_i + d_j) / 2, i <= j}. The interval is the
 * k-th smallest and k-th largest Walsh average, k from the exact signed-rank distribution without ties, exactly
 * as R's {@code wilcox.test(d, conf.int = TRUE, exact = TRUE)} computes it. With ties its coverage is close to,
 * not exactly, the level asked (R warns the same). When n is too small for the level (at 95%: fewer than 6
 * differences, since even all-on-one-side has probability 2/2^n), no interval is given rather than one that
 * silently covers less.
 *
 * @param estimate the median of the Walsh averages; NaN without differences
 * @param interval the interval at the level asked, or unknown when n cannot reach it
 * @param n        the number of differences
 */
public record HodgesLehmann(double estimate, Interval interval, int n) {

    public static HodgesLehmann of(double[] d, double confidence) {
        int n = d.length;
        if (n == 0) {
            return new HodgesLehmann(Double.NaN, Interval.unknown(confidence), 0);
        }
        // the Walsh averages are counted, never listed: 10,000 blocks have 50 million of them
        double[] sorted = d.clone();
        Arrays.sort(sorted);
        long total = (long) n * (n + 1) / 2;
        double estimate = total % 2 == 1 ? kth(sorted, (total + 1) / 2)
                : (kth(sorted, total / 2) + kth(sorted, total / 2 + 1)) / 2;
        int k = lowerRank(n, (1 - confidence) / 2);
        Interval interval = k == 0 ? Interval.unknown(confidence)
                : new Interval(kth(sorted, k), kth(sorted, total - k + 1), confidence);
        return new HodgesLehmann(estimate, interval, n);
    }

    /**
     * The k-th smallest (from 1) Walsh average of {@code sorted}, by bisection on its value: how many Walsh
     * averages lie at or below a value is counted in O(n) with two pointers, so no list of n^2/2 is needed.
     */
    static double kth(double[] sorted, long k) {
        return RankInversion.kth(sorted[0], sorted[sorted.length - 1], k, t -> atMost(sorted, t),
                t -> largestAtMost(sorted, t));
    }

    /** How many Walsh averages {@code (d_i + d_j) / 2, i <= j} are at most {@code t}. */
    private static long atMost(double[] d, double t) {
        long count = 0;
        int j = d.length - 1;
        for (int i = 0; i < d.length; i++) {
            while (j >= i && (d[i] + d[j]) / 2 > t) {
                j--;
            }
            if (j < i) {
                break;
            }
            count += j - i + 1;
        }
        return count;
    }

    /** The largest Walsh average at most {@code t}. */
    private static double largestAtMost(double[] d, double t) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d.length; i++) {
            int lo = i;
            int hi = d.length - 1;
            if ((d[i] + d[i]) / 2 > t) {
                break;
            }
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if ((d[i] + d[mid]) / 2 <= t) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            best = Math.max(best, (d[i] + d[lo]) / 2);
        }
        return best;
    }

    /**
     * R's {@code qsignrank(tail, n)}: the smallest k with {@code P(W+ <= k) >= tail}; the interval's bounds are the
     * k-th smallest and largest Walsh averages. 0 means the level cannot be reached with n differences.
     */
    static int lowerRank(int n, double tail) {
        if (n > SignedRank.EXACT_LIMIT) {
            // the exact table grows with n^3; beyond the exact limit the normal approximation of W+ (no ties)
            double mean = n * (n + 1) / 4.0;
            double sd = Math.sqrt(n * (n + 1) * (2.0 * n + 1) / 24);
            double z = new NormalDistribution().inverseCumulativeProbability(tail);
            return (int) Math.max(0, Math.floor(mean + z * sd + 0.5));
        }
        return RankInversion.firstReaching(SignedRank.cumulativeWithoutTies(n), tail);
    }

    /** The fewest differences with which an interval at {@code confidence} exists. */
    public static int fewestFor(double confidence) {
        int n = 1;
        while (n < 64 && lowerRank(n, (1 - confidence) / 2) == 0) {
            n++;
        }
        return n;
    }
}
