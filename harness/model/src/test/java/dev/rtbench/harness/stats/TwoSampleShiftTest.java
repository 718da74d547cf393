package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** Pinned to SciPy 1.17.1 and numpy 2.4.6; the call that gave each number is beside it. */
class TwoSampleShiftTest {

    static final double[] X = {0.12, 0.31, -0.05, 0.22, 0.18, 0.40, 0.09};
    static final double[] Y = {0.02, -0.10, 0.05, 0.11, -0.03, 0.07, 0.00, 0.04};

    @Test
    void smallSamplesUseTheExactDistribution() {
        TwoSampleShift s = TwoSampleShift.of(X, Y, 0.95);
        // d = np.sort(np.subtract.outer(X, Y).ravel()); np.median(d)
        assertEquals(0.155, s.estimate(), 1e-12);
        // scipy.stats.mannwhitneyu(X, Y, alternative='two-sided', method='exact').pvalue
        assertEquals(0.020512820512820513, s.p(), 1e-12);
        // k = 11, the smallest u with P(U <= u) >= 0.025 (every 7-subset of the ranks 1..15 counted with
        // itertools.combinations); interval (d[k-1], d[56-k]), as R's wilcox.test(conf.int = TRUE) takes it
        assertEquals(11, TwoSampleShift.lowerRank(7, 8, 0.025));
        assertEquals(0.04, s.interval().lower(), 1e-12);
        assertEquals(0.31, s.interval().upper(), 1e-12);
    }

    @Test
    void largeSamplesUseTheNormalApproximation() {
        // rng = np.random.default_rng(1); a = np.round(rng.normal(0.1, 0.2, 60), 4); b = np.round(rng.normal(0, 0.2, 70), 4)
        double[] a = {0.1691, 0.2643, 0.1661, -0.1606, 0.2811, 0.1893, -0.0074, 0.2162, 0.1729, 0.1588, 0.1057, 0.2093, -0.0473, 0.0674, 0.0036, 0.2198, 0.1079, 0.0415, -0.0564, 0.0486, 0.1016, 0.0449, 0.3588, 0.3013, -0.4422, -0.2778, 0.065, 0.0156, 0.1427, 0.1435, 0.5236, -0.1224, 0.0245, 0.5086, 0.2293, 0.2326, -0.0028, -0.2296, 0.1335, 0.1218, -0.1455, -0.0366, 0.0856, -0.089, 0.0803, 0.1191, 0.1071, -0.0013, 0.2187, 0.2782, 0.1642, -0.0636, 0.2463, -0.0003, 0.2758, -0.1144, 0.2829, 0.096, -0.1497, 0.0372};
        double[] b = {0.0108, 0.0546, -0.1964, -0.2215, 0.0399, -0.0933, 0.0471, 0.1519, -0.3298, 0.0509, 0.2449, -0.0595, -0.1622, 0.1504, 0.0507, 0.1792, -0.069, -0.2964, -0.022, -0.0892, 0.1551, 0.0387, -0.3262, -0.239, 0.1768, 0.136, -0.128, -0.0002, 0.0891, 0.0937, 0.1752, 0.0513, -0.019, -0.0518, 0.2111, -0.4502, -0.0277, 0.0066, -0.2851, 0.0666, -0.1303, 0.1725, -0.0251, 0.1338, 0.2438, 0.0766, -0.1751, -0.3029, 0.3507, -0.0223, -0.1377, 0.0289, -0.0383, 0.1704, 0.0068, 0.0027, -0.1429, 0.0939, -0.2068, 0.1332, 0.3048, -0.3049, -0.4932, 0.1234, 0.5096, -0.2002, -0.2501, 0.1178, -0.1681, -0.1012};
        TwoSampleShift s = TwoSampleShift.of(a, b, 0.95);
        // np.median(np.subtract.outer(a, b))
        assertEquals(0.1024, s.estimate(), 1e-12);
        // scipy.stats.mannwhitneyu(a, b, alternative='two-sided', method='asymptotic').pvalue (continuity corrected)
        assertEquals(0.0012816165953428704, s.p(), 1e-9);
        // k = floor(4200/2 + norm.ppf(0.025) * sqrt(4200 * 131 / 12) + 0.5) = 1680; (d[k-1], d[4200-k])
        assertEquals(1680, TwoSampleShift.lowerRank(60, 70, 0.025));
        assertEquals(0.0414, s.interval().lower(), 1e-12);
        assertEquals(0.1653, s.interval().upper(), 1e-12);
    }

    @Test
    void tooFewForTheLevelGiveNoInterval() {
        // one value against 30: the most extreme order has probability 2/31, above 5%
        double[] many = new double[30];
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
        }
        assertFalse(TwoSampleShift.of(new double[] {100}, many, 0.95).interval().known());
        // the exact table sums to one
        double[] cdf = TwoSampleShift.cumulative(7, 8);
        assertEquals(1.0, cdf[cdf.length - 1], 1e-12);
        assertEquals(1.0 / 6435, cdf[0], 1e-15);
    }
}
