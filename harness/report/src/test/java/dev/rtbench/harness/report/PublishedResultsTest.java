package dev.rtbench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.stats.BlockEvidence;
import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.StatsWarning;
import dev.rtbench.harness.stats.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published quick run e9bf (REAL measurements, results.json format 1: each round one block per runtime). Its
 * report said "create: runsc 1.28x slower, p = 0.013"; the per-round ratios were 1.94 and 0.90.
 */
class PublishedResultsTest {

    static final Path RUN = Path.of("..", "..", "results", "published", "before-fingerprints", "20261128-225104-e9bf",
            "results.json");

    @TempDir
    Path dir;

    @Test
    void twoBlocksCannotMakeAnythingSignificantAndTheAnalysisSaysWhy() {
        RunResults r = ResultsJson.read(RUN);
        RunAnalysis a = RunAnalysis.of(r);
        assertFalse(a.overheads().isEmpty());
        for (OverheadEstimate o : a.overheads()) {
            assertEquals(2, o.blocks().count(), o.key().toString());
            assertEquals(BlockEvidence.Resampling.INDEPENDENT, o.blocks().resampling());
            assertTrue(o.pAdjusted() >= 0.5, o.key() + ": " + o.pAdjusted());
        }
        OverheadEstimate create = a.overhead(new MetricKey("create", "time"), "runsc").orElseThrow();
        assertEquals(1.94, create.blocks().ratios().get(0), 0.01);
        assertEquals(0.90, create.blocks().ratios().get(1), 0.01);
        // 2 blocks: no p below 0.5 was possible, so the verdict says the test could not decide, not "no difference"
        assertEquals(Verdict.NOT_TESTABLE, create.verdict(0.05));
        assertTrue(create.sentence(0.05).contains("; not testable with 2 blocks: no p below 0.50 is possible"),
                create.sentence(0.05));
        assertTrue(a.warnings().stream().anyMatch(w -> w.kind() == StatsWarning.Kind.BLOCK_SPREAD
                && w.key().workload().equals("create")), "round-to-round disagreement flagged");
        assertTrue(a.warnings().stream().anyMatch(w -> w.kind() == StatsWarning.Kind.FEW_BLOCKS));
    }

    @Test
    void reportAndAnalysisJsonFromThePublishedRun() throws Exception {
        Files.copy(RUN, dir.resolve("results.json"));
        Reporter.Rendered r = Reporter.render(ResultsJson.read(dir), dir);
        assertTrue(r.summary().contains("per block: 2 blocks: 1.94 0.9"), r.summary());
        JsonNode doc = ResultsJson.mapper().readTree(dir.resolve("analysis.json").toFile());
        assertEquals("20261128-225104-e9bf", doc.get("runId").asText());
        for (JsonNode c : doc.get("comparisons")) {
            assertEquals(2, c.get("blocks").asInt());
            assertTrue(c.get("verdict").asText().equals("not-testable"), c.toString());
        }
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("only 2 blocks in which both ran"), "fallback warned");
        assertTrue(Files.isRegularFile(dir.resolve("charts/lifecycle-phases.png")));
    }
}
