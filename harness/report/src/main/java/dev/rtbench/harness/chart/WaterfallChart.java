package dev.rtbench.harness.chart;

import dev.rtbench.harness.attribution.PhaseAttribution;
import dev.rtbench.harness.attribution.SegmentEstimate;
import dev.rtbench.harness.attribution.Segments;
import dev.rtbench.harness.stats.Interval;
import dev.rtbench.harness.stats.OverheadEstimate;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Where one phase's time goes under each runtime: one horizontal bar per runtime (the run's order, first at the
 * top), cut into the medians of its segments ({@link Segments}) in time order from the left, so a bar reads like the
 * phase itself, from rtbench's call to its answer, and the segment that grows under one runtime stands out beside the
 * others. A segment has one colour in every bar; {@link Segments#UNATTRIBUTED} is grey and outlined, so that it shows
 * even when it is a sliver (and, when the timeline outlasts the measured time, runs back over the bar).
 *
 * <p>Medians do not add up: below each bar, the phase's own median with its interval (a black diamond and whisker),
 * and above it both figures in words, so the reader sees how far the stacked medians are from the phase.
 *
 * <p>Each segment is one polygon series, its runtimes' rectangles separated by NaN (XChart closes a polygon at a
 * NaN), so the legend holds each segment once.
 */
public final class WaterfallChart {

    /** The file-name prefix of a phase's waterfall: {@code waterfall-start}. */
    static final String PREFIX = "waterfall-";

    private static final double BAR = 0.22;
    private static final double WHISKER = 0.36;
    private static final double LABEL = 0.38;
    private static final Color GREY = new Color(0x99, 0x99, 0x99);
    private static final Color INK = new Color(0x22, 0x22, 0x22);

    private WaterfallChart() {}

    /**
     * The waterfall of one phase; {@code arms} are its attributions, one per runtime, in the run's order. The
     * segment names shown in the legend are returned through {@code legend}, as {@link Segments} names them.
     */
    static XYChart build(List<PhaseAttribution> arms, double confidence, List<String> legend) {
        String workload = arms.get(0).workload();
        int k = arms.size();
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(Math.max(ChartStyle.HEIGHT, 170 + 120 * k))
                // short: the title is centred over the plot, which the legend narrows, and a longer one ran off
                // the image's left edge for pod-sandbox-start
                .title(workload + ": where the time goes")
                .xAxisTitle("ms from rtbench's call to its answer (each segment's median, in time order, laid end to"
                        + " end)")
                .yAxisTitle("runtime")
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setAnnotationTextFontColor(INK);
        chart.getStyler().setYAxisMin(-0.6);
        chart.getStyler().setYAxisMax(k - 0.45);
        chart.getStyler().setYAxisTickMarkSpacingHint(Math.max(20, (chart.getHeight() - 160) / Math.max(1, k)));
        List<String> rowNames = arms.stream().map(p -> p.runtime() + " (n=" + p.samples() + ")").toList();
        chart.getStyler().setyAxisTickLabelsFormattingFunction(y -> {
            long i = Math.round(y);
            if (Math.abs(y - i) < 1e-6 && i >= 0 && i < k) {
                return rowNames.get((int) (k - 1 - i));
            }
            // XChart drops all labels unless they are unique: blanks of distinct lengths for in-between ticks
            return " ".repeat(1 + (int) Math.abs(Math.round(y * 4)));
        });
        Font legendFont = chart.getStyler().getLegendFont();

        // a segment whose median is 0 under every runtime has nothing to draw, and no colour to take from the others
        List<String> order = order(arms).stream().filter(n -> arms.stream().anyMatch(p -> drawn(p, n))).toList();
        Map<String, Color> colours = colours(order);
        double[] cursor = new double[k];
        double right = 0;
        for (String name : order) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if (!drawn(arms.get(i), name)) {
                    continue;
                }
                double ms = median(arms.get(i), name);
                double y = k - 1 - i;
                double x0 = cursor[i];
                double x1 = x0 + ms;
                cursor[i] = x1;
                right = Math.max(right, Math.max(x0, x1));
                xs.addAll(List.of(x0, x1, x1, x0, x0, x0));
                ys.addAll(List.of(y - BAR, y - BAR, y + BAR, y + BAR, y - BAR, Double.NaN));
            }
            XYSeries s = chart.addSeries(drawable(name, legendFont), xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            s.setMarker(SeriesMarkers.NONE);
            boolean rest = name.equals(Segments.UNATTRIBUTED);
            // the rest: translucent, so a negative one (the timeline outlasting the sample) shows over the bar
            s.setFillColor(rest ? new Color(0x99, 0x99, 0x99, 0xB0) : colours.get(name));
            s.setLineColor(rest ? new Color(0x55, 0x55, 0x55) : Color.WHITE);
            s.setLineStyle(new BasicStroke(rest ? 1.2f : 0.6f));
            legend.add(name);
        }

        List<Double> mx = new ArrayList<>();
        List<Double> my = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            PhaseAttribution p = arms.get(i);
            double y = k - 1 - i;
            Interval ci = p.phaseMedian();
            right = Math.max(right, p.phaseMedianMs());
            if (ci.known()) {
                right = Math.max(right, ci.upper());
                double cap = 0.06;
                XYSeries w = chart.addSeries(p.runtime() + " phase interval",
                        new double[] {ci.lower(), ci.lower(), ci.lower(), ci.upper(), ci.upper(), ci.upper()},
                        new double[] {y - WHISKER - cap, y - WHISKER + cap, y - WHISKER, y - WHISKER,
                                y - WHISKER - cap, y - WHISKER + cap});
                w.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                w.setMarker(SeriesMarkers.NONE);
                w.setLineColor(INK);
                w.setLineStyle(new BasicStroke(1.5f));
                w.setShowInLegend(false);
            }
            if (Double.isFinite(p.phaseMedianMs())) {
                mx.add(p.phaseMedianMs());
                my.add(y - WHISKER);
            }
        }
        if (!mx.isEmpty()) {
            String phase = "phase median, " + Math.round(confidence * 100) + "% interval";
            XYSeries m = chart.addSeries(phase, mx, my);
            m.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            m.setMarker(SeriesMarkers.DIAMOND);
            m.setMarkerColor(INK);
            legend.add(phase);
        }
        double xMax = right > 0 ? right * 1.04 : 1;
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(xMax);
        for (int i = 0; i < k; i++) {
            // centred on the plot, where a row's words never run past either end of it
            chart.addAnnotation(new AnnotationText(label(arms.get(i)), xMax / 2, k - 1 - i + LABEL,
                    false));
        }
        return chart;
    }

    /** {@code phase median 130 ms [125, 136]; segment medians sum to 129 ms}, as the other charts print numbers. */
    static String label(PhaseAttribution p) {
        Interval ci = p.phaseMedian();
        String interval = ci.known()
                ? " [" + OverheadEstimate.fmt(ci.lower()) + ", " + OverheadEstimate.fmt(ci.upper()) + "]" : "";
        return "phase median " + OverheadEstimate.fmt(p.phaseMedianMs()) + " ms" + interval
                + "; segment medians sum to " + OverheadEstimate.fmt(p.segmentSumMs()) + " ms";
    }

    /**
     * The segments of every runtime of one phase in one time order, the chart's and the report table's: each after
     * the one it followed where first met, so that a segment only one runtime has sits where it happens;
     * {@link Segments#UNATTRIBUTED} last.
     */
    public static List<String> order(List<PhaseAttribution> arms) {
        List<String> order = new ArrayList<>();
        for (PhaseAttribution p : arms) {
            String before = null;
            for (SegmentEstimate s : p.segments()) {
                if (!order.contains(s.segment())) {
                    order.add(before == null ? 0 : order.indexOf(before) + 1, s.segment());
                }
                before = s.segment();
            }
        }
        // the rest is no step of the phase: last, whatever the order it was met in
        if (order.remove(Segments.UNATTRIBUTED)) {
            order.add(Segments.UNATTRIBUTED);
        }
        return order;
    }

    /**
     * One colour per segment, in time order: Okabe-Ito without black (the phase's whisker is black), then the same
     * hues lighter, so neighbours differ as long as a phase has fewer than a dozen segments.
     */
    static Map<String, Color> colours(List<String> order) {
        List<Color> base = ChartStyle.OKABE_ITO.stream().filter(c -> !c.equals(Color.BLACK)).toList();
        Map<String, Color> out = new HashMap<>();
        int next = 0;
        for (String name : order) {
            if (name.equals(Segments.UNATTRIBUTED)) {
                out.put(name, GREY);
                continue;
            }
            Color c = base.get(next % base.size());
            out.put(name, next / base.size() % 2 == 0 ? c : blend(c, Color.WHITE, 0.5));
            next++;
        }
        return out;
    }

    /**
     * A segment's name as the chart's font can draw it: the arrow of {@code create → start} where the font has it,
     * {@code ->} where it has not (the SVG's description and the report keep the arrow).
     */
    static String drawable(String name, Font font) {
        return font.canDisplayUpTo(name) == -1 ? name : name.replace("→", "->");
    }

    private static boolean drawn(PhaseAttribution p, String segment) {
        double ms = median(p, segment);
        return ms != 0 && Double.isFinite(ms);
    }

    private static double median(PhaseAttribution p, String segment) {
        return p.segments().stream().filter(s -> s.segment().equals(segment)).mapToDouble(SegmentEstimate::medianMs)
                .findFirst().orElse(0);
    }

    private static Color blend(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() * (1 - t) + b.getRed() * t),
                (int) Math.round(a.getGreen() * (1 - t) + b.getGreen() * t),
                (int) Math.round(a.getBlue() * (1 - t) + b.getBlue() * t));
    }
}
