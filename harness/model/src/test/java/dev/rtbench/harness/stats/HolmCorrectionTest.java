package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Reference values from R 4.x: {@code p.adjust(p, "holm")}. */
class HolmCorrectionTest {

    @Test
    void textbookExample() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        // by hand (Holm 1979): sorted 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> monotone 0.06
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02},
                HolmCorrection.adjust(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-12);
    }

    @Test
    void capsAtOneAndKeepsOrder() {
        // R: p.adjust(c(0.0001, 0.2, 0.012, 0.04, 0.0031, 0.5), "holm") = 0.0006 0.4000 0.0480 0.1200 0.0155 0.5000
        assertArrayEquals(new double[] {0.0006, 0.4, 0.048, 0.12, 0.0155, 0.5},
                HolmCorrection.adjust(new double[] {0.0001, 0.2, 0.012, 0.04, 0.0031, 0.5}), 1e-12);
        assertArrayEquals(new double[] {1.0, 1.0}, HolmCorrection.adjust(new double[] {0.6, 0.7}), 1e-12);
    }

    @Test
    void untestedComparisonsStayNaNAndDoNotCount() {
        double[] adj = HolmCorrection.adjust(new double[] {0.01, Double.NaN, 0.04});
        // R: p.adjust(c(0.01, NA, 0.04), "holm") = 0.02 NA 0.04
        assertEquals(0.02, adj[0], 1e-12);
        assertTrue(Double.isNaN(adj[1]));
        assertEquals(0.04, adj[2], 1e-12);
    }
}
