package dev.rtbench.harness.stats;

import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * A two-sided rank test of a runtime against its reference, from commons-statistics-inference (commons-math3 has
 * only normal approximations without tie correction).
 *
 * <ul>
 *   <li>{@link Method#SIGNED_RANK_WITHIN_BLOCKS}: inside one run. Samples of one counterbalanced block share the
 *       machine's state, so they are not independent across blocks; the unit of evidence is the block. The test is
 *       Wilcoxon's signed-rank test on the per-block {@code log(median runtime / median reference)}: a block where
 *       both got slower cancels out, and the n is the number of blocks, not of samples. Exact with ties
 *       too ({@link SignedRank}); zeros are dropped.
 *   <li>{@link Method#MANN_WHITNEY}: between two runs, where no block holds both sides, so samples of each run are
 *       pooled and the runs compared as independent groups. Exact below 50 samples without ties.
 * </ul>
 *
 * <p>Power: with n blocks the smallest two-sided exact signed-rank p is {@code 2 / 2^n} (every block on the same
 * side). The default profile gives about 12 blocks per comparison and about 40 comparisons in a run: the smallest p is
 * then {@code 2^-11 = 0.00049}, and Holm's strictest step multiplies it by 40 to 0.0195, under 0.05 but only when
 * nearly every block agrees. With 10 blocks or fewer (0.0039 x 40 = 0.16) nothing in such a run can be significant,
 * whatever the data; {@link #smallestPossibleP()} lets the analysis warn of that.
 *
 * @param method    which test
 * @param statistic U of the runtime (Mann-Whitney) or W+, the sum of positive ranks (signed-rank)
 * @param pValue    two-sided p, NaN when there was nothing to test
 * @param exact     whether {@code pValue} is from the exact distribution
 * @param n         blocks (signed-rank) or samples of the runtime (Mann-Whitney)
 * @param m         samples of the reference (Mann-Whitney); 0 for the signed-rank test
 */
public record RankTest(Method method, double statistic, double pValue, boolean exact, int n, int m) {

    /** Below this size and without ties, the Mann-Whitney p-value is exact. */
    public static final int EXACT_LIMIT = 50;

    /** The test used. */
    public enum Method {
        SIGNED_RANK_WITHIN_BLOCKS("Wilcoxon signed-rank on per-block log ratios"),
        MANN_WHITNEY("Mann-Whitney U on pooled samples");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Mann-Whitney U test of x against y (independent groups). */
    public static RankTest of(double[] x, double[] y) {
        if (x.length == 0 || y.length == 0) {
            return new RankTest(Method.MANN_WHITNEY, Double.NaN, Double.NaN, false, x.length, y.length);
        }
        MannWhitneyUTest.Result r = MannWhitneyUTest.withDefaults().test(x, y);
        boolean exact = !r.hasTiedValues() && Math.max(x.length, y.length) < EXACT_LIMIT;
        return new RankTest(Method.MANN_WHITNEY, r.getStatistic(), r.getPValue(), exact, x.length, y.length);
    }

    /**
     * Signed-rank test that the per-block log ratios are centred on 0, exact with ties ({@link SignedRank}); NaN p
     * when there is no block. {@code n} is the number of blocks, zeros included.
     */
    public static RankTest withinBlocks(double[] logRatios) {
        int n = logRatios.length;
        if (n == 0) {
            return new RankTest(Method.SIGNED_RANK_WITHIN_BLOCKS, Double.NaN, Double.NaN, false, 0, 0);
        }
        SignedRank r = SignedRank.test(logRatios);
        return new RankTest(Method.SIGNED_RANK_WITHIN_BLOCKS, r.positiveRankSum(), r.pValue(), r.exact(), n, 0);
    }

    /** The smallest p this test could give with its sizes, whatever the data. */
    public double smallestPossibleP() {
        return method == Method.MANN_WHITNEY ? smallestPossibleP(n, m) : smallestSignedRankP(n);
    }

    /** Smallest two-sided exact signed-rank p with n blocks: {@code 2 / 2^n}, i.e. all blocks on one side. */
    public static double smallestSignedRankP(int blocks) {
        return blocks <= 0 ? 1 : Math.min(1, Math.pow(2, 1 - blocks));
    }

    /**
     * The fewest blocks with which the within-block signed-rank test could reach {@code alpha} after Holm over
     * {@code comparisons}, at its strictest step ({@code 2^(1-n) m < alpha}): with fewer, no difference could be
     * called significant, whatever the data. The warnings cite it, and a run plans its rounds by it.
     */
    public static int fewestBlocks(int comparisons, double alpha) {
        int n = 1;
        while (n < 64 && smallestSignedRankP(n) * Math.max(1, comparisons) >= alpha) {
            n++;
        }
        return n;
    }

    /**
     * The smallest two-sided p-value the exact Mann-Whitney test can give for samples of sizes n and m:
     * {@code 2 / C(n+m, n)}.
     */
    public static double smallestPossibleP(int n, int m) {
        if (n == 0 || m == 0) {
            return 1;
        }
        // log C(n+m, n) by summation: exact enough and never overflows
        double logC = 0;
        for (int i = 1; i <= Math.min(n, m); i++) {
            logC += Math.log(Math.max(n, m) + i) - Math.log(i);
        }
        return Math.min(1, 2 * Math.exp(-logC));
    }
}
