package dev.rtbench.harness.stats;

import java.util.function.DoubleToLongFunction;
import java.util.function.DoubleUnaryOperator;

/**
 * What the rank-test intervals share ({@link HodgesLehmann}, {@link TwoSampleShift}): the k-th smallest of many
 * pairwise values found without listing them, and the rank at which an exact null distribution first reaches a
 * tail probability.
 */
final class RankInversion {

    private RankInversion() {}

    /**
     * The k-th smallest (from 1) of values in [lo, hi], by bisection on the value: {@code atMost} counts how many are
     * at most a value, {@code largestAtMost} gives the largest one at most a value.
     */
    static double kth(double lo, double hi, long k, DoubleToLongFunction atMost, DoubleUnaryOperator largestAtMost) {
        if (atMost.applyAsLong(lo) >= k) {
            return lo;
        }
        // invariant: fewer than k at or below lo, at least k at or below hi
        while (true) {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi) {
                break;
            }
            if (atMost.applyAsLong(mid) >= k) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return largestAtMost.applyAsDouble(hi);
    }

    /** The smallest k with {@code cdf[k] >= tail} (R's {@code qsignrank}, {@code qwilcox}); the last k if none. */
    static int firstReaching(double[] cdf, double tail) {
        for (int k = 0; k < cdf.length; k++) {
            // the small tolerance keeps an exact tail probability from missing by one rounding step
            if (cdf[k] >= tail * (1 - 1e-12)) {
                return k;
            }
        }
        return cdf.length - 1;
    }
}
