package dev.rtbench.harness.chart;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.font.TextLayout;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * A logarithmic axis labelled at readable values ({@link LogTicks}). XChart 3.8.8 can label a log axis only at
 * every 1…9 multiple or at decades, and ignores a label-formatting function there. So XChart keeps drawing the
 * axis, its tick marks and its grid (at every multiple, the usual log grid) and reserves the room for labels,
 * but paints its own labels transparent; {@link #paintLabels} then writes the chosen labels in that room, after
 * the chart is painted, when XChart's value-to-screen mapping is known. Both ranges are set explicitly, because
 * the labels are placed from them.
 */
final class LogAxis {

    private static final Color INVISIBLE = new Color(0, 0, 0, 0);
    /** Least room between two labels, in chart pixels. */
    private static final int GAP = 8;

    private LogAxis() {}

    /** Makes x logarithmic over {@code [lo, hi]}, with y over {@code [yMin, yMax]}. */
    static void x(AxesChartStyler s, double lo, double hi, double yMin, double yMax) {
        s.setXAxisLogarithmic(true);
        s.setXAxisLogarithmicDecadeOnly(true);
        s.setXAxisTickLabelsColor(INVISIBLE);
        s.setXAxisMin(lo);
        s.setXAxisMax(hi);
        s.setYAxisMin(yMin);
        s.setYAxisMax(yMax);
    }

    /** Makes y logarithmic over {@code [lo, hi]}, with x over {@code [xMin, xMax]}. */
    static void y(AxesChartStyler s, double lo, double hi, double xMin, double xMax) {
        s.setYAxisLogarithmic(true);
        s.setYAxisLogarithmicDecadeOnly(true);
        s.setYAxisTickLabelsColor(INVISIBLE);
        s.setYAxisMin(lo);
        s.setYAxisMax(hi);
        s.setXAxisMin(xMin);
        s.setXAxisMax(xMax);
    }

    /** Writes the labels of whichever axis {@link #x} or {@link #y} made logarithmic; call after painting. */
    static void paintLabels(Chart<?, ?> chart, Graphics2D g) {
        if (!(chart.getStyler() instanceof AxesChartStyler s)) {
            return;
        }
        g.setFont(s.getAxisTickLabelsFont());
        g.setColor(s.getAxisTickLabelsColor());
        FontMetrics fm = g.getFontMetrics();
        // XChart leaves the plot margin, then the tick mark, then the padding between the plot and a label
        double offset = s.getPlotMargin() + s.getAxisTickMarkLength() + s.getAxisTickPadding();
        if (s.isXAxisLogarithmic() && s.getXAxisMin() != null && s.getYAxisMin() != null) {
            double lo = chart.getScreenYFromChart(s.getYAxisMin());
            double bottom = lo + margin(lo - chart.getScreenYFromChart(s.getYAxisMax()), s.getPlotContentSize());
            List<Double> ticks = LogTicks.choose(s.getXAxisMin(), s.getXAxisMax(), v -> fitsAcross(chart, fm, v));
            for (double v : ticks) {
                String t = LogTicks.label(v);
                // top-aligned on the glyphs themselves, as XChart does
                g.drawString(t, (float) (chart.getScreenXFromChart(v) - fm.stringWidth(t) / 2.0),
                        (float) (bottom + offset + glyphHeight(g, t)));
            }
        }
        if (s.isYAxisLogarithmic() && s.getYAxisMin() != null && s.getXAxisMin() != null) {
            double lo = chart.getScreenXFromChart(s.getXAxisMin());
            double left = lo - margin(chart.getScreenXFromChart(s.getXAxisMax()) - lo, s.getPlotContentSize());
            List<Double> ticks = LogTicks.choose(s.getYAxisMin(), s.getYAxisMax(), v -> fitsUp(chart, fm, v));
            for (double v : ticks) {
                String t = LogTicks.label(v);
                g.drawString(t, (float) (left - offset - fm.stringWidth(t)),
                        (float) (chart.getScreenYFromChart(v) + glyphHeight(g, t) / 2));
            }
        }
    }

    private static double glyphHeight(Graphics2D g, String text) {
        return new TextLayout(text, g.getFont(), g.getFontRenderContext()).getBounds().getHeight();
    }

    /** XChart maps the range onto the middle {@code contentSize} of the plot; the rest is split at both ends. */
    private static double margin(double span, double contentSize) {
        return Math.abs(span) * (1 / contentSize - 1) / 2;
    }

    private static boolean fitsAcross(Chart<?, ?> chart, FontMetrics fm, List<Double> v) {
        for (int i = 1; i < v.size(); i++) {
            double room = chart.getScreenXFromChart(v.get(i)) - chart.getScreenXFromChart(v.get(i - 1));
            double need = (fm.stringWidth(LogTicks.label(v.get(i))) + fm.stringWidth(LogTicks.label(v.get(i - 1))))
                    / 2.0 + GAP;
            if (room < need) {
                return false;
            }
        }
        return true;
    }

    private static boolean fitsUp(Chart<?, ?> chart, FontMetrics fm, List<Double> v) {
        for (int i = 1; i < v.size(); i++) {
            double room = chart.getScreenYFromChart(v.get(i - 1)) - chart.getScreenYFromChart(v.get(i));
            if (room < fm.getHeight() + GAP / 2.0) {
                return false;
            }
        }
        return true;
    }
}
