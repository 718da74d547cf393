package dev.rtbench.harness.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SyntheticRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The density and burst charts appear when a run has density and burst samples, and only then. */
class DensityChartsTest {

    @TempDir
    Path dir;

    /** A synthetic run plus density and burst samples shaped like the figures measured here (runsc ~5x runc). */
    static RunResults withDensity(RunResults base) {
        List<Sample> samples = new ArrayList<>(base.samples());
        int block = 100;
        for (int round = 0; round < 3; round++) {
            for (String rt : List.of("runc", "runsc")) {
                double f = rt.equals("runc") ? 1 : 5;
                double noise = 1 + 0.05 * round;
                samples.add(s(rt, "density", "memavailable-per-container", 5.5 * f * noise, "MiB", block, round));
                samples.add(s(rt, "density", "pss-per-container", 4.0 * f * noise, "MiB", block, round));
                for (int k : List.of(1, 2, 5, 10, 20, 50)) {
                    samples.add(s(rt, "density", "start@" + k, (200 + 3 * k) * (rt.equals("runc") ? 1 : 1.8) * noise,
                            "ms", block, round));
                    samples.add(s(rt, "density", "memavailable-drop@" + k, 5.5 * f * k * noise, "MiB", block, round));
                }
                for (int k : List.of(1, 4, 16)) {
                    samples.add(s(rt, "burst-" + k, "time", (250 + 60 * k) * (rt.equals("runc") ? 1 : 2) * noise,
                            "ms", block + 1 + k, round));
                }
            }
            block += 20;
        }
        List<String> workloads = new ArrayList<>(base.config().workloads());
        workloads.addAll(List.of("density", "burst-1", "burst-4", "burst-16"));
        RunConfig c = base.config();
        RunConfig config = new RunConfig(c.runtimes(), c.baseline(), workloads, c.profile(), c.image(), c.roundOrder(),
                c.blocks(), c.phaseCalls());
        return new RunResults(base.formatVersion(), base.runId(), base.started(), base.finished(), base.status(),
                base.environment(), config, samples, base.notes());
    }

    private static Sample s(String rt, String workload, String metric, double v, String unit, int block, int round) {
        return new Sample(rt, workload, metric, v, unit, Direction.LOWER_IS_BETTER, round, block, 0, 0, "c", rt, null,
                false);
    }

    @Test
    void densityAndBurstChartsAreDrawnWhenTheRunHasThem() throws Exception {
        RunAnalysis a = RunAnalysis.of(withDensity(SyntheticRuns.run(1, 4)));
        ChartRenderer.Charts charts = ChartRenderer.render(a, dir.resolve("charts"));
        Set<String> names = charts.files().stream().map(ChartFile::name).collect(Collectors.toSet());
        for (String n : List.of("density-memory", "density-start-latency", "density-host-memory", "burst-completion")) {
            assertTrue(names.contains(n), n + " not drawn; drawn " + names + ", skipped " + charts.skipped());
            ChartFile f = charts.files().stream().filter(x -> x.name().equals(n)).findFirst().orElseThrow();
            assertArrayEquals(ChartRendererTest.PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(f.png()), 8));
            String svg = Files.readString(f.svg());
            assertTrue(svg.contains("runsc"), n + " has no runsc series");
        }
        assertEquals(List.of(), charts.skipped().stream().filter(s -> s.startsWith("density") || s.startsWith("burst"))
                .toList());
    }

    @Test
    void aRunWithoutThemHasNone() {
        ChartRenderer.Charts charts = ChartRenderer.render(RunAnalysis.of(SyntheticRuns.run(1, 4)),
                dir.resolve("charts"));
        assertTrue(charts.files().stream().noneMatch(f -> f.name().startsWith("density") || f.name().startsWith("burst")));
    }
}
