package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionGateTest {

    /** A change of runsc's ratio to runc of {@code ratio} with the interval [lo, hi] and p {@code p}, 3 blocks a run. */
    private static RunChange change(RunChange.Aspect aspect, double ratio, double lo, double hi, double p) {
        return new RunChange(new MetricKey("run", "time"), "runsc", "runc", aspect, "ms", Direction.LOWER_IS_BETTER,
                ratio, new Interval(lo, hi, 0.95), p, p, 3, 3);
    }

    private static RunChange change(double ratio, double lo, double hi, double p) {
        return change(RunChange.Aspect.RATIO, ratio, lo, hi, p);
    }

    @Test
    void aConstantSeriesTenTimesWorseThatCannotBeSignificantSaysSo() {
        // three constant blocks a run: the interval is the point 10, far beyond 1.10, and p cannot go below 0.1.
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
        assertEquals(RegressionGate.Outcome.PASS, gate(List.of(ok), List.of(), List.of()).outcome());
        assertEquals(RegressionGate.Outcome.INCONCLUSIVE, gate(List.of(ok), List.of(),
                List.of("run/time under runsc: its unit changed from ms to s")).outcome());
    }

    @Test
    void theTailFailsOrHoldsBackButCannotPassAlone() {
        RegressionGate.Decision median = RegressionGate.decide(change(1.0, 0.98, 1.02, 0.9), 0.10, 0.05);
        // a wide tail interval with its estimate inside the bound: no objection
        RegressionGate.Decision quiet = RegressionGate.decide(change(RunChange.Aspect.RATIO_TAIL, 1.05, 0.7, 1.6, 0.8),
                0.10, 0.05);
        assertEquals(RegressionGate.Outcome.PASS, quiet.outcome());
        assertEquals(RegressionGate.Outcome.PASS, gate(List.of(median, quiet), List.of(), List.of()).outcome());
        // significantly worse, beyond the bound, its interval reaching below it: holds the pass back
        RunChange held = new RunChange(new MetricKey("run", "time"), "runsc", "runc", RunChange.Aspect.RATIO_TAIL,
                "ms", Direction.LOWER_IS_BETTER, 1.8, new Interval(1.05, 2.8, 0.95), 0.001, 0.01, 9, 9);
        RegressionGate.Decision d = RegressionGate.decide(held, 0.10, 0.05);
        assertEquals(RegressionGate.Outcome.INCONCLUSIVE, d.outcome());
        assertTrue(d.reason().contains("slowest samples"), d.reason());
        // the same estimate not significant after the correction: no objection
        RunChange noisy = new RunChange(new MetricKey("run", "time"), "runsc", "runc", RunChange.Aspect.RATIO_TAIL,
                "ms", Direction.LOWER_IS_BETTER, 1.8, new Interval(0.9, 2.8, 0.95), 0.01, 0.2, 9, 9);
        assertEquals(RegressionGate.Outcome.PASS, RegressionGate.decide(noisy, 0.10, 0.05).outcome());
        // significant after the correction and wholly beyond: fails
        assertEquals(RegressionGate.Outcome.FAIL, RegressionGate.decide(
                change(RunChange.Aspect.RATIO_TAIL, 1.8, 1.3, 2.5, 0.001), 0.10, 0.05).outcome());
        // a tail alone judges nothing: with no median the gate cannot pass
        assertEquals(RegressionGate.Outcome.INCONCLUSIVE, gate(List.of(quiet), List.of(), List.of()).outcome());
    }

    @Test
    void aFailureRateThatRoseFailsTheGate() {
        RegressionGate.Decision ok = RegressionGate.decide(change(1.0, 0.98, 1.02, 0.9), 0.10, 0.05);
        FailureChange rose = new FailureChange("run", "runsc", 0, 90, 9, 90, 0.001, 0.002);
        FailureChange flake = new FailureChange("run", "runc", 0, 90, 1, 90, 0.5, 0.5);
        assertEquals(RegressionGate.Outcome.PASS, gate(List.of(ok), List.of(flake), List.of()).outcome());
        assertEquals(RegressionGate.Outcome.FAIL, gate(List.of(ok), List.of(flake, rose), List.of()).outcome());
        assertTrue(rose.sentence().contains("9 of 90 samples failed, 0 of 90 before"), rose.sentence());
    }

    private static RegressionGate gate(List<RegressionGate.Decision> d, List<FailureChange> f, List<String> u) {
        return new RegressionGate(0.10, d, f, u, 0.05);
    }
}
