package dev.rtbench.harness.chart;

import dev.rtbench.harness.attribution.Attribution;
import dev.rtbench.harness.attribution.PhaseAttribution;
import dev.rtbench.harness.results.Phase;
import dev.rtbench.harness.stats.Headline;
import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SafeText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Renders every chart of a run, each as PNG and SVG, headless: the headline (primary metrics by class), the
 * overhead forest plot of every metric, a box plot per workload and metric, the CDF of container start latency, the
 * lifecycle phases, and, when the run measured density and bursts, memory per container and start latency, host
 * memory and burst time against k, and, when the run traced its phases ({@code --attribute}), a waterfall of each
 * traced phase. Charts read only the {@link RunAnalysis} and the {@link Attribution} made from its results, so they
 * are re-rendered identically from a results.json.
 */
public final class ChartRenderer {

    /** The headline chart's name: each workload's primary comparison by class, at most 25 rows. */
    public static final String HEADLINE = "headline";

    private ChartRenderer() {}

    /**
     * What was rendered, and what could not be, each with the reason.
     *
     * @param files   the chart files in report order
     * @param skipped one line per chart that was not drawn, saying why
     */
    public record Charts(List<ChartFile> files, List<String> skipped) {
        public Charts {
            files = List.copyOf(files);
            skipped = List.copyOf(skipped);
        }
    }

    /** Renders into {@code chartsDir} (created if missing) and returns the charts in report order. */
    public static List<ChartFile> renderAll(RunAnalysis analysis, Path chartsDir) {
        return render(analysis, chartsDir).files();
    }

    /**
     * Renders every chart that can be drawn. A chart that cannot (every sample of its series failed, or the
     * drawing library refuses the data) is skipped with a line saying why, so one odd series never costs the whole
     * report.
     */
    public static Charts render(RunAnalysis analysis, Path chartsDir) {
        return render(analysis, Attribution.of(analysis.results(), analysis.options()), chartsDir);
    }

    /** As {@link #render(RunAnalysis, Path)}, with the run's attribution already estimated (it is bootstrapped). */
    public static Charts render(RunAnalysis analysis, Attribution attribution, Path chartsDir) {
        RuntimePalette palette = new RuntimePalette(analysis.runtimes());
        String foot = Footnote.of(analysis.results());
        List<ChartFile> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Headline headline = Headline.of(analysis);
        if (headline.rows().stream().flatMap(k -> analysis.overheads(k).stream())
                .anyMatch(o -> Double.isFinite(o.ratio()))) {
            attempt(out, skipped, HEADLINE, legend -> ChartExport.write(
                    OverheadChart.headline(analysis, headline, palette, legend), foot, chartsDir, HEADLINE, legend));
        }
        if (analysis.overheads().stream().anyMatch(o -> Double.isFinite(o.ratio()))) {
            attempt(out, skipped, "overhead", legend -> ChartExport.write(
                    OverheadChart.build(analysis, palette, legend), foot, chartsDir, "overhead", legend));
        }
        if (LifecycleChart.measured(analysis)) {
            Optional<String> why = LifecycleChart.whyNot(analysis);
            if (why.isPresent()) {
                skipped.add("lifecycle-phases: " + why.get());
            } else {
                attempt(out, skipped, "lifecycle-phases", legend -> ChartExport.write(
                        LifecycleChart.build(analysis, palette, legend), foot, chartsDir, "lifecycle-phases", legend));
            }
        }
        for (Phase p : Phase.startLatencies()) {
            MetricKey key = new MetricKey(p.label(), "time");
            if (analysis.summaries(key).stream().anyMatch(s -> s.n() > 0)) {
                String name = "cdf-" + fileName(key);
                attempt(out, skipped, name, legend -> ChartExport.write(
                        LatencyCdfChart.build(analysis, key, palette, legend), foot, chartsDir, name, legend));
            }
        }
        for (String workload : attribution.workloads()) {
            List<PhaseAttribution> arms = attribution.phases().stream().filter(p -> p.workload().equals(workload))
                    .toList();
            String name = waterfallName(workload);
            attempt(out, skipped, name, legend -> ChartExport.write(
                    WaterfallChart.build(arms, analysis.options().confidence(), legend), foot, chartsDir, name, legend));
        }
        if (DensityCharts.hasMemory(analysis)) {
            attempt(out, skipped, "density-memory", legend -> ChartExport.write(
                    DensityCharts.memory(analysis, palette, legend), foot, chartsDir, "density-memory", legend));
        }
        againstK(analysis, palette, foot, chartsDir, out, skipped, "density-start-latency",
                DensityCharts.densityAt("start"), "Start latency of the k-th idle container (create + start)",
                "start latency");
        againstK(analysis, palette, foot, chartsDir, out, skipped, "density-host-memory",
                DensityCharts.densityAt("memavailable-drop"), "Host memory taken by k idle containers"
                        + " (MemAvailable drop)", "MemAvailable drop");
        againstK(analysis, palette, foot, chartsDir, out, skipped, "burst-completion",
                DensityCharts.burstOf("time"), "Burst: k containers started at once, time until all run",
                "time until all run");
        for (MetricKey key : analysis.keys()) {
            String name = "box-" + fileName(key);
            if (analysis.summaries(key).stream().noneMatch(s -> s.n() > 0)) {
                skipped.add(name + ": every sample of " + key.label() + " failed");
                continue;
            }
            attempt(out, skipped, name, legend -> ChartExport.write(
                    BoxPlotChart.build(analysis, key, palette, legend), foot, chartsDir, name, legend));
        }
        return new Charts(out, skipped);
    }

    private static void againstK(RunAnalysis analysis, RuntimePalette palette, String foot, Path chartsDir,
            List<ChartFile> out, List<String> skipped, String name, Function<MetricKey, Integer> kOf, String title,
            String yTitle) {
        if (DensityCharts.hasSeries(analysis, kOf)) {
            attempt(out, skipped, name, legend -> ChartExport.write(
                    DensityCharts.againstK(analysis, kOf, title, yTitle, palette, legend), foot, chartsDir, name,
                    legend));
        }
    }

    private static void attempt(List<ChartFile> out, List<String> skipped, String name,
            Function<List<String>, ChartFile> draw) {
        try {
            out.add(draw.apply(new ArrayList<>()));
        } catch (RuntimeException e) {
            skipped.add(name + ": could not be drawn (" + SafeText.line(String.valueOf(e.getMessage())) + ")");
        }
    }

    /** The file name of a traced phase's waterfall: {@code waterfall-start}. */
    public static String waterfallName(String workload) {
        return WaterfallChart.PREFIX + fileName(new MetricKey(workload, "time"));
    }

    /** A file-name-safe form of a key: {@code run}, {@code syscall-syscall-time}. */
    public static String fileName(MetricKey key) {
        String raw = "time".equals(key.metric()) ? key.workload() : key.workload() + "-" + key.metric();
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_");
    }
}
