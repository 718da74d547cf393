package dev.rtbench.harness.stats;

import java.util.Arrays;

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
        double[] walsh = new double[n * (n + 1) / 2];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                walsh[at++] = (d[i] + d[j]) / 2;
            }
        }
        Arrays.sort(walsh);
        double estimate = Quantiles.ofSorted(walsh, 0.5);
        int k = lowerRank(n, (1 - confidence) / 2);
        Interval interval = k == 0 ? Interval.unknown(confidence)
                : new Interval(walsh[k - 1], walsh[walsh.length - k], confidence);
        return new HodgesLehmann(estimate, interval, n);
    }

    /**
     * R's {@code qsignrank(tail, n)}: the smallest k with {@code P(W+ <= k) >= tail}; the interval's bounds are the
     * k-th smallest and largest Walsh averages. 0 means the level cannot be reached with n differences.
     */
    static int lowerRank(int n, double tail) {
        double[] cdf = SignedRank.cumulativeWithoutTies(n);
        for (int k = 0; k < cdf.length; k++) {
            // the small tolerance keeps an exact tail probability from missing by one rounding step
            if (cdf[k] >= tail * (1 - 1e-12)) {
                return k;
            }
        }
        return cdf.length - 1;
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
