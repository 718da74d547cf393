package dev.rtbench.harness.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.RunAnalysis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleChartTest {

    /** SYNTHETIC: a run through both engines; a CRI arm's stack starts with its pod's sandbox. */
    @Test
    void aPodsSandboxStartIsTheBottomOfItsStackAndStopStandsApart() {
        List<Sample> samples = new ArrayList<>();
        int block = 0;
        for (String w : List.of("stop", "remove", "start", "create", "pod-sandbox-start")) {
            for (String arm : w.equals("pod-sandbox-start") ? List.of("runc@cri") : List.of("runc", "runc@cri")) {
                samples.add(new Sample(arm, w, "time", 10 + block, "ms", Direction.LOWER_IS_BETTER, 0, block, 0, 0,
                        null, arm, null, false));
            }
            block++;
        }
        RunConfig config = new RunConfig(List.of("runc", "runc@cri"), "runc",
                List.of("stop", "remove", "start", "create", "pod-sandbox-start"), "smoke", "busybox", List.of(),
                List.of(), null);
        RunAnalysis a = RunAnalysis.of(new RunResults(RunResults.FORMAT_VERSION, "lifecycle", Instant.EPOCH,
                Instant.EPOCH, "complete", null, config, samples, List.of()));
        assertEquals(List.of("pod-sandbox-start", "create", "start", "remove", "stop"),
                LifecycleChart.keys(a, true).stream().map(MetricKey::workload).toList());
        List<String> legend = new ArrayList<>();
        LifecycleChart.build(a, new RuntimePalette(a.runtimes()), legend);
        assertEquals(List.of("pod-sandbox-start", "create", "start", "remove", "stop"), legend);
    }
}
