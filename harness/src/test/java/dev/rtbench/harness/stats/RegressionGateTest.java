package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionGateTest {

    /** A change of {@code ratio} with the interval [lo, hi] and the adjusted p {@code p}, from 3 samples a run. */
    private static OverheadEstimate change(double ratio, double lo, double hi, double p) {
        return new OverheadEstimate(new MetricKey("run", "time"), "runsc", "before", "ms", Direction.LOWER_IS_BETTER,
                3, 3, ratio, new Interval(lo, hi, 0.95), 900, new Interval(900, 900, 0.95), ratio,
                new RankTest(RankTest.Method.SIGNED_RANK_WITHIN_BLOCKS, 0, p, true, 3, 0), p, p,
                WorseShare.ofPairs(1, 0.95), BlockEvidence.none(), true);
    }

    @Test
    void aConstantSeriesTenTimesWorseThatCannotBeSignificantSaysSo() {
        // three constant samples a run: the interval is the point 10, far beyond 1.10, and p cannot go below 0.1.
        // The gate said "interval [10, 10] straddles 1.10", which it does not
        RegressionGate.Decision d = RegressionGate.decide(change(10, 10, 10, 0.1), 0.10, 0.05);
        assertEquals(RegressionGate.Outcome.INCONCLUSIVE, d.outcome());
        assertFalse(d.reason().contains("straddles"), d.reason());
        assertTrue(d.reason().contains("lies beyond 1.10") && d.reason().contains("likely a regression"), d.reason());
    }

    @Test
    void aSeriesNotComparedKeepsTheGateFromPassing() {
        RegressionGate.Decision ok = RegressionGate.decide(change(1.0, 0.98, 1.02, 0.9), 0.10, 0.05);
        assertEquals(RegressionGate.Outcome.PASS, ok.outcome());
        assertEquals(RegressionGate.Outcome.PASS, new RegressionGate(0.10, List.of(ok), List.of()).outcome());
        assertEquals(RegressionGate.Outcome.INCONCLUSIVE, new RegressionGate(0.10, List.of(ok),
                List.of("run/time under runsc: its unit changed from ms to s")).outcome());
    }
}
