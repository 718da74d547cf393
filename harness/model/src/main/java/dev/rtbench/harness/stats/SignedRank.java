package dev.rtbench.harness.stats;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Wilcoxon's signed-rank test with an exact p-value even when values tie.
 *
 * <p>Why not the library's: commons-statistics (like SciPy's and R's classic exact tables) has the exact
 * distribution only for ranks 1..n; at the first tie it falls back to the normal approximation. A quantised metric
 * (a p99 of a few discrete latencies) ties often, and at 14 blocks that all agree the approximation gives
 * p = 0.00098 where the exact floor is 2/2^14 = 0.000122: a factor of 8 that Holm's correction then decides on.
 *
 * <p>How: under the null hypothesis each non-zero difference is positive or negative with probability 1/2,
 * independently, whatever the ranks are. Doubled mid-ranks are integers, so the distribution of the doubled sum of
 * positive ranks is a convolution over at most {@code n(n+1)} values, computed exactly (as probabilities halved at
 * each step, so nothing overflows). This is the permutation distribution of the sign flips, the same as SciPy's
 * {@code wilcoxon(d, method=PermutationMethod(n_resamples=np.inf))}. Zeros are dropped first (SciPy's default
 * {@code zero_method="wilcox"}). Beyond {@link #EXACT_LIMIT} non-zero values the normal approximation with the tie
 * correction of the variance is used (SciPy's {@code method="approx"}).
 *
 * @param positiveRankSum W+, the sum of the mid-ranks of the positive differences
 * @param pValue          two-sided: {@code min(1, 2 min(P(W+ <= w), P(W+ >= w)))}; 1 when no difference is non-zero
 * @param nonZero         the differences that count (zeros dropped)
 * @param ties            whether some non-zero |differences| tie
 * @param exact           whether {@code pValue} is exact
 */
public record SignedRank(double positiveRankSum, double pValue, int nonZero, boolean ties, boolean exact) {

    /** Up to this many non-zero differences the exact distribution is computed (cost grows with n^3). */
    public static final int EXACT_LIMIT = 400;

    /** The test of whether {@code d} is centred on 0. */
    public static SignedRank test(double[] d) {
        double[] nz = Arrays.stream(d).filter(v -> v != 0 && !Double.isNaN(v)).toArray();
        int n = nz.length;
        if (n == 0) {
            return new SignedRank(0, 1, 0, false, true);
        }
        int[] doubled = doubledMidRanks(nz);
        boolean ties = hasTies(nz);
        int w2 = 0;
        for (int i = 0; i < n; i++) {
            if (nz[i] > 0) {
                w2 += doubled[i];
            }
        }
        if (n > EXACT_LIMIT) {
            return new SignedRank(w2 / 2.0, approximateP(doubled, w2), n, ties, false);
        }
        double[] p = distribution(doubled);
        double lower = 0;
        double upper = 0;
        for (int s = 0; s < p.length; s++) {
            if (s <= w2) {
                lower += p[s];
            }
            if (s >= w2) {
                upper += p[s];
            }
        }
        return new SignedRank(w2 / 2.0, Math.min(1, 2 * Math.min(lower, upper)), n, ties, true);
    }

    /**
     * {@code P(W+ <= k)} without ties for n differences (ranks 1..n), for k = 0..n(n+1)/2: the table behind the
     * Hodges-Lehmann interval (R's {@code psignrank}).
     */
    static double[] cumulativeWithoutTies(int n) {
        int[] doubled = new int[n];
        for (int i = 0; i < n; i++) {
            doubled[i] = 2 * (i + 1);
        }
        double[] p = distribution(doubled);
        double[] cdf = new double[n * (n + 1) / 2 + 1];
        double sum = 0;
        for (int k = 0; k < cdf.length; k++) {
            sum += p[2 * k];
            cdf[k] = sum;
        }
        return cdf;
    }

    /** Probability of each doubled positive-rank sum 0..sum(doubled) when every sign is a fair coin. */
    private static double[] distribution(int[] doubled) {
        int total = Arrays.stream(doubled).sum();
        double[] p = new double[total + 1];
        p[0] = 1;
        int reach = 0;
        for (int r : doubled) {
            reach += r;
            for (int s = reach; s >= 0; s--) {
                p[s] = 0.5 * (p[s] + (s >= r ? p[s - r] : 0));
            }
        }
        return p;
    }

    /** Twice the mid-rank of each |value| (ranks from 1), an integer however many values tie. */
    private static int[] doubledMidRanks(double[] values) {
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(values[a]), Math.abs(values[b])));
        int[] doubled = new int[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && Math.abs(values[order[j + 1]]) == Math.abs(values[order[i]])) {
                j++;
            }
            // positions i..j (0-based) share the mid-rank ((i+1) + (j+1)) / 2
            for (int k = i; k <= j; k++) {
                doubled[order[k]] = i + j + 2;
            }
            i = j + 1;
        }
        return doubled;
    }

    private static boolean hasTies(double[] values) {
        double[] a = Arrays.stream(values).map(Math::abs).sorted().toArray();
        for (int i = 1; i < a.length; i++) {
            if (a[i] == a[i - 1]) {
                return true;
            }
        }
        return false;
    }

    /** Normal approximation, variance {@code sum(r^2)/4} over the mid-ranks (exact under ties), no continuity. */
    private static double approximateP(int[] doubled, int w2) {
        double mean = 0;
        double var = 0;
        for (int r : doubled) {
            mean += r / 2.0;
            var += (r / 2.0) * (r / 2.0);
        }
        double z = (w2 / 2.0 - mean / 2) / Math.sqrt(var / 4);
        return Math.min(1, 2 * new NormalDistribution().cumulativeProbability(
                -Math.abs(z)));
    }
}
