package dev.rtbench.harness.chart;

import dev.rtbench.harness.stats.Headline;
import dev.rtbench.harness.stats.Interval;
import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.WorkloadClass;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The headline chart: the overhead ratio of each runtime against the baseline, per workload, with its bootstrap
 * interval, and a line at 1.0. Ratios read "greater than 1 is worse" (see {@link OverheadEstimate}).
 *
 * <p>XChart's own error bars are symmetric and are drawn wrongly on a log axis, while a bootstrap interval of a
 * ratio is asymmetric; so each whisker is drawn as its own small line series (hidden from the legend) from the
 * interval's lower to its upper bound, which stays truthful on either scale. The ratio axis turns logarithmic
 * when the plotted values span a factor of 10 or more. Laid out as a forest plot (workloads down the y axis) so
 * that workload names stay horizontal and readable however many there are.
 */
final class OverheadChart {

    private OverheadChart() {}

    /**
     * The forest plot of every compared metric (the report's appendix); the series names shown in the legend are
     * returned through {@code legend}.
     */
    static XYChart build(RunAnalysis a, RuntimePalette palette, List<String> legend) {
        List<MetricKey> keys = a.keys().stream().filter(k -> !a.overheads(k).isEmpty()).toList();
        return build(a, keys, MetricKey::label, "Overhead against " + a.baseline() + " (median ratio, " + pct(a)
                + " bootstrap interval)", palette, legend);
    }

    /**
     * The headline: each workload's primary metric, grouped by class (the class names its rows, and a grey line
     * parts the classes), at most {@link Headline#MAX_ROWS} rows.
     */
    static XYChart headline(RunAnalysis a, Headline h, RuntimePalette palette, List<String> legend) {
        XYChart chart = build(a, h.rows(), k -> WorkloadClass.of(k.workload()) + ": " + k.label(),
                "What each runtime costs against " + a.baseline() + " (primary metric per workload, " + pct(a)
                        + " interval)", palette, legend);
        List<MetricKey> rows = h.rows();
        int k = rows.size();
        for (int i = 1; i < k; i++) {
            if (!WorkloadClass.of(rows.get(i).workload()).equals(WorkloadClass.of(rows.get(i - 1).workload()))) {
                // between row i-1 (drawn at k-i) and row i (drawn at k-1-i)
                double y = k - i - 0.5;
                // XChart pads the axis beyond its set range and clips nothing: the rule spans the padded range
                double min = chart.getStyler().getXAxisMin();
                double max = chart.getStyler().getXAxisMax();
                boolean log = chart.getStyler().isXAxisLogarithmic();
                double pad = log ? Math.pow(max / min, 0.05) : 0;
                XYSeries rule = chart.addSeries("class rule " + i, new double[] {log ? min / pad : min - (max - min)
                        * 0.05, log ? max * pad : max + (max - min) * 0.05}, new double[] {y, y});
                rule.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                rule.setMarker(SeriesMarkers.NONE);
                rule.setLineColor(new Color(0xBB, 0xBB, 0xBB));
                rule.setLineStyle(new BasicStroke(0.8f));
                rule.setShowInLegend(false);
            }
        }
        return chart;
    }

    private static XYChart build(RunAnalysis a, List<MetricKey> keys, Function<MetricKey, String> rowLabel,
            String title, RuntimePalette palette, List<String> legend) {
        List<String> runtimes = a.runtimes().stream().filter(r -> !r.equals(a.baseline())).toList();
        int k = keys.size();
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(Math.max(ChartStyle.HEIGHT, 120 + 34 * k))
                .title(title)
                .xAxisTitle("ratio to " + a.baseline() + ": > 1 is worse (for throughput: " + a.baseline()
                        + " / runtime)")
                .yAxisTitle("workload")
                .build();
        ChartStyle.apply(chart.getStyler());
        // a forest plot: workloads down the y axis, first at the top, so their names read horizontally
        chart.getStyler().setYAxisMin(-0.5);
        chart.getStyler().setYAxisMax(k - 0.5);
        // one tick per workload: XChart picks "nice" steps from a pixel hint, so ask for about one per slot
        chart.getStyler().setYAxisTickMarkSpacingHint(Math.max(20, (chart.getHeight() - 160) / Math.max(1, k)));
        chart.getStyler().setyAxisTickLabelsFormattingFunction(y -> {
            long i = Math.round(y);
            if (Math.abs(y - i) < 1e-6 && i >= 0 && i < k) {
                return rowLabel.apply(keys.get((int) (k - 1 - i)));
            }
            // XChart drops all labels unless they are unique: blanks of distinct lengths for in-between ticks
            return " ".repeat(1 + (int) Math.abs(Math.round(y * 4)));
        });

        double lo = 1;
        double hi = 1;
        double slot = 0.6 / Math.max(1, runtimes.size());
        for (int j = 0; j < runtimes.size(); j++) {
            String rt = runtimes.get(j);
            Color c = palette.colour(rt);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                // first runtime on top within a workload's slot
                double y = (k - 1 - i) - (j - (runtimes.size() - 1) / 2.0) * slot;
                OverheadEstimate o = a.overhead(keys.get(i), rt).orElse(null);
                if (o == null || !(o.ratio() > 0) || !Double.isFinite(o.ratio())) {
                    continue;
                }
                xs.add(o.ratio());
                ys.add(y);
                lo = Math.min(lo, o.ratio());
                hi = Math.max(hi, o.ratio());
                Interval ci = o.ratioInterval();
                if (ci.known() && ci.lower() > 0) {
                    lo = Math.min(lo, ci.lower());
                    hi = Math.max(hi, ci.upper());
                    double cap = slot * 0.3;
                    XYSeries whisker = chart.addSeries(rt + " interval " + keys.get(i),
                            new double[] {ci.lower(), ci.lower(), ci.lower(), ci.upper(), ci.upper(), ci.upper()},
                            new double[] {y - cap, y + cap, y, y, y - cap, y + cap});
                    whisker.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    whisker.setMarker(SeriesMarkers.NONE);
                    whisker.setLineColor(c);
                    whisker.setLineStyle(new BasicStroke(1.5f));
                    whisker.setShowInLegend(false);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            // an arm through another engine is drawn against the baseline runtime through that engine
            String ref = keys.stream().map(key -> a.overhead(key, rt)).flatMap(Optional::stream)
                    .map(OverheadEstimate::reference).findFirst().orElse(a.baseline());
            String label = ref.equals(a.baseline()) ? rt : rt + " (against " + ref + ")";
            XYSeries points = chart.addSeries(label, xs, ys);
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.CIRCLE);
            points.setMarkerColor(c);
            legend.add(label);
        }
        String baseName = a.baseline() + " (baseline) = 1";
        XYSeries base = chart.addSeries(baseName, new double[] {1, 1}, new double[] {-0.5, k - 0.5});
        base.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        base.setMarker(SeriesMarkers.NONE);
        base.setLineColor(palette.colour(a.baseline()));
        base.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        legend.add(baseName);

        if (hi / lo >= 10) {
            // labelled 1-2-5 (0.5, 1, 2, 5 …), not only at decades: overheads live between them
            LogAxis.x(chart.getStyler(), lo / 1.3, hi * 1.3, -0.5, k - 0.5);
        } else {
            chart.getStyler().setXAxisMin(Math.min(0.9, lo * 0.95));
            chart.getStyler().setXAxisMax(hi * 1.05);
        }
        return chart;
    }

    private static String pct(RunAnalysis a) {
        return Math.round(a.options().confidence() * 100) + "%";
    }
}
