package dev.rtbench.harness.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.stats.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseAttributionTest {

    private static SegmentEstimate seg(String name, double median, double lower, double upper) {
        return new SegmentEstimate(name, median, new Interval(lower, upper, 0.95), Double.NaN,
                Interval.unknown(0.95));
    }

    private static PhaseAttribution phase(double median, double lower, double upper, SegmentEstimate... s) {
        return new PhaseAttribution("start", "runc", null, 30, 10, 0, median, new Interval(lower, upper, 0.95),
                List.of(s));
    }

    @Test
    void skewedSegmentsWhoseMediansSumShortOfThePhaseStillSumToItWithinTheirIntervals() {
        // medians 300 + 100 = 400 against a phase median of 410 [405, 415]: short, but the intervals reach it
        PhaseAttribution p = phase(410, 405, 415, seg("OCI create", 300, 295, 308), seg("OCI start", 100, 98, 104));
        assertArrayEquals(new double[] {393, 412}, p.segmentSumRange(), 1e-9);
        assertTrue(p.sumsToPhase());
    }

    @Test
    void segmentsThatMissThePhaseBeyondTheirIntervalsDoNotSumToIt() {
        // a segment lost: 300 [295, 305] against 410 [405, 415]
        assertFalse(phase(410, 405, 415, seg("OCI create", 300, 295, 305)).sumsToPhase());
        // no interval for a segment: only the medians' sum can be set against the phase
        PhaseAttribution unknown = phase(410, 405, 415, new SegmentEstimate("OCI create", 400, Interval.unknown(0.95),
                Double.NaN, Interval.unknown(0.95)));
        assertTrue(Double.isNaN(unknown.segmentSumRange()[0]));
        assertFalse(unknown.sumsToPhase());
    }
}
