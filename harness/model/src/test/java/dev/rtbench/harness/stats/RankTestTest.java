package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Reference values from R 4.x {@code wilcox.test}. The small example is R's own documentation example
 * (Hollander and Wolfe 1973, p. 69: permeability constants of the human chorioamnion).
 */
class RankTestTest {

    static final double[] A = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
    static final double[] B = {1.15, 0.88, 0.90, 0.74, 1.21};

    @Test
    void exactPOnSmallSampleWithoutTies() {
        // R: wilcox.test(a, b, exact=TRUE) -> W = 35, p-value = 0.254412254412254
        RankTest t = RankTest.of(A, B);
        assertTrue(t.exact());
        assertEquals(35, t.statistic(), 1e-12);
        assertEquals(0.254412254412254, t.pValue(), 1e-12);
    }

    @Test
    void tiesUseCorrectedNormalApproximation() {
        // R: wilcox.test(c(1,2,2,3,4,5,5,6), c(3,4,4,5,6,7,7,8,9), exact=FALSE, correct=TRUE)
        //    -> W = 14, p-value = 0.0371401262343953
        RankTest t = RankTest.of(new double[] {1, 2, 2, 3, 4, 5, 5, 6}, new double[] {3, 4, 4, 5, 6, 7, 7, 8, 9});
        assertFalse(t.exact());
        assertEquals(14, t.statistic(), 1e-12);
        assertEquals(0.0371401262343953, t.pValue(), 1e-9);
    }

    @Test
    void smallestPossiblePMatchesExactExtremes() {
        // R: wilcox.test(c(1,2,3), c(4,5,6))$p.value = 0.1; wilcox.test(1:5, 6:10)$p.value = 0.00793650793650794
        assertEquals(0.1, RankTest.smallestPossibleP(3, 3), 1e-12);
        assertEquals(0.00793650793650794, RankTest.smallestPossibleP(5, 5), 1e-12);
        assertEquals(0.1, RankTest.of(new double[] {1, 2, 3}, new double[] {4, 5, 6}).pValue(), 1e-12);
    }

    @Test
    void cliffsDeltaMatchesR() {
        // R: mean(sign(outer(a, b, "-"))) = 0.4
        assertEquals(0.4, CliffsDelta.of(A, B), 1e-12);
        // R: mean(sign(outer(c(1,2,2,3,4,5,5,6), c(3,4,4,5,6,7,7,8,9), "-"))) = -0.611111111111111
        assertEquals(-0.611111111111111,
                CliffsDelta.of(new double[] {1, 2, 2, 3, 4, 5, 5, 6}, new double[] {3, 4, 4, 5, 6, 7, 7, 8, 9}), 1e-12);
    }
}
