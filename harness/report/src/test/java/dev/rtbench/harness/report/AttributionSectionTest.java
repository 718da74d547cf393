package dev.rtbench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtbench.harness.attribution.Attribution;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.Timeline;
import dev.rtbench.harness.stats.SyntheticRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Where the time goes" in report.md, report.html, analysis.json and the console, from a SYNTHETIC traced run
 * ({@link TracedRuns}: runsc's start +60 ms in OCI create, +20 ms in OCI start, +8 ms before the runtime is called).
 */
class AttributionSectionTest {

    /** A signed figure with its interval, e.g. {@code +60.12 ms [+59.8, +60.4]}. */
    static final String DIFF = "([+-][0-9.]+) ms \\[([+-]?[0-9.]+), ([+-]?[0-9.]+)\\]";

    @TempDir
    static Path runDir;

    static Reporter.Rendered traced;
    static String md;

    @BeforeAll
    static void render() throws Exception {
        traced = Reporter.render(TracedRuns.run(1, 10), runDir);
        md = Files.readString(traced.markdown());
    }

    @Test
    void theSectionSitsAfterThePhasesAndBeforeTheAppendix() {
        int at = md.indexOf("## Where the time goes\n");
        assertTrue(at > md.indexOf("## Start-up and lifecycle") && at > md.indexOf("## Decision summary")
                && at < md.indexOf("## Workloads") && at < md.indexOf("## Appendix"), md);
        String section = section();
        // Markdown escapes the clock's underscore; the words are the model's
        assertTrue(section.contains(MarkdownReport.escape(Timeline.CLOCK)), section);
        assertTrue(section.contains("medians are not additive"), section);
        // one subsection per traced phase, each with its waterfall
        assertTrue(section.contains("### start, segment by segment\n")
                && section.contains("### stop, segment by segment\n"), section);
        assertTrue(section.contains("![start: where the time goes") && section.contains("](charts/waterfall-start.png)")
                && section.contains("](charts/waterfall-stop.svg)"), section);
    }

    @Test
    void eachRuntimeHasASentenceNamingItsLargestSegmentsOfExtraTime() {
        Matcher m = Pattern.compile("- runsc's start: " + DIFF + " in all; largest: OCI create " + DIFF
                + ", OCI start " + DIFF + ", request → create " + DIFF + "\n").matcher(section());
        assertTrue(m.find(), section());
        // the whole phase about 88 ms worse; OCI create's interval holds about 60, OCI start's about 20
        assertNear(88, Double.parseDouble(m.group(1)), 3);
        assertNear(60, Double.parseDouble(m.group(4)), 2);
        assertTrue(Double.parseDouble(m.group(5)) < Double.parseDouble(m.group(4))
                && Double.parseDouble(m.group(4)) < Double.parseDouble(m.group(6)), m.group());
        assertNear(20, Double.parseDouble(m.group(7)), 1.5);
        assertNear(8, Double.parseDouble(m.group(10)), 1);
        assertTrue(section().matches("(?s).*- kata's start: " + DIFF + " in all; largest: OCI create \\+(19\\d|20\\d)"
                + "\\.?\\d* ms .*"), section());
        // stop: runsc's extra time is in waiting for the task's exit
        assertTrue(section().matches("(?s).*- runsc's stop: " + DIFF + " in all; largest: kill → tasks/exit \\+.*"),
                section());
    }

    @Test
    void theTableHasEverySegmentPerRuntimeAndTheSumAgainstThePhase() {
        String section = section();
        assertTrue(section.contains("| segment | runc: median [CI], ms | runsc: median [CI], ms | runsc - runc [CI] |"
                + " kata: median [CI], ms | kata - runc [CI] |"), section);
        assertTrue(section.matches("(?s).*\\| OCI create \\| (9|10)\\.\\d+ \\[\\S+, \\S+\\]"
                + " \\| (69|70)\\.\\d+ \\[\\S+, \\S+\\] \\| \\+(59|60)\\.\\d+ ms \\[\\S+, \\S+\\] \\|.*"), section);
        // kata alone lost containerd's events twice: 0 under the others, and a median of 0 under kata
        assertTrue(section.contains("| create → start | 0 | 0 |  | 0 [0, 0] | 0 ms [0, 0] |"), section);
        // the sum of the medians, with the sum of their intervals, against the phase's median and interval
        assertTrue(section.matches("(?s).*\\| sum of segment medians vs phase median \\| \\S+ \\[\\S+, \\S+\\] vs \\S+"
                + " \\[\\S+, \\S+\\]: within \\| \\S+ \\[\\S+, \\S+\\] vs \\S+ \\[\\S+, \\S+\\]: within \\| phase \\+8\\d\\.?\\d*"
                + " ms \\[.*"), section);
        assertTrue(section.contains("- kata's start: 2 of 29 samples (" + TracedRuns.LOST + ")"), section);
    }

    @Test
    void theHtmlCarriesTheSameSectionWithItsChartsAndTheArrow() throws Exception {
        String html = Files.readString(traced.html());
        int at = html.indexOf("<h2>Where the time goes</h2>");
        assertTrue(at > 0, "no section in report.html");
        assertTrue(html.indexOf("<td>request → create</td>", at) > 0, "the arrow is text in HTML");
        assertTrue(html.contains("<li>runsc&#39;s start: +"), "sentences escaped as all text is");
        for (String phase : List.of("start", "stop")) {
            Path png = runDir.resolve("charts/waterfall-" + phase + ".png");
            Path svg = runDir.resolve("charts/waterfall-" + phase + ".svg");
            assertTrue(Files.size(png) > 1000 && Files.size(svg) > 1000, phase);
            String text = Files.readString(svg);
            assertTrue(text.contains(phase.equals("start") ? "OCI create; create → tasks/create"
                    : "OCI kill; kill → tasks/exit"), "the SVG names the segments of " + phase);
        }
        assertTrue(html.contains(Timeline.CLOCK), "the clock, unescaped in HTML");
        assertEquals(traced.charts().size(), html.split("data:image/png;base64,", -1).length - 1);
    }

    @Test
    void analysisJsonCarriesEachPhaseAndRuntimeAndRoundTrips() throws Exception {
        JsonNode doc = ResultsJson.mapper().readTree(traced.analysisJson().toFile());
        assertEquals(2, doc.get("formatVersion").asInt(), "adding a field keeps the version");
        JsonNode all = doc.get("attribution");
        assertEquals(6, all.size(), "start and stop under three runtimes");
        JsonNode runsc = null;
        JsonNode kata = null;
        for (JsonNode p : all) {
            for (String f : List.of("workload", "runtime", "reference", "samples", "blocks", "incomplete",
                    "phaseMedian", "segmentSum", "sumsToPhase", "segments")) {
                assertTrue(p.has(f), "missing " + f + " in " + p);
            }
            if (p.get("workload").asText().equals("start") && p.get("runtime").asText().equals("runsc")) {
                runsc = p;
            }
            if (p.get("workload").asText().equals("start") && p.get("runtime").asText().equals("kata")) {
                kata = p;
            }
        }
        assertEquals("runc", runsc.get("reference").asText());
        assertEquals(30, runsc.get("samples").asInt());
        assertEquals(10, runsc.get("blocks").asInt());
        assertEquals(0, runsc.get("incomplete").asInt());
        assertEquals(2, kata.get("incomplete").asInt());
        assertTrue(runsc.get("sumsToPhase").asBoolean());
        JsonNode phase = runsc.get("phaseMedian");
        assertTrue(phase.get("lower").asDouble() <= phase.get("value").asDouble()
                && phase.get("value").asDouble() <= phase.get("upper").asDouble(), phase.toString());
        assertEquals("ms", phase.get("unit").asText());
        JsonNode create = null;
        for (JsonNode s : runsc.get("segments")) {
            for (String f : List.of("segment", "median", "difference")) {
                assertTrue(s.has(f), "missing " + f + " in " + s);
            }
            if (s.get("segment").asText().equals("OCI create")) {
                create = s;
            }
        }
        assertNear(70, create.get("median").get("value").asDouble(), 2);
        assertNear(60, create.get("difference").get("value").asDouble(), 2);
        assertTrue(create.get("difference").get("lower").asDouble() < create.get("difference").get("upper")
                .asDouble(), create.toString());
        // the baseline has no reference: null, as JSON has no NaN
        JsonNode runc = all.get(0);
        assertTrue(runc.get("reference").isNull() && runc.get("segments").get(0).get("difference").get("value")
                .isNull(), runc.toString());

        AnalysisJson.Document back = ResultsJson.mapper().readValue(traced.analysisJson().toFile(),
                AnalysisJson.Document.class);
        AnalysisJson.Document fresh = AnalysisJson.document(traced.analysis(),
                Attribution.of(traced.analysis().results(), traced.analysis().options()));
        assertEquals(fresh.attribution(), back.attribution());
    }

    @Test
    void theConsoleNamesEachRuntimesLargestSegmentOncePerPhase() {
        String s = traced.summary();
        int at = s.indexOf("\nWhere the time goes (");
        assertTrue(at > 0 && at < s.indexOf("\nPrimary series in full"), s);
        assertTrue(s.matches("(?s).*\n  runsc start " + DIFF + "; largest OCI create " + DIFF + "\n.*"), s);
        assertTrue(s.matches("(?s).*\n  kata stop " + DIFF + "; largest kill → tasks/exit " + DIFF + "\n.*"), s);
        List<String> lines = new ArrayList<>(s.lines().filter(l -> l.matches("  (runsc|kata) (start|stop) [+-].*"))
                .toList());
        assertEquals(4, lines.size(), s);
        assertTrue(s.matches("(?s).*\n  runsc start inside OCI create, ms since it began: sandbox ready 50[.0-9]*,"
                + " end (69|70|71)[.0-9]*\n.*"), s);
        assertFalse(s.contains("  runc start "), "the baseline has nothing to attribute");
    }

    @Test
    void gvisorsOwnMilestonesCutItsCreateInATableOfTheirOwnAndInAnalysisJson() throws Exception {
        String section = section();
        int at = section.indexOf(AttributionSection.INSIDE + " (start)");
        assertTrue(at > 0 && at < section.indexOf("### stop, segment by segment"), section);
        assertTrue(section.contains("| OCI create · begin → sandbox ready |")
                && section.contains("| OCI create · begin → end |"), section);
        assertFalse(section.contains(AttributionSection.INSIDE + " (stop)"), "no milestones in stop: " + section);
        JsonNode inside = ResultsJson.mapper().readTree(traced.analysisJson().toFile()).get("inside");
        assertEquals(1, inside.size(), inside.toString());
        assertEquals("runsc", inside.get(0).get("runtime").asText());
        JsonNode first = inside.get(0).get("segments").get(0);
        assertEquals("OCI create · begin → sandbox ready", first.get("segment").asText());
        assertNear(50, first.get("median").get("value").asDouble(), 1);
        assertTrue(first.get("difference").get("value").isNull(), "no reference has these parts");
    }

    @Test
    void aRunWithoutTimelinesHasNoSectionNoWaterfallAndAnEmptyAttribution(@TempDir Path dir) throws Exception {
        Reporter.Rendered plain = Reporter.render(SyntheticRuns.run(1, 4), dir);
        assertFalse(Files.readString(plain.markdown()).contains("Where the time goes"));
        assertFalse(Files.readString(plain.html()).contains("Where the time goes"));
        assertFalse(plain.summary().contains("Where the time goes"), plain.summary());
        assertTrue(plain.charts().stream().noneMatch(f -> f.name().startsWith("waterfall-")));
        try (var files = Files.list(dir.resolve(Reporter.CHARTS_DIR))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("waterfall-")));
        }
        JsonNode doc = ResultsJson.mapper().readTree(plain.analysisJson().toFile());
        assertTrue(doc.get("attribution").isArray() && doc.get("attribution").isEmpty(), doc.get("attribution")
                .toString());
        assertNull(doc.get("comparisons").get(0).get("attribution"));
    }

    private static String section() {
        int at = md.indexOf("## Where the time goes\n");
        int end = md.indexOf("\n## ", at + 3);
        return md.substring(at, end < 0 ? md.length() : end);
    }

    private static void assertNear(double expected, double actual, double tolerance) {
        assertTrue(Math.abs(expected - actual) <= tolerance, actual + " is not within " + tolerance + " of "
                + expected);
    }
}
