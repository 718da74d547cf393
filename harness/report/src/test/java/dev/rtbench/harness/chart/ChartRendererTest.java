package dev.rtbench.harness.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SyntheticRuns;
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

/** Renders the charts of a SYNTHETIC run and checks each file is a valid PNG or SVG with the expected series. */
class ChartRendererTest {

    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    static Path dir;

    static Map<String, ChartFile> charts;

    @BeforeAll
    static void render() {
        RunAnalysis a = RunAnalysis.of(SyntheticRuns.run(1, 10));
        List<ChartFile> files = ChartRenderer.renderAll(a, dir.resolve("charts"));
        charts = files.stream().collect(Collectors.toMap(ChartFile::name, f -> f));
        // to look at the charts: RTBENCH_KEEP_CHARTS=/some/dir mvn test
        String keep = System.getenv("RTBENCH_KEEP_CHARTS");
        if (keep != null) {
            files.forEach(f -> {
                copy(f.png(), Path.of(keep));
                copy(f.svg(), Path.of(keep));
            });
        }
    }

    static void copy(Path f, Path to) {
        try {
            Files.createDirectories(to);
            Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyExpectedChartIsThere() {
        assertTrue(charts.keySet().containsAll(List.of("headline", "overhead", "lifecycle-phases", "cdf-run", "cdf-start",
                "box-run", "box-syscall-syscall-time", "box-net-throughput-tcp-throughput")), charts.keySet().toString());
        // headline, forest plot, lifecycle, two CDFs, eight box plots
        assertEquals(1 + 1 + 1 + 2 + 8, charts.size());
    }

    @Test
    void pngsAreValidAndFullSize() throws Exception {
        for (ChartFile f : charts.values()) {
            byte[] head = Arrays.copyOf(Files.readAllBytes(f.png()), 8);
            assertArrayEquals(PNG_MAGIC, head, f.png().toString());
            BufferedImage img = ImageIO.read(f.png().toFile());
            assertNotNull(img, f.png().toString());
            assertEquals(ChartStyle.WIDTH * ChartExport.PNG_SCALE, img.getWidth());
            // chart height plus the footnote strip
            assertTrue(img.getHeight() > ChartStyle.HEIGHT * ChartExport.PNG_SCALE, "height " + img.getHeight());
        }
    }

    @Test
    void svgsParseAndNameTheirSeries() throws Exception {
        for (ChartFile f : charts.values()) {
            String svg = Files.readString(f.svg(), StandardCharsets.UTF_8);
            Document doc;
            try (InputStream in = Files.newInputStream(f.svg())) {
                var factory = DocumentBuilderFactory.newInstance();
                // the SVG declares the W3C DTD: do not fetch it
                factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                doc = factory.newDocumentBuilder().parse(in);
            }
            assertEquals("svg", doc.getDocumentElement().getNodeName());
            assertEquals(f.title(), doc.getElementsByTagName("title").item(0).getTextContent());
            String desc = doc.getElementsByTagName("desc").item(0).getTextContent();
            for (String series : f.series()) {
                assertTrue(desc.contains(series), f.name() + " lacks series " + series);
            }
            // the chart itself is drawn: paths for lines, boxes and glyphs
            assertTrue(doc.getElementsByTagName("path").getLength() > 20, f.name() + " has almost nothing drawn");
            assertTrue(svg.contains("Docker 24.0.7"), f.name() + " lacks the environment footnote");
        }
    }

    @Test
    void seriesAreTheRuntimes() {
        assertEquals(List.of("runsc", "kata", "runc (baseline) = 1"), charts.get("overhead").series());
        assertEquals(List.of("runc", "runsc", "kata"), charts.get("cdf-run").series());
        // phases carry the colour: one container's path stacked, stop on its own bar
        assertEquals(List.of("create", "start", "remove", "stop"), charts.get("lifecycle-phases").series());
        assertEquals(List.of("runc (n=30)", "runsc (n=30)", "kata (n=29)"), charts.get("box-start").series());
    }

    @Test
    void paletteIsFixedPerRuntime() {
        RuntimePalette p1 = new RuntimePalette(List.of("runc", "runsc", "kata", "mine"));
        RuntimePalette p2 = new RuntimePalette(List.of("kata", "mine", "runsc", "runc"));
        for (String r : List.of("runc", "runsc", "kata", "mine")) {
            assertEquals(p1.colour(r), p2.colour(r), r);
        }
    }
}
