package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pinned to SciPy 1.17.1: {@code scipy.stats.binomtest(k, n).proportion_ci(0.95, method="wilson")}. */
class WorseShareTest {

    @Test
    void elevenOfFourteenBlocksWorse() {
        // binomtest(11, 14) -> (0.524107694133997, 0.9242861328730683)
        List<Double> ratios = List.of(1.2, 1.1, 1.3, 1.05, 1.4, 0.9, 1.2, 1.1, 0.95, 1.3, 1.2, 0.99, 1.1, 1.2);
        WorseShare w = WorseShare.ofBlocks(ratios, 0.95);
        assertEquals(11, w.worse());
        assertEquals(14, w.of());
        assertEquals(11 / 14.0, w.share(), 1e-12);
        assertEquals(0.524107694133997, w.interval().lower(), 1e-12);
        assertEquals(0.9242861328730683, w.interval().upper(), 1e-12);
        assertEquals("worse in 11 of 14 blocks (79% [52%, 92%])", w.text());
    }

    @Test
    void everyBlockWorseAndHalfWithTies() {
        // binomtest(10, 10) -> (0.7224672001371109, 1.0)
        WorseShare all = WorseShare.ofBlocks(List.of(2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0), 0.95);
        assertEquals(0.7224672001371109, all.interval().lower(), 1e-12);
        assertEquals(1.0, all.interval().upper(), 1e-12);
        // six worse, two equal (half each), six better: 7 of 14 -> binomtest(7, 14): (0.2679920245241364, 0.7320...)
        WorseShare half = WorseShare.ofBlocks(List.of(1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.0, 1.0, 0.9, 0.9, 0.9, 0.9,
                0.9, 0.9), 0.95);
        assertEquals(0.5, half.share(), 0);
        assertEquals(0.2679920245241364, half.interval().lower(), 1e-12);
        assertEquals(0.7320079754758636, half.interval().upper(), 1e-12);
    }
}
