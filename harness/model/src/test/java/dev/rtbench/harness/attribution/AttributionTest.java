package dev.rtbench.harness.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Timeline;
import dev.rtbench.harness.results.TimelineEvent;
import dev.rtbench.harness.stats.StatsOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributionTest {

    /** runsc's create takes 30 ms more than runc's; everything else is alike, with noise. */
    static RunResults run(int blocks) {
        Random rnd = new Random(7);
        List<Timeline> ts = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            for (String rt : List.of("runc", "runsc")) {
                long create = (rt.equals("runsc") ? 40_000 : 10_000) + rnd.nextInt(1000);
                long t0 = 1_000_000L * b;
                long c0 = t0 + 2000 + rnd.nextInt(500);
                long s0 = c0 + create + 3000 + rnd.nextInt(500);
                long end = s0 + 2000 + 1500 + rnd.nextInt(500);
                List<TimelineEvent> ev = new ArrayList<>(List.of(new TimelineEvent("create", TimelineEvent.OCI, c0,
                        c0 + create), new TimelineEvent("start", TimelineEvent.OCI, s0, s0 + 2000)));
                if (rt.equals("runsc")) {
                    // gVisor's sandbox is ready 5 ms before its create returns
                    ev.add(new TimelineEvent("sandbox ready", TimelineEvent.GVISOR, c0 + create - 5000,
                            c0 + create - 5000));
                }
                ts.add(new Timeline(rt, "start", b, b, rt.equals("runc") ? 0 : 1, 0, "c", t0, end,
                        (end - t0) / 1000.0 + 0.01, ev, null));
            }
        }
        RunConfig c = new RunConfig(List.of("runc", "runsc"), "runc", List.of("start"), "quick", "img", List.of(),
                List.of(), Map.of());
        return new RunResults(RunResults.FORMAT_VERSION, "r", Instant.EPOCH, Instant.EPOCH, "complete", null, c,
                List.of(), List.of(), List.of(), ts);
    }

    @Test
    void theExtraTimeLandsInTheSegmentThatHasItAndNowhereElse() {
        Attribution a = Attribution.of(run(12), StatsOptions.defaults());
        PhaseAttribution runsc = a.phase("start", "runsc").orElseThrow();
        assertEquals("runc", runsc.reference());
        SegmentEstimate create = runsc.largestOverheads(1).get(0);
        assertEquals("OCI create", create.segment());
        assertTrue(create.difference().contains(30.0), create.toString());
        for (SegmentEstimate s : runsc.segments()) {
            if (!s.segment().equals("OCI create")) {
                assertTrue(Math.abs(s.differenceMs()) < 1.0, s.toString());
            }
        }
        assertTrue(runsc.sumsToPhase(), runsc.segmentSumMs() + " vs " + runsc.phaseMedian());
        assertEquals(List.of("request → create", "OCI create", "create → start", "OCI start", "start → reply",
                Segments.UNATTRIBUTED), runsc.segments().stream().map(SegmentEstimate::segment).toList());
        PhaseAttribution runc = a.phase("start", "runc").orElseThrow();
        assertNull(runc.reference());
        assertTrue(runc.largestOverheads(3).isEmpty());
        PhaseAttribution inside = a.inside("start", "runsc").orElseThrow();
        assertEquals(List.of("OCI create · begin → sandbox ready", "OCI create · begin → end"),
                inside.segments().stream().map(SegmentEstimate::segment).toList());
        SegmentEstimate whole = inside.segments().get(1);
        SegmentEstimate ready = inside.segments().get(0);
        assertEquals(5.0, whole.medianMs() - ready.medianMs(), 1.0, inside.toString());
        assertNull(inside.reference());
        assertTrue(a.inside("start", "runc").isEmpty(), "runc logs no milestones");
    }

    @Test
    void aRunWithoutTimelinesHasNoAttribution() {
        RunResults r = run(3);
        RunResults none = new RunResults(r.formatVersion(), r.runId(), r.started(), r.finished(), r.status(), null,
                r.config(), List.of(), List.of());
        assertTrue(Attribution.of(none, StatsOptions.defaults()).isEmpty());
    }
}
