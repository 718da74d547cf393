package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.junit.jupiter.api.Test;

class QuantilesTest {

    @Test
    void agreesWithCommonsMathR7AndLeavesInputAlone() {
        double[] x = {5, 1, 4, 2, 3, 9.5, 7};
        double[] copy = x.clone();
        Percentile r7 = new Percentile().withEstimationType(EstimationType.R_7);
        for (double p : new double[] {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0}) {
            assertEquals(r7.evaluate(x, p * 100), Quantiles.of(x, p), 1e-12, "p=" + p);
        }
        assertEquals(1.0, Quantiles.of(x, 0));
        assertArrayEquals(copy, x);
    }

    @Test
    void medianOfEvenCountIsMeanOfMiddlePair() {
        // R: median(c(4, 1, 3, 2)) = 2.5
        assertEquals(2.5, Quantiles.median(new double[] {4, 1, 3, 2}));
    }
}
