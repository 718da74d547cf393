package dev.rtbench.harness.chart;

import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SampleSummary;
import java.awt.BasicStroke;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The empirical CDF of a latency (container start: {@code run}, {@code start}, {@code first-output}) per runtime:
 * the whole distribution, tails included, which a median hides.
 */
final class LatencyCdfChart {

    private LatencyCdfChart() {}

    static XYChart build(RunAnalysis a, MetricKey key, RuntimePalette palette, List<String> legend) {
        List<SampleSummary> summaries = a.summaries(key).stream().filter(s -> s.n() > 0).toList();
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title("Container start latency: " + key.label() + ", cumulative distribution")
                .xAxisTitle(key.workload() + " " + key.metric() + " (" + a.unitLabel(key) + ")")
                .yAxisTitle("fraction of samples at or below")
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisTickMarkSpacingHint(45);
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (SampleSummary s : summaries) {
            double[] x = s.values();
            Arrays.sort(x);
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = (i + 1) / (double) x.length;
            }
            XYSeries series = chart.addSeries(s.runtime(), x, y);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(palette.colour(s.runtime()));
            series.setLineStyle(new BasicStroke(2f));
            min = Math.min(min, x[0]);
            max = Math.max(max, x[x.length - 1]);
            legend.add(s.runtime());
        }
        if (min > 0 && max / min >= 10) {
            LogAxis.x(chart.getStyler(), min, max, 0.0, 1.0);
        }
        return chart;
    }
}
