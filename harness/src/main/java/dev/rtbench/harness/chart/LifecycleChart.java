package dev.rtbench.harness.chart;

import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SampleSummary;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/**
 * The container lifecycle broken into phases: the median time of each phase per runtime, grouped by phase so
 * every runtime keeps its colour, plus the sum of the phase medians. Shows whether a runtime's start-up cost is
 * in create, start or teardown, and how much of it is Docker's own work common to all runtimes.
 */
final class LifecycleChart {

    /** Phase workloads in lifecycle order; {@code stop} and {@code wait} are the same phase under two names. */
    static final List<String> PHASES = List.of("create", "start", "stop", "wait", "remove");

    private LifecycleChart() {}

    /** Whether the run has at least two phases to show. */
    static boolean applicable(RunAnalysis a) {
        return phases(a).size() >= 2;
    }

    static List<MetricKey> phases(RunAnalysis a) {
        List<MetricKey> out = new ArrayList<>();
        for (String p : PHASES) {
            MetricKey k = new MetricKey(p, "time");
            if (a.keys().contains(k)) {
                out.add(k);
            }
        }
        return out;
    }

    static CategoryChart build(RunAnalysis a, RuntimePalette palette, List<String> legend) {
        List<MetricKey> phases = phases(a);
        String unit = a.unitLabel(phases.get(0));
        CategoryChart chart = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Container lifecycle by phase (median per phase)")
                .xAxisTitle("phase")
                .yAxisTitle("median time (" + unit + ")")
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setOverlapped(false);
        List<String> categories = new ArrayList<>(phases.stream().map(MetricKey::workload).toList());
        categories.add("sum of phases");
        List<Color> colours = new ArrayList<>();
        for (String rt : a.runtimes()) {
            List<Double> medians = new ArrayList<>();
            double sum = 0;
            boolean any = false;
            for (MetricKey k : phases) {
                Optional<SampleSummary> s = a.summary(k, rt).filter(x -> x.n() > 0);
                // a phase this runtime has no sample for is drawn as 0 and left out of its sum
                double m = s.map(SampleSummary::median).orElse(0.0);
                any |= s.isPresent();
                medians.add(m);
                sum += m;
            }
            if (!any) {
                continue;
            }
            medians.add(sum);
            CategorySeries series = chart.addSeries(rt, categories, medians);
            series.setFillColor(palette.colour(rt));
            colours.add(palette.colour(rt));
            legend.add(rt);
        }
        chart.getStyler().setSeriesColors(colours.toArray(Color[]::new));
        return chart;
    }
}
