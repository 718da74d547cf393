package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.BlockOrder;
import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A run through two engines: each arm against the baseline runtime through its engine, and engine against engine. */
class EngineComparisonTest {

    private static final List<String> ARMS = List.of("runc", "runsc", "runc@cri", "runsc@cri");

    @Test
    void eachArmMeetsTheBaselineOfItsEngineAndItsRuntimeThroughTheOtherEngine() {
        assertEquals(List.of(
                new RunAnalysis.Comparison("runsc", "runc", false),
                new RunAnalysis.Comparison("runc@cri", "runc", true),
                new RunAnalysis.Comparison("runsc@cri", "runc@cri", false),
                new RunAnalysis.Comparison("runsc@cri", "runsc", true)), RunAnalysis.comparisons(ARMS, "runc"));
        // one engine: the comparisons of every run before engines were a choice
        assertEquals(List.of(new RunAnalysis.Comparison("runsc", "runc", false)),
                RunAnalysis.comparisons(List.of("runc", "runsc"), "runc"));
        assertEquals(List.of(new RunAnalysis.Comparison("runsc@cri", "runc@cri", false)),
                RunAnalysis.comparisons(List.of("runc@cri", "runsc@cri"), "runc@cri"));
    }

    /**
     * SYNTHETIC: runsc costs 2x runc through either engine, and the CRI engine adds 1.5x to both; a pod phase is
     * measured through CRI only. The analysis finds each effect where it was put, and no engine comparison for the
     * pod phase.
     */
    @Test
    void theEffectsPutIntoARunAreFoundWhereTheyWerePut() {
        RunAnalysis a = RunAnalysis.of(run());
        MetricKey start = new MetricKey("start", "time");
        assertRatio(a, start, "runsc", "runc", 2.0);
        assertRatio(a, start, "runsc@cri", "runc@cri", 2.0);
        assertRatio(a, start, "runc@cri", "runc", 1.5);
        assertRatio(a, start, "runsc@cri", "runsc", 1.5);
        MetricKey pod = new MetricKey("pod-sandbox-start", "time");
        assertEquals(1, a.overheads(pod).size(), a.overheads(pod).toString());
        assertRatio(a, pod, "runsc@cri", "runc@cri", 2.0);
        // the chart's and summary's comparison of an arm is with its own engine's baseline
        assertEquals("runc@cri", a.overhead(start, "runsc@cri").orElseThrow().reference());
        assertEquals("runc", a.overhead(start, "runc@cri").orElseThrow().reference());
        assertTrue(a.comparesEngines());
        assertFalse(RunAnalysis.of(BlockedRuns.run(1, "runsc", 12, 3, 2.0, 0)).comparesEngines());
        // 12 blocks of four comparisons of start and one of the pod phase: every one of them significant
        assertEquals(5, a.overheads().size());
        a.overheads().forEach(o -> assertTrue(o.significant(0.05), o.toString()));
    }

    private static void assertRatio(RunAnalysis a, MetricKey k, String runtime, String reference, double expected) {
        OverheadEstimate o = a.overheads(k).stream()
                .filter(x -> x.runtime().equals(runtime) && x.reference().equals(reference)).findFirst()
                .orElseThrow(() -> new AssertionError("no comparison of " + runtime + " with " + reference));
        assertEquals(expected, o.ratio(), expected * 0.1, o.toString());
        assertTrue(o.ratioInterval().lower() <= expected * 1.1 && o.ratioInterval().upper() >= expected * 0.9,
                o.toString());
    }

    private static RunResults run() {
        Random rng = new Random(7);
        List<Sample> samples = new ArrayList<>();
        List<BlockOrder> blocks = new ArrayList<>();
        int b = 0;
        for (int round = 0; round < 12; round++) {
            double drift = Math.exp(0.1 * rng.nextGaussian());
            blocks.add(new BlockOrder(b, round, List.of("start"), ARMS));
            for (String arm : ARMS) {
                double v = 100 * drift * (arm.startsWith("runsc") ? 2 : 1) * (arm.endsWith("@cri") ? 1.5 : 1);
                samples.add(sample(arm, "start", v * Math.exp(0.02 * rng.nextGaussian()), b));
            }
            b++;
            blocks.add(new BlockOrder(b, round, List.of("pod-sandbox-start"), List.of("runc@cri", "runsc@cri")));
            for (String arm : List.of("runc@cri", "runsc@cri")) {
                double v = 50 * drift * (arm.startsWith("runsc") ? 2 : 1);
                samples.add(sample(arm, "pod-sandbox-start", v * Math.exp(0.02 * rng.nextGaussian()), b));
            }
            b++;
        }
        RunConfig config = new RunConfig(ARMS, "runc", List.of("start", "pod-sandbox-start"), "quick", "busybox",
                List.of(), blocks, null);
        return new RunResults(RunResults.FORMAT_VERSION, "engines", Instant.parse("2026-11-29T08:00:00Z"),
                Instant.parse("2026-11-29T08:10:00Z"), "complete", null, config, samples, List.of());
    }

    private static Sample sample(String arm, String workload, double v, int block) {
        return new Sample(arm, workload, "time", v, "ms", Direction.LOWER_IS_BETTER, 0, block, 0, 0, null, arm, null,
                false);
    }
}
