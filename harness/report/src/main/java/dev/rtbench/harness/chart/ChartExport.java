package dev.rtbench.harness.chart;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a chart as PNG and SVG with a footnote strip below it. XChart has no footnote, and text drawn inside the
 * chart would collide with the axis title, so the chart is painted on a taller canvas and the footnote drawn in
 * the space left below, the same way for both formats.
 */
final class ChartExport {

    /** Bitmap scale: 2x the chart's nominal size (144 dpi), sharp in documents and on high-density screens. */
    static final int PNG_SCALE = 2;

    private static final Font FOOT_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    private static final int LINE = 13;
    private static final int PAD = 8;

    private ChartExport() {}

    /** Writes {@code dir/name.png} and {@code dir/name.svg}. */
    static ChartFile write(Chart<?, ?> chart, String footnote, Path dir, String name, List<String> series) {
        int w = chart.getWidth();
        int h = chart.getHeight();
        List<String> lines = wrap(footnote, w - 2 * PAD);
        int total = h + lines.size() * LINE + PAD;
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        try {
            Files.createDirectories(dir);
            BufferedImage img = new BufferedImage(w * PNG_SCALE, total * PNG_SCALE, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(PNG_SCALE, PNG_SCALE);
            paint(chart, g, w, h, total, lines);
            g.dispose();
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(png), 1 << 16)) {
                PngWriter.write(img, o);
            }

            VectorGraphics2D vg = new VectorGraphics2D();
            paint(chart, vg, w, h, total, lines);
            Document doc = Processors.get("svg").getDocument(vg.getCommands(), new PageSize(0, 0, w, total));
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            doc.writeTo(buf);
            Files.writeString(svg, describe(buf.toString(StandardCharsets.UTF_8), chart.getTitle(), series, footnote),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + name + " to " + dir + ": " + e.getMessage(), e);
        }
        return new ChartFile(name, chart.getTitle(), png, svg, series);
    }

    /**
     * XChart draws its text as glyph outlines, so an SVG has no searchable title or legend; add them as the SVG's
     * {@code <title>} and {@code <desc>}, which screen readers and search tools read.
     */
    static String describe(String svg, String title, List<String> series, String footnote) {
        int open = svg.indexOf("<svg");
        int end = open < 0 ? -1 : svg.indexOf('>', open);
        if (end < 0) {
            return svg;
        }
        String meta = "\n<title>" + xml(title) + "</title>\n<desc>series: " + xml(String.join("; ", series))
                + "\n" + xml(footnote) + "</desc>";
        return svg.substring(0, end + 1) + meta + svg.substring(end + 1);
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void paint(Chart<?, ?> chart, Graphics2D g, int w, int h, int total, List<String> lines) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, total);
        chart.paint(g, w, h);
        LogAxis.paintLabels(chart, g);
        g.setColor(new Color(0x44, 0x44, 0x44));
        g.setFont(FOOT_FONT);
        int y = h + LINE - 2;
        for (String line : lines) {
            g.drawString(line, PAD, y);
            y += LINE;
        }
    }

    /** Greedy word wrap to {@code width} pixels, measured with the footnote font. */
    static List<String> wrap(String text, int width) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        // measured as it is drawn (antialiased text runs wider than the plain metrics), with a margin for the
        // fonts of another machine: a footnote line cut at the image's edge loses what it says
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        FontMetrics fm = g.getFontMetrics(FOOT_FONT);
        width = width * 95 / 100;
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (fm.stringWidth(candidate) > width && !line.isEmpty()) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            lines.add(line.toString());
        }
        g.dispose();
        return lines;
    }
}
