package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.jmh.InvocationRecord;
import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleMergerTest {

    private static final SampleMerger.Place PLACE = new SampleMerger.Place(2, 17, 1);

    private static InvocationRecord rec(boolean warmup, String id, String verified, String failure,
            InvocationRecord.Figure... extra) {
        return new InvocationRecord("ContainerExecBench", "runsc", "syscall", warmup, id, verified, failure,
                List.of(extra), Double.NaN);
    }

    @Test
    void joinsTheNthMeasurementWithTheNthNonWarmupRecordAndKeepsTheBlock() {
        var records = List.of(
                rec(true, "w", "runsc", null),
                rec(false, "a", "runsc", null, new InvocationRecord.Figure("syscall-time", 2.5, "us", false)),
                rec(false, "b", "runsc", null));
        List<Sample> s = SampleMerger.merge("runsc", "syscall", "ms", List.of(10.0, 11.0), records, PLACE, false);
        assertEquals(3, s.size());
        assertEquals(10.0, s.get(0).value());
        assertEquals("a", s.get(0).containerId());
        assertEquals("syscall-time", s.get(1).metric());
        assertEquals(2.5, s.get(1).value());
        assertEquals(Direction.LOWER_IS_BETTER, s.get(1).direction());
        assertEquals(11.0, s.get(2).value());
        assertEquals("b", s.get(2).containerId());
        assertEquals(1, s.get(2).iteration());
        assertTrue(s.stream().allMatch(x -> x.round() == 2 && x.block() == 17 && x.fork() == 1 && x.ok()));
    }

    @Test
    void aFailedOrUnverifiedInvocationIsAFailedSampleNotADroppedOne() {
        var records = List.of(
                rec(false, "a", "runsc", "exited with 1: boom"),
                rec(false, "b", null, null),
                rec(false, "c", "runsc", null));
        List<Sample> s = SampleMerger.merge("runsc", "syscall", "ms", List.of(10.0, 9.0, 8.0), records, PLACE, false);
        assertEquals(3, s.size());
        assertFalse(s.get(0).ok());
        assertEquals("exited with 1: boom", s.get(0).failure());
        assertFalse(s.get(1).ok());
        assertTrue(s.get(1).failure().contains("not verified"));
        assertTrue(s.get(2).ok());
        assertTrue(Double.isNaN(s.get(0).value()), "a failed sample has no value");
    }

    @Test
    void aBenchmarkThatFailedMidwayKeepsItsFiguresUpToThereOutOfTheStatistics() {
        var records = List.of(
                rec(false, "a", "runsc", "reached 3 of 5 containers: starting container 4 failed: boom",
                        new InvocationRecord.Figure("containers-reached", 3, "containers", true)),
                rec(false, "b", null, null, new InvocationRecord.Figure("syscall-time", 2.5, "us", false)));
        List<Sample> s = SampleMerger.merge("runsc", "density", "ms", List.of(10.0, 9.0), records, PLACE, false);
        assertEquals(3.0, s.get(1).value());
        assertFalse(s.get(1).ok());
        assertTrue(s.get(1).failure().startsWith("reached 3 of 5"));
        // unverified: the benchmark did not say it failed, so its figures are not to be read
        assertTrue(Double.isNaN(s.get(3).value()));
    }

    @Test
    void timesWithoutRecordsAndRecordsWithoutTimesAreBothKeptAsFailures() {
        List<Sample> noRecord = SampleMerger.merge("runsc", "syscall", "ms", List.of(10.0), List.of(), PLACE, false);
        assertEquals(1, noRecord.size());
        assertFalse(noRecord.get(0).ok());
        assertTrue(noRecord.get(0).failure().contains("no record"));

        List<Sample> interrupted = SampleMerger.merge("runsc", "syscall", "ms", List.of(),
                List.of(rec(false, "a", "runsc", null)), PLACE, true);
        assertEquals(1, interrupted.size());
        assertFalse(interrupted.get(0).ok());
        assertTrue(interrupted.get(0).interrupted());
        assertEquals("a", interrupted.get(0).containerId());
        assertTrue(Double.isNaN(interrupted.get(0).value()));
    }
}
