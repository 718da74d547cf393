package dev.rtbench.harness.chart;

import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SampleSummary;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The distribution of one workload's metric under each runtime, as Tukey box plots: the box spans the 25th to
 * 75th percentile (type 7, as in the tables), the thick line is the median, whiskers reach the furthest value
 * within 1.5 IQR of the box, and values beyond are drawn as circles.
 *
 * <p>Drawn from line series rather than XChart's BoxChart, whose 3.8.8 renderer hard-codes blue boxes and red
 * medians: every runtime must keep its own colour in every chart.
 */
final class BoxPlotChart {

    private static final double HALF_WIDTH = 0.25;

    private BoxPlotChart() {}

    static XYChart build(RunAnalysis a, MetricKey key, RuntimePalette palette, List<String> legend) {
        List<SampleSummary> summaries = a.summaries(key).stream().filter(s -> s.n() > 0).toList();
        int k = summaries.size();
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(key.label() + ": " + key.metric() + " per runtime")
                .xAxisTitle("runtime (n = successful samples)")
                .yAxisTitle(key.metric() + " (" + a.unitLabel(key) + ")")
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisMin(-0.5);
        chart.getStyler().setXAxisMax(k - 0.5);
        chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(30, (ChartStyle.WIDTH - 250) / Math.max(1, k)));
        List<String> names = summaries.stream().map(s -> s.runtime() + " (n=" + s.n() + ")").toList();
        chart.getStyler().setxAxisTickLabelsFormattingFunction(x -> {
            long i = Math.round(x);
            if (Math.abs(x - i) < 1e-6 && i >= 0 && i < k) {
                return names.get((int) i);
            }
            // XChart drops all labels unless they are unique: blanks of distinct lengths for in-between ticks
            return " ".repeat(1 + (int) Math.abs(Math.round(x * 4)));
        });
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            SampleSummary s = summaries.get(j);
            Color c = palette.colour(s.runtime());
            double lo = j - HALF_WIDTH;
            double hi = j + HALF_WIDTH;
            double fenceLow = s.p25() - 1.5 * s.iqr();
            double fenceHigh = s.p75() + 1.5 * s.iqr();
            double whiskerLow = s.p25();
            double whiskerHigh = s.p75();
            List<Double> outX = new ArrayList<>();
            List<Double> outY = new ArrayList<>();
            for (double v : s.values()) {
                if (v < fenceLow || v > fenceHigh) {
                    outX.add((double) j);
                    outY.add(v);
                } else {
                    whiskerLow = Math.min(whiskerLow, v);
                    whiskerHigh = Math.max(whiskerHigh, v);
                }
            }
            min = Math.min(min, s.min());
            max = Math.max(max, s.max());
            line(chart, names.get(j), c, 2f,
                    new double[] {lo, hi, hi, lo, lo}, new double[] {s.p25(), s.p25(), s.p75(), s.p75(), s.p25()})
                    .setShowInLegend(true);
            legend.add(names.get(j));
            line(chart, s.runtime() + " median", c, 4f, new double[] {lo, hi}, new double[] {s.median(), s.median()});
            double cap = HALF_WIDTH / 2;
            line(chart, s.runtime() + " whisker low", c, 1.5f, new double[] {j, j, j - cap, j + cap},
                    new double[] {s.p25(), whiskerLow, whiskerLow, whiskerLow});
            line(chart, s.runtime() + " whisker high", c, 1.5f, new double[] {j, j, j - cap, j + cap},
                    new double[] {s.p75(), whiskerHigh, whiskerHigh, whiskerHigh});
            if (!outX.isEmpty()) {
                XYSeries out = chart.addSeries(s.runtime() + " beyond 1.5 IQR", outX, outY);
                out.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                out.setMarker(SeriesMarkers.CIRCLE);
                out.setMarkerColor(c);
                out.setShowInLegend(false);
            }
        }
        if (min > 0 && max / min >= 10) {
            LogAxis.y(chart.getStyler(), min, max, -0.5, k - 0.5);
        }
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, Color c, float width, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(c);
        s.setLineStyle(new BasicStroke(width));
        s.setShowInLegend(false);
        return s;
    }
}
