package dev.rtbench.harness.chart;

import dev.rtbench.harness.results.Phase;
import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SampleSummary;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The container lifecycle by phase, per runtime. One stacked bar is one container's path: through CRI its pod's
 * sandbox start first, then create, start, wait (it runs until it exits by itself; dockerd only), remove. {@code stop} is the other way to end a container, not a step of that
 * path (stopping a running container overlaps what {@code wait} measures), so it gets its own bar beside the stack
 * rather than being added to it, which would count teardown twice. Heights are medians of each phase, so a stack is
 * a sum of medians, not the median of a whole lifecycle.
 */
final class LifecycleChart {

    /**
     * Okabe-Ito colours (runtimes are on the x axis here, so phases carry the colour), given to the path's phases in
     * their order ({@link Phase#path()}: a pod's sandbox start first, as a kubelet starts the sandbox before the
     * container, so a CRI bar is a pod's whole path), then to the end of the path drawn on its own.
     */
    private static final List<Color> COLOURS = ChartStyle.OKABE_ITO;

    private LifecycleChart() {}

    /** Whether the run measured at least two lifecycle phases (successfully or not). */
    static boolean measured(RunAnalysis a) {
        return keys(a, false).size() >= 2;
    }

    /** Why the chart cannot be drawn, or empty when it can. */
    static Optional<String> whyNot(RunAnalysis a) {
        return keys(a, true).size() >= 2 ? Optional.empty()
                : Optional.of("fewer than two lifecycle phases have successful samples");
    }

    /** The phase keys present, in path order then stop; with {@code drawable} only those with a successful sample. */
    static List<MetricKey> keys(RunAnalysis a, boolean drawable) {
        List<MetricKey> out = new ArrayList<>();
        for (Phase p : drawn()) {
            MetricKey k = new MetricKey(p.label(), "time");
            if (a.keys().contains(k) && (!drawable || a.summaries(k).stream().anyMatch(s -> s.n() > 0))) {
                out.add(k);
            }
        }
        return out;
    }

    /** The phases the chart draws, in their order: the path's, then the end measured on its own. */
    static List<Phase> drawn() {
        List<Phase> all = new ArrayList<>(Phase.path());
        Arrays.stream(Phase.values()).filter(Phase::endsPath).forEach(all::add);
        return all;
    }

    private static boolean isEnd(MetricKey k) {
        return Phase.byName(k.workload()).map(Phase::endsPath).orElse(false);
    }

    static CategoryChart build(RunAnalysis a, RuntimePalette palette, List<String> legend) {
        List<MetricKey> phases = keys(a, true);
        boolean stop = phases.stream().anyMatch(LifecycleChart::isEnd);
        String unit = a.unitLabel(phases.get(0));
        CategoryChart chart = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Container lifecycle: " + String.join(", ", phases.stream().filter(k -> !isEnd(k))
                        .map(MetricKey::workload).toList()) + " stacked" + (stop ? "; stop on its own" : ""))
                .xAxisTitle("runtime")
                .yAxisTitle("median time per phase (" + unit + ")")
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setStacked(true);
        chart.getStyler().setOverlapped(false);
        List<String> runtimes = a.runtimes().stream()
                .filter(rt -> phases.stream().anyMatch(k -> a.summary(k, rt).filter(s -> s.n() > 0).isPresent()))
                .toList();
        List<String> categories = new ArrayList<>();
        for (String rt : runtimes) {
            categories.add(rt);
            if (stop) {
                categories.add(rt + " stop");
            }
        }
        List<Color> colours = new ArrayList<>();
        for (MetricKey k : phases) {
            boolean isStop = isEnd(k);
            List<Double> heights = new ArrayList<>();
            for (String rt : runtimes) {
                // a phase without a successful sample is drawn as 0; the report's tables say it failed
                double m = a.summary(k, rt).filter(s -> s.n() > 0).map(SampleSummary::median).orElse(0.0);
                heights.add(isStop ? 0.0 : m);
                if (stop) {
                    heights.add(isStop ? m : 0.0);
                }
            }
            chart.addSeries(k.workload(), categories, heights);
            colours.add(COLOURS.get(drawn().indexOf(Phase.byName(k.workload()).orElseThrow()) % COLOURS.size()));
            legend.add(k.workload());
        }
        chart.getStyler().setSeriesColors(colours.toArray(Color[]::new));
        return chart;
    }
}
