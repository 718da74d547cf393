package dev.rtbench.harness.stats;

import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), two-sided, from commons-statistics-inference rather than
 * commons-math3, whose version has only the normal approximation and no tie correction.
 *
 * <p>The p-value is exact when both samples are smaller than 50 and have no ties, as in R's
 * {@code wilcox.test(x, y, exact = TRUE)}; otherwise it is the normal approximation with tie and continuity
 * correction, as R does by default for larger or tied samples.
 *
 * @param u      U statistic of the first sample (the number of pairs in which x beats y, ties counting 1/2)
 * @param pValue two-sided p, NaN when a sample is empty
 * @param exact  whether {@code pValue} is the exact distribution's
 */
public record RankTest(double u, double pValue, boolean exact) {

    /** Below this size (both samples) and without ties, the p-value is exact. */
    public static final int EXACT_LIMIT = 50;

    public static RankTest of(double[] x, double[] y) {
        if (x.length == 0 || y.length == 0) {
            return new RankTest(Double.NaN, Double.NaN, false);
        }
        MannWhitneyUTest.Result r = MannWhitneyUTest.withDefaults().test(x, y);
        boolean exact = !r.hasTiedValues() && Math.max(x.length, y.length) < EXACT_LIMIT;
        return new RankTest(r.getStatistic(), r.getPValue(), exact);
    }

    /**
     * The smallest two-sided p-value the exact test can give for samples of sizes n and m: {@code 2 / C(n+m, n)}.
     * If it is above the significance level no difference can ever be significant with so few samples.
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
