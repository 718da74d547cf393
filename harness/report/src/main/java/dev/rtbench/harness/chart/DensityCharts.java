package dev.rtbench.harness.chart;

import dev.rtbench.harness.stats.Interval;
import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SampleSummary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The footprint and burst charts: memory per container by runtime (both methods, median with its interval); and,
 * against k, the start latency of the k-th container, the host memory taken by k containers, and the time until
 * a burst of k is running (a line of medians per runtime, with a band from the smallest to the largest sample).
 * They read the samples of the {@code density} and {@code burst-K} workloads and are drawn only when those exist.
 */
final class DensityCharts {

    static final String DENSITY = "density";
    static final List<String> MEMORY_METRICS = List.of("memavailable-per-container", "pss-per-container");
    private static final Pattern AT_K = Pattern.compile("(.+)@(\\d+)");
    private static final Pattern BURST = Pattern.compile("burst-(\\d+)");

    private DensityCharts() {}

    /** k of a density metric {@code prefix@k}, or null. */
    static Function<MetricKey, Integer> densityAt(String prefix) {
        return key -> {
            Matcher m = AT_K.matcher(key.metric());
            return key.workload().equals(DENSITY) && m.matches() && m.group(1).equals(prefix)
                    ? Integer.valueOf(m.group(2)) : null;
        };
    }

    /** k of a {@code burst-k} workload's {@code metric}, or null. */
    static Function<MetricKey, Integer> burstOf(String metric) {
        return key -> {
            Matcher m = BURST.matcher(key.workload());
            return m.matches() && key.metric().equals(metric) ? Integer.valueOf(m.group(1)) : null;
        };
    }

    static boolean hasMemory(RunAnalysis a) {
        return MEMORY_METRICS.stream().anyMatch(m -> measured(a, new MetricKey(DENSITY, m)));
    }

    /** True when at least two k of this series have a successful sample. */
    static boolean hasSeries(RunAnalysis a, Function<MetricKey, Integer> kOf) {
        return a.keys().stream().filter(key -> kOf.apply(key) != null && measured(a, key)).count() >= 2;
    }

    private static boolean measured(RunAnalysis a, MetricKey key) {
        return a.summaries(key).stream().anyMatch(s -> s.n() > 0);
    }

    /** Memory per container, a column per runtime, a point per method with its interval of the median. */
    static XYChart memory(RunAnalysis a, RuntimePalette palette, List<String> legend) {
        List<String> runtimes = a.runtimes();
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Host memory per idle container (median, " + Math.round(a.options().confidence() * 100)
                        + "% interval)")
                .xAxisTitle("runtime").yAxisTitle("MiB per container").build();
        ChartStyle.apply(chart.getStyler());
        int n = runtimes.size();
        chart.getStyler().setXAxisMin(-0.5);
        chart.getStyler().setXAxisMax(n - 0.5);
        chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(40, (ChartStyle.WIDTH - 260) / Math.max(1, n)));
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
            long i = Math.round(x);
            return Math.abs(x - i) < 1e-6 && i >= 0 && i < n ? runtimes.get((int) i)
                    : " ".repeat(1 + (int) Math.abs(Math.round(x * 4)));
        });
        double hi = 0;
        String[] methods = {"MemAvailable drop / N", "sum of PSS / N"};
        Color[] shades = {new Color(0x33, 0x33, 0x33), new Color(0x99, 0x99, 0x99)};
        for (int m = 0; m < MEMORY_METRICS.size(); m++) {
            MetricKey key = new MetricKey(DENSITY, MEMORY_METRICS.get(m));
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SampleSummary s = a.summary(key, runtimes.get(i)).orElse(null);
                if (s == null || s.n() == 0) {
                    continue;
                }
                double x = i + (m == 0 ? -0.12 : 0.12);
                Interval ci = s.medianInterval();
                double lo = ci.known() ? ci.lower() : s.min();
                double up = ci.known() ? ci.upper() : s.max();
                XYSeries w = chart.addSeries(methods[m] + " interval " + runtimes.get(i),
                        new double[] {x - 0.04, x + 0.04, x, x, x - 0.04, x + 0.04},
                        new double[] {lo, lo, lo, up, up, up});
                w.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                w.setMarker(SeriesMarkers.NONE);
                w.setLineColor(palette.colour(runtimes.get(i)));
                w.setShowInLegend(false);
                xs.add(x);
                ys.add(s.median());
                hi = Math.max(hi, Math.max(up, s.median()));
            }
            if (!xs.isEmpty()) {
                XYSeries p = chart.addSeries(methods[m], xs, ys);
                p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                p.setMarker(m == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
                p.setMarkerColor(shades[m]);
                legend.add(methods[m]);
            }
        }
        chart.getStyler().setYAxisMax(hi * 1.1 + 1);
        return chart;
    }

    /**
     * A value against k: a line through each runtime's medians, and a band (thin dashed lines) from the smallest
     * to the largest sample at each k.
     */
    static XYChart againstK(RunAnalysis a, Function<MetricKey, Integer> kOf, String title, String yTitle,
            RuntimePalette palette, List<String> legend) {
        Map<String, TreeMap<Integer, SampleSummary>> byRuntime = new LinkedHashMap<>();
        String unit = null;
        for (MetricKey key : a.keys()) {
            Integer k = kOf.apply(key);
            if (k == null) {
                continue;
            }
            for (SampleSummary s : a.summaries(key)) {
                if (s.n() > 0) {
                    byRuntime.computeIfAbsent(s.runtime(), r -> new TreeMap<>()).put(k, s);
                    unit = unit == null ? a.unitLabel(key) : unit;
                }
            }
        }
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT).title(title)
                .xAxisTitle("k (containers)").yAxisTitle(yTitle + (unit == null ? "" : " (" + unit + ")")).build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisMin(0.0);
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 4}, 0);
        for (String rt : a.runtimes()) {
            TreeMap<Integer, SampleSummary> series = byRuntime.get(rt);
            if (series == null) {
                continue;
            }
            double[] ks = series.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            Color c = palette.colour(rt);
            double[][] lines = {
                series.values().stream().mapToDouble(SampleSummary::median).toArray(),
                series.values().stream().mapToDouble(SampleSummary::min).toArray(),
                series.values().stream().mapToDouble(SampleSummary::max).toArray()};
            String[] names = {rt, rt + " min", rt + " max"};
            for (int i = 0; i < 3; i++) {
                XYSeries s = chart.addSeries(names[i], ks, lines[i]);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                s.setLineColor(c);
                s.setMarker(i == 0 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
                s.setMarkerColor(c);
                s.setLineStyle(i == 0 ? new BasicStroke(2f) : dashed);
                s.setShowInLegend(i == 0);
            }
            legend.add(rt);
        }
        return chart;
    }
}
