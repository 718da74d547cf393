package dev.rtbench.harness.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rtbench.harness.attribution.Segments.Segment;
import dev.rtbench.harness.results.Timeline;
import dev.rtbench.harness.results.TimelineEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentsTest {

    static TimelineEvent verb(String v, long b, long e) {
        return new TimelineEvent(v, TimelineEvent.OCI, b, e);
    }

    static TimelineEvent event(String topic, long at) {
        return new TimelineEvent(topic, TimelineEvent.CONTAINERD, at, at);
    }

    static Timeline timeline(double phaseMs, long start, long end, TimelineEvent... events) {
        return new Timeline("runc", "start", 0, 0, 0, 0, "c1", start, end, phaseMs, List.of(events), null);
    }

    @Test
    void aDockerStartSplitsIntoEngineVerbsAndEventsThatSumToThePhase() {
        // request at 1000 µs; runc create 3000-13000; containerd's task create at 14000; runc start 16000-18000;
        // task start at 18500; reply at 20000
        Timeline t = timeline(19.05, 1000, 20000, verb("start", 16000, 18000), verb("create", 3000, 13000),
                event("/tasks/create", 14000), event("/tasks/start", 18500));
        List<Segment> s = Segments.of(t);
        assertEquals(List.of(new Segment("request → create", 2.0), new Segment("OCI create", 10.0),
                new Segment("create → tasks/create", 1.0), new Segment("tasks/create → start", 2.0),
                new Segment("OCI start", 2.0), new Segment("start → tasks/start", 0.5),
                new Segment("tasks/start → reply", 1.5), new Segment(Segments.UNATTRIBUTED, 19.05 - 19.0)), s);
        assertEquals(19.05, s.stream().mapToDouble(Segment::ms).sum(), 1e-9);
    }

    @Test
    void aVerbCalledTwiceIsNamedTwiceAndEventsOutsideThePhaseAreLeftOut() {
        Timeline t = timeline(10.0, 0, 10000, verb("kill", 1000, 2000), verb("kill", 4000, 5000),
                event("/tasks/exit", 12000), verb("delete", -500, 500));
        List<Segment> s = Segments.of(t);
        assertEquals(List.of(new Segment("OCI delete", 0.5), new Segment("delete → kill", 0.5),
                new Segment("OCI kill", 1.0), new Segment("kill → kill#2", 2.0), new Segment("OCI kill#2", 1.0),
                new Segment("kill#2 → reply", 5.0)), s);
    }

    @Test
    void aPointInsideAVerbLeavesTheVerbWhole() {
        Timeline t = timeline(10.0, 0, 10000, verb("create", 1000, 9000), event("/tasks/create", 5000));
        List<Segment> s = Segments.of(t);
        assertEquals(List.of(new Segment("request → create", 1.0), new Segment("OCI create", 8.0),
                new Segment("create → reply", 1.0)), s);
    }

    @Test
    void aTimelineWithoutEventsIsOneSegment() {
        assertEquals(List.of(new Segment("request → reply", 4.0)), Segments.of(timeline(4.0, 0, 4000)));
    }
}
