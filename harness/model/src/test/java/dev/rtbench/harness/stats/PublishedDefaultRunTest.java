package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.ResultsJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The published default run c0f1 (runc against runsc, 14 rounds) and the A/A run 7bc0 (one runc under two names,
 * 18 rounds), REAL measurements, re-analysed with the paired statistics and the primary-metric family.
 */
class PublishedDefaultRunTest {

    static final Path PUBLISHED = Path.of("..", "..", "results", "published", "before-fingerprints");
    static final RunAnalysis DEFAULT_RUN = RunAnalysis.of(ResultsJson.read(PUBLISHED.resolve("20261129-061827-c0f1")));
    static final RunAnalysis AA_RUN = RunAnalysis.of(ResultsJson.read(PUBLISHED.resolve("20261129-060913-7bc0")));

    @Test
    void eachWorkloadHasOnePrimaryMetricAndDuplicatesGo() {
        MetricFamilies f = DEFAULT_RUN.families();
        assertEquals(32, f.primaries().size(), f.primaries().toString());
        for (MetricKey k : List.of(new MetricKey("start", "time"), new MetricKey("cpu-all", "events-rate"),
                new MetricKey("fio-random", "read-iops"), new MetricKey("http", "request-rate"),
                new MetricKey("density", "pss-per-container"), new MetricKey("burst-4", "start-median"),
                new MetricKey("syscall", "syscall-time"))) {
            assertTrue(f.primary(k), k.toString());
        }
        // a burst of one container: its slowest start is its only start
        assertEquals(Map.of(new MetricKey("burst-1", "start-max"), new MetricKey("burst-1", "start-median")),
                f.duplicates());
        assertTrue(DEFAULT_RUN.overheads(new MetricKey("burst-1", "start-max")).isEmpty());
        assertEquals(32, DEFAULT_RUN.overheads().stream().filter(OverheadEstimate::primary).count());
        assertEquals(62, DEFAULT_RUN.overheads().stream().filter(o -> !o.primary()).count());
    }

    @Test
    void theDefaultRunsHeadlinesComeWithPairedIntervals() {
        OverheadEstimate start = DEFAULT_RUN.overhead(new MetricKey("start", "time"), "runsc").orElseThrow();
        assertEquals(BlockEvidence.Resampling.SIGNED_RANK, start.blocks().resampling());
        assertEquals(14, start.blocks().count());
        // every block slower: 2/2^14 raw, times the 32 primaries (not 95 comparisons as before)
        assertEquals(Math.pow(2, -13) * 32, start.pAdjusted(), 1e-12);
        assertEquals(Verdict.WORSE, start.verdict(0.05));
        assertTrue(start.ratioInterval().lower() > 1.5 && start.ratioInterval().upper() < 2, start.toString());
        // the paired estimate lies inside its interval; the pooled ratio is kept beside it
        assertTrue(start.ratioInterval().contains(start.ratio()));
        assertTrue(start.pooledRatio() > 1.5, start.toString());
        long worse = DEFAULT_RUN.overheads().stream()
                .filter(o -> o.primary() && o.verdict(0.05) == Verdict.WORSE).count();
        assertEquals(25, worse);
    }

    @Test
    void theAaRunShowsNoSignificantPrimary() {
        List<OverheadEstimate> primaries = AA_RUN.overheads().stream().filter(OverheadEstimate::primary).toList();
        assertEquals(32, primaries.size());
        assertTrue(primaries.stream().noneMatch(o -> o.significant(0.05)), primaries.toString());
        assertTrue(primaries.stream().allMatch(o -> o.verdict(0.05) == Verdict.NO_SIGNIFICANT_DIFFERENCE));
        long holding = AA_RUN.overheads().stream().filter(o -> o.ratioInterval().contains(1)).count();
        assertTrue(holding >= 0.95 * AA_RUN.overheads().size() - 2, holding + " of " + AA_RUN.overheads().size());
    }
}
