package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Pinned to SciPy 1.17.1: {@code scipy.stats.wilcoxon(d, method=scipy.stats.PermutationMethod(n_resamples=np.inf))},
 * the exact distribution of the sign flips over mid-ranks (zeros dropped, SciPy's default). SciPy's own
 * {@code method="exact"} and commons-statistics both assume no ties; the values they give are noted where they
 * differ.
 */
class SignedRankTest {

    @Test
    void oneTieKeepsTheExactFloor() {
        // all 14 positive, 0.1 twice: PermutationMethod -> 0.0001220703125 (= 2/2^14);
        // method="approx" (what commons-statistics falls back to at a tie) -> 0.000978706525317055
        double[] d = {0.1, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3};
        SignedRank r = SignedRank.test(d);
        assertEquals(0.0001220703125, r.pValue(), 1e-15);
        assertTrue(r.exact());
        assertTrue(r.ties());
        assertEquals(RankTest.smallestSignedRankP(14), r.pValue(), 1e-15);
    }

    @Test
    void mixedSignsTiesAndAZero() {
        // d = [1.5,-0.5,2,2,-2,3,0.5,4,1,-1,5,0]: PermutationMethod -> 0.068359375 (method="exact": 0.0673828125)
        SignedRank r = SignedRank.test(new double[] {1.5, -0.5, 2, 2, -2, 3, 0.5, 4, 1, -1, 5, 0});
        assertEquals(0.068359375, r.pValue(), 1e-12);
        assertEquals(11, r.nonZero());
    }

    @Test
    void aQuantisedMetric() {
        // d = [.25,.25,.25,-.25,.5,.5,.25,.25,-.5,.25,.25,.5,.25]: PermutationMethod -> 0.04150390625
        // (method="exact": 0.0478515625, method="approx": 0.03466626204698584)
        SignedRank r = SignedRank.test(new double[] {.25, .25, .25, -.25, .5, .5, .25, .25, -.5, .25, .25, .5, .25});
        assertEquals(0.04150390625, r.pValue(), 1e-12);
    }

    @Test
    void withoutTiesItIsTheClassicExactTest() {
        // R's example (Hollander and Wolfe, depression scale), d = x - y:
        // x = [1.83,0.50,1.62,2.48,1.68,1.88,1.55,3.06,1.30], y = [0.878,0.647,0.598,2.05,1.06,1.29,1.06,3.14,1.29]
        // PermutationMethod and method="exact" -> 0.0390625
        double[] x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
        double[] y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i] - y[i];
        }
        SignedRank r = SignedRank.test(d);
        assertEquals(0.0390625, r.pValue(), 1e-12);
        assertFalse(r.ties());
        assertEquals(40, r.positiveRankSum(), 0);
    }

    @Test
    void nothingButZerosIsNoEvidence() {
        SignedRank r = SignedRank.test(new double[] {0, 0, 0});
        assertEquals(1, r.pValue());
        assertEquals(0, r.nonZero());
    }

    @Test
    void beyondTheExactLimitTheNormalApproximationIsClose() {
        // 401 values alternating in sign: centred on 0, so the p-value is large; the exact side of the limit agrees
        double[] big = new double[SignedRank.EXACT_LIMIT + 1];
        double[] exact = new double[SignedRank.EXACT_LIMIT - 1];
        for (int i = 0; i < big.length; i++) {
            big[i] = (i % 2 == 0 ? 1 : -1) * (i + 1);
        }
        System.arraycopy(big, 0, exact, 0, exact.length);
        SignedRank approx = SignedRank.test(big);
        SignedRank ex = SignedRank.test(exact);
        assertFalse(approx.exact());
        assertTrue(ex.exact());
        assertEquals(ex.pValue(), approx.pValue(), 0.02);
    }
}
