package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.jmh.InvocationRecord;
import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleMergerTest {

    private static InvocationRecord rec(long pid, boolean warmup, String id, String verified, String failure,
            InvocationRecord.Figure... extra) {
        return new InvocationRecord("ContainerExecBench", "runsc", "syscall", pid, warmup, id, verified, failure,
                List.of(extra));
    }

    @Test
    void joinsTheNthMeasurementOfAForkWithItsNthNonWarmupRecord() {
        var timed = List.of(new SampleMerger.Timed("ContainerExecBench", "runsc", "syscall", "ms",
                List.of(List.of(10.0, 11.0), List.of(12.0))));
        var records = List.of(
                rec(100, true, "w", "runsc", null),
                rec(100, false, "a", "runsc", null, new InvocationRecord.Figure("per-op", 2.5, "us/op", false)),
                rec(100, false, "b", "runsc", null),
                rec(200, false, "c", "runsc", null));
        List<Sample> s = SampleMerger.merge(timed, records, 2, false);
        assertEquals(4, s.size());
        assertEquals(10.0, s.get(0).value());
        assertEquals("a", s.get(0).containerId());
        assertEquals("per-op", s.get(1).metric());
        assertEquals(2.5, s.get(1).value());
        assertEquals(Direction.LOWER_IS_BETTER, s.get(1).direction());
        assertEquals(11.0, s.get(2).value());
        assertEquals("b", s.get(2).containerId());
        assertEquals(12.0, s.get(3).value());
        assertEquals(1, s.get(3).fork());
        assertEquals("c", s.get(3).containerId());
        assertTrue(s.stream().allMatch(x -> x.round() == 2 && x.ok()));
    }

    @Test
    void aFailedOrUnverifiedInvocationIsAFailedSampleNotADroppedOne() {
        var timed = List.of(new SampleMerger.Timed("ContainerExecBench", "runsc", "syscall", "ms",
                List.of(List.of(10.0, 0.01, 9.0))));
        var records = List.of(
                rec(1, false, "a", null, "exited with 1: boom"),
                rec(1, false, "b", null, null),
                rec(1, false, "c", "runc", null));
        List<Sample> s = SampleMerger.merge(timed, records, 0, false);
        assertEquals(3, s.size());
        assertFalse(s.get(0).ok());
        assertTrue(Double.isNaN(s.get(0).value()));
        assertEquals("exited with 1: boom", s.get(0).failure());
        assertEquals("the container's runtime was not verified", s.get(1).failure());
        assertFalse(s.get(2).ok(), "a container verified as another runtime must not count");
    }

    @Test
    void recordsWithoutAJmhTimeAreKeptAsFailedAndMarkedWhenInterrupted() {
        var records = List.of(rec(7, false, "a", "runsc", null), rec(7, true, "w", "runsc", null));
        List<Sample> s = SampleMerger.merge(List.of(), records, 1, true);
        assertEquals(1, s.size());
        assertFalse(s.get(0).ok());
        assertTrue(s.get(0).interrupted());
        assertEquals("interrupted before JMH reported the time", s.get(0).failure());
    }

    @Test
    void aTimeWithoutARecordIsUnverified() {
        var timed = List.of(new SampleMerger.Timed("LifecycleBench", "runc", "run", "ms", List.of(List.of(5.0))));
        List<Sample> s = SampleMerger.merge(timed, List.of(), 0, false);
        assertEquals(1, s.size());
        assertFalse(s.get(0).ok());
        assertNull(s.get(0).containerId());
    }
}
