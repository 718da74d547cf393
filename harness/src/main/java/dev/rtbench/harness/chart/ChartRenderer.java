package dev.rtbench.harness.chart;

import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.RunAnalysis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders every chart of a run, each as PNG and SVG, headless: the headline overhead chart, a box plot per
 * workload and metric, the CDF of container start latency, and the lifecycle phases. Charts read only the
 * {@link RunAnalysis}, so they are re-rendered identically from a results.json.
 */
public final class ChartRenderer {

    private ChartRenderer() {}

    /** Renders into {@code chartsDir} (created if missing) and returns the charts in report order. */
    public static List<ChartFile> renderAll(RunAnalysis analysis, Path chartsDir) {
        RuntimePalette palette = new RuntimePalette(analysis.runtimes());
        String foot = Footnote.of(analysis.results());
        List<ChartFile> out = new ArrayList<>();
        if (!analysis.overheads().isEmpty()) {
            List<String> legend = new ArrayList<>();
            var chart = OverheadChart.build(analysis, palette, legend);
            out.add(ChartExport.write(chart, foot, chartsDir, "overhead", legend));
        }
        if (LifecycleChart.applicable(analysis)) {
            List<String> legend = new ArrayList<>();
            var chart = LifecycleChart.build(analysis, palette, legend);
            out.add(ChartExport.write(chart, foot, chartsDir, "lifecycle-phases", legend));
        }
        for (String w : LatencyCdfChart.START_WORKLOADS) {
            MetricKey key = new MetricKey(w, "time");
            if (analysis.summaries(key).stream().anyMatch(s -> s.n() > 0)) {
                List<String> legend = new ArrayList<>();
                var chart = LatencyCdfChart.build(analysis, key, palette, legend);
                out.add(ChartExport.write(chart, foot, chartsDir, "cdf-" + fileName(key), legend));
            }
        }
        for (MetricKey key : analysis.keys()) {
            if (analysis.summaries(key).stream().noneMatch(s -> s.n() > 0)) {
                continue;
            }
            List<String> legend = new ArrayList<>();
            var chart = BoxPlotChart.build(analysis, key, palette, legend);
            out.add(ChartExport.write(chart, foot, chartsDir, "box-" + fileName(key), legend));
        }
        return out;
    }

    /** A file-name-safe form of a key: {@code run}, {@code syscall-syscall-time}. */
    public static String fileName(MetricKey key) {
        String raw = "time".equals(key.metric()) ? key.workload() : key.workload() + "-" + key.metric();
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_");
    }
}
