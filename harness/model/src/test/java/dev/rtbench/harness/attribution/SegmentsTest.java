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
    void aPodsCniCallsAreSegmentsOfTheirOwnAndANestedCallTakesItsTimeFromItsCaller() {
        // loopback ADD 1000-2000; bridge ADD 3000-9000 calls host-local ADD 4000-6000; then the sandbox's runc create
        Timeline t = timeline(12.0, 0, 12000, new TimelineEvent("ADD loopback", TimelineEvent.CNI, 1000, 2000),
                new TimelineEvent("ADD bridge", TimelineEvent.CNI, 3000, 9000),
                new TimelineEvent("ADD host-local", TimelineEvent.CNI, 4000, 6000), verb("create", 10000, 11000));
        List<Segment> s = Segments.of(t);
        assertEquals(List.of(new Segment("request → CNI ADD loopback", 1.0), new Segment("CNI ADD loopback", 1.0),
                new Segment("CNI ADD loopback → CNI ADD bridge", 1.0), new Segment("CNI ADD bridge", 4.0),
                new Segment("CNI ADD host-local", 2.0), new Segment("CNI ADD bridge → create", 1.0),
                new Segment("OCI create", 1.0), new Segment("create → reply", 1.0)), s);
        assertEquals(12.0, s.stream().mapToDouble(Segment::ms).sum(), 1e-9);
    }

    static TimelineEvent mark(String name, long at) {
        return new TimelineEvent(name, TimelineEvent.GVISOR, at, at);
    }

    @Test
    void gvisorsMilestonesAreTimedFromTheirVerbsBeginAndLeaveThePhasesSegmentsAsEveryRuntimeHasThem() {
        // runsc create 2000-12000 with the sandbox spawned at 5000 and ready at 9000; runsc start 13000-17000 with
        // the first process at 16000; a milestone after the phase's reply is not this phase's
        Timeline t = timeline(20.0, 0, 20000, verb("create", 2000, 12000), mark("sandbox spawned", 5000),
                mark("sandbox ready", 9000), verb("start", 13000, 17000), mark("app started", 16000),
                mark("app started", 25000));
        assertEquals(List.of(new Segment("request → create", 2.0), new Segment("OCI create", 10.0),
                new Segment("create → start", 1.0), new Segment("OCI start", 4.0), new Segment("start → reply", 3.0)),
                Segments.of(t), "the milestones do not cut the phase's segments");
        assertEquals(List.of(new Segment("OCI create · begin → sandbox spawned", 3.0),
                new Segment("OCI create · begin → sandbox ready", 7.0), new Segment("OCI create · begin → end", 10.0),
                new Segment("OCI start · begin → app started", 3.0), new Segment("OCI start · begin → end", 4.0)),
                Segments.inside(t), "each milestone's time since its verb began, and the verb's own");
        assertEquals(List.of(), Segments.inside(timeline(20.0, 0, 20000, verb("create", 2000, 12000))),
                "runc logs no milestones: nothing inside");
    }

    @Test
    void aTimelineWithoutEventsIsOneSegment() {
        assertEquals(List.of(new Segment("request → reply", 4.0)), Segments.of(timeline(4.0, 0, 4000)));
    }
}
