package dev.rtbench.harness.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.attribution.Attribution;
import dev.rtbench.harness.attribution.PhaseAttribution;
import dev.rtbench.harness.attribution.SegmentEstimate;
import dev.rtbench.harness.attribution.Segments;
import dev.rtbench.harness.report.TracedRuns;
import dev.rtbench.harness.stats.Interval;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SyntheticRuns;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The waterfall of each traced phase, rendered from a SYNTHETIC traced run ({@link TracedRuns}). */
class WaterfallChartTest {

    @TempDir
    static Path dir;

    static Map<String, ChartFile> charts;

    @BeforeAll
    static void render() {
        RunAnalysis a = RunAnalysis.of(TracedRuns.run(1, 10));
        List<ChartFile> files = ChartRenderer.render(a, dir.resolve("charts")).files();
        charts = files.stream().collect(Collectors.toMap(ChartFile::name, f -> f));
        // to look at them: RTBENCH_KEEP_CHARTS=/some/dir mvn test
        String keep = System.getenv("RTBENCH_KEEP_CHARTS");
        if (keep != null) {
            files.stream().filter(f -> f.name().startsWith(WaterfallChart.PREFIX)).forEach(f -> {
                ChartRendererTest.copy(f.png(), Path.of(keep));
                ChartRendererTest.copy(f.svg(), Path.of(keep));
            });
        }
    }

    @Test
    void eachTracedPhaseHasAWaterfallInBothFormats() throws Exception {
        assertEquals("waterfall-start", ChartRenderer.waterfallName("start"));
        for (String phase : List.of("start", "stop")) {
            ChartFile f = charts.get("waterfall-" + phase);
            assertTrue(f != null, "no waterfall of " + phase + " in " + charts.keySet());
            assertEquals(dir.resolve("charts/waterfall-" + phase + ".png"), f.png());
            assertArrayEquals(ChartRendererTest.PNG_MAGIC, Arrays.copyOf(Files.readAllBytes(f.png()), 8));
            BufferedImage img = ImageIO.read(f.png().toFile());
            assertEquals(ChartStyle.WIDTH * ChartExport.PNG_SCALE, img.getWidth());
            assertTrue(f.title().startsWith(phase + ": where the time goes"), f.title());
        }
        // only traced phases: run and create have no timelines
        assertEquals(2, charts.keySet().stream().filter(n -> n.startsWith(WaterfallChart.PREFIX)).count(),
                charts.keySet().toString());
    }

    @Test
    void theSvgNamesEverySegmentInTimeOrderWithTheArrow() throws Exception {
        ChartFile f = charts.get("waterfall-start");
        // kata's "create → start" (two starts without containerd's events) has a median of 0: nothing to draw
        assertEquals(List.of("request → create", "OCI create", "create → tasks/create", "tasks/create → start",
                "OCI start", "start → tasks/start", "tasks/start → reply", Segments.UNATTRIBUTED,
                "phase median, 95% interval"), f.series());
        Document doc;
        try (InputStream in = Files.newInputStream(f.svg())) {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            doc = factory.newDocumentBuilder().parse(in);
        }
        String desc = doc.getElementsByTagName("desc").item(0).getTextContent();
        for (String segment : f.series()) {
            assertTrue(desc.contains(segment), "the SVG lacks " + segment + ": " + desc);
        }
        assertEquals(f.title(), doc.getElementsByTagName("title").item(0).getTextContent());
        // bars, whiskers and glyphs are drawn
        assertTrue(doc.getElementsByTagName("path").getLength() > 40, "almost nothing drawn");
        assertTrue(Files.readString(f.svg(), StandardCharsets.UTF_8).contains("Docker 24.0.7"), "no footnote");
    }

    @Test
    void theGreyOfTheRestIsDrawnInEveryBar() throws Exception {
        // the rest is 0.05 ms of a 100-300 ms phase: a sliver, kept visible by its outline
        BufferedImage img = ImageIO.read(charts.get("waterfall-start").png().toFile());
        int greyish = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth() * 3 / 4; x++) {
                Color c = new Color(img.getRGB(x, y));
                if (Math.abs(c.getRed() - 0x55) < 12 && c.getRed() == c.getGreen() && c.getGreen() == c.getBlue()) {
                    greyish++;
                }
            }
        }
        assertTrue(greyish > 30, "the unattributed outline is not drawn: " + greyish + " pixels");
    }

    @Test
    void aRunWithoutTimelinesHasNoWaterfall() {
        RunAnalysis a = RunAnalysis.of(SyntheticRuns.run(1, 4));
        List<ChartFile> files = ChartRenderer.render(a, Attribution.of(a.results(), a.options()),
                dir.resolve("untraced")).files();
        assertFalse(files.isEmpty());
        assertTrue(files.stream().noneMatch(f -> f.name().startsWith(WaterfallChart.PREFIX)), files.toString());
        assertFalse(Files.exists(dir.resolve("untraced/waterfall-start.png")));
    }

    @Test
    void segmentsMetByOneRuntimeOnlySitWhereTheyHappenAndKeepOneColour() {
        PhaseAttribution a = arm("runc", "request → create", "OCI create", "create → reply", Segments.UNATTRIBUTED);
        PhaseAttribution b = arm("runsc", "request → create", "OCI create", "create → tasks/create",
                "tasks/create → reply");
        List<String> order = WaterfallChart.order(List.of(a, b));
        assertEquals(List.of("request → create", "OCI create", "create → tasks/create", "tasks/create → reply",
                "create → reply", Segments.UNATTRIBUTED), order);
        Map<String, Color> colours = WaterfallChart.colours(order);
        assertEquals(order.size(), colours.values().stream().distinct().count(), colours.toString());
        assertEquals(new Color(0x99, 0x99, 0x99), colours.get(Segments.UNATTRIBUTED));
        assertNotEquals(colours.get("OCI create"), colours.get("request → create"));
    }

    @Test
    void anArrowTheFontLacksIsDrawnAsAscii() {
        Font plain = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        String name = "create → tasks/create";
        String drawn = WaterfallChart.drawable(name, plain);
        // either the font draws the arrow, or the chart falls back; never a box
        assertTrue(plain.canDisplay('→') ? drawn.equals(name) : drawn.equals("create -> tasks/create"), drawn);
    }

    @Test
    void aTimelineThatOutlastsItsSampleRunsTheRestBackOverTheBar() throws Exception {
        // the host's clock and the sample's disagree by half a millisecond: the rest is negative, and still drawn
        Interval ci = new Interval(17, 18, 0.95);
        List<SegmentEstimate> s = List.of(segment("request → create", 5), segment("OCI create", 10),
                segment("create → reply", 3), segment(Segments.UNATTRIBUTED, -0.5));
        PhaseAttribution p = new PhaseAttribution("create", "runc", null, 10, 10, 0, 17.5, ci, s);
        List<String> legend = new java.util.ArrayList<>();
        ChartFile f = ChartExport.write(WaterfallChart.build(List.of(p), 0.95, legend), "footnote",
                dir.resolve("negative"), "waterfall-create", legend);
        assertTrue(Files.size(f.png()) > 1000 && Files.size(f.svg()) > 1000);
        assertEquals(List.of("request → create", "OCI create", "create → reply", Segments.UNATTRIBUTED,
                "phase median, 95% interval"), legend);
        assertEquals("phase median 17.5 ms [17, 18]; segment medians sum to 17.5 ms", WaterfallChart.label(p));
    }

    private static SegmentEstimate segment(String name, double ms) {
        return new SegmentEstimate(name, ms, new Interval(ms - 0.1, ms + 0.1, 0.95), Double.NaN,
                Interval.unknown(0.95));
    }

    private static PhaseAttribution arm(String runtime, String... segments) {
        Interval ci = new Interval(9, 11, 0.95);
        List<SegmentEstimate> s = Arrays.stream(segments).map(n -> new SegmentEstimate(n, 2.5, ci, Double.NaN,
                Interval.unknown(0.95))).toList();
        return new PhaseAttribution("start", runtime, null, 10, 10, 0, 10, ci, s);
    }
}
