package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.RunResults;
import org.junit.jupiter.api.Test;

/**
 * The within-block analysis on SYNTHETIC blocked runs ({@link BlockedRuns}): an A/A (the same runtime under two
 * names, identical true medians) with block shifts, and known injected effects.
 */
class BlockAnalysisTest {

    static final MetricKey START = new MetricKey("start", "time");
    static final int RUNS = 200;

    /** Old: samples independent (Mann-Whitney, sample bootstrap). New: within blocks. Both at 1,000 resamples. */
    record Pair(OverheadEstimate old, OverheadEstimate within) {}

    static Pair both(RunResults r, String other, long seed) {
        double[] x = BlockedRuns.values(r, other);
        double[] y = BlockedRuns.values(r, "runc");
        BlockPairs pairs = BlockPairs.of(BlockedRuns.of(r, other), BlockedRuns.of(r, "runc"));
        return new Pair(
                OverheadEstimate.estimate(START, other, x, "runc", y, "ms", Direction.LOWER_IS_BETTER,
                        new Bootstrap(seed, 1000), 0.95),
                OverheadEstimate.withinBlocks(START, other, "runc", pairs, x, y, "ms", Direction.LOWER_IS_BETTER,
                        new Bootstrap(seed, 1000), 0.95));
    }

    @Test
    void aaWithBlockShiftsKeepsErrorRatesWhereTheIndependentAnalysisDidNot() {
        int oldMiss = 0;
        int oldSig = 0;
        int newMiss = 0;
        int newSig = 0;
        int newSigWhereOldSig = 0;
        for (int i = 0; i < RUNS; i++) {
            Pair p = both(BlockedRuns.run(i, "runc-alias", 12, 3, 1, 0), "runc-alias", i);
            oldMiss += p.old().ratioInterval().contains(1) ? 0 : 1;
            newMiss += p.within().ratioInterval().contains(1) ? 0 : 1;
            boolean os = p.old().test().pValue() < 0.05;
            boolean ns = p.within().test().pValue() < 0.05;
            oldSig += os ? 1 : 0;
            newSig += ns ? 1 : 0;
            newSigWhereOldSig += os && ns ? 1 : 0;
        }
        String rates = "old miss " + oldMiss + ", old sig " + oldSig + ", new miss " + newMiss + ", new sig " + newSig
                + ", both sig " + newSigWhereOldSig + " of " + RUNS;
        // 95% intervals and alpha 0.05: the block analysis stays near nominal (seen: 8 and 5 of 200) ...
        assertTrue(newMiss <= 0.08 * RUNS, rates);
        assertTrue(newSig <= 0.08 * RUNS, rates);
        // ... while samples taken as independent call an A/A "significant" far too often (seen: 34 and 40 of 200)
        assertTrue(oldMiss >= 0.12 * RUNS, rates);
        assertTrue(oldSig >= 0.12 * RUNS, rates);
        // and where the old analysis cried wolf the new one mostly does not (seen: 4 of 40)
        assertTrue(newSigWhereOldSig <= 0.25 * oldSig, rates);
    }

    @Test
    void aRunTheIndependentAnalysisCallsSignificantIsNotWithinBlocks() {
        long seed = 0;
        while (both(BlockedRuns.run(seed, "runc-alias", 12, 3, 1, 0), "runc-alias", seed).old().test().pValue() >= 0.05) {
            seed++;
        }
        RunAnalysis a = RunAnalysis.of(BlockedRuns.run(seed, "runc-alias", 12, 3, 1, 0));
        OverheadEstimate o = a.overhead(START, "runc-alias").orElseThrow();
        assertTrue(o.pAdjusted() >= 0.05, o.toString());
        assertTrue(o.ratioInterval().contains(1), o.toString());
        assertEquals(12, o.blocks().count());
        assertTrue(o.sentence(0.05).startsWith("runc-alias: no significant difference from runc"), o.sentence(0.05));
    }

    @Test
    void injectedRatioIsRecovered() {
        int covered = 0;
        int significant = 0;
        for (int i = 0; i < RUNS / 2; i++) {
            Pair p = both(BlockedRuns.run(1000 + i, "runsc", 12, 2, 1.3, 0), "runsc", i);
            covered += p.within().ratioInterval().contains(1.3) ? 1 : 0;
            significant += p.within().test().pValue() < 0.05 ? 1 : 0;
        }
        assertTrue(covered >= 0.9 * RUNS / 2, covered + " of " + RUNS / 2);
        assertTrue(significant >= 0.9 * RUNS / 2, significant + " of " + RUNS / 2);

        // a large common offset per block (sd 0.25, five times the usual) cancels within blocks: coverage holds
        int coveredWithOffsets = 0;
        for (int i = 0; i < 40; i++) {
            OverheadEstimate o = RunAnalysis.of(BlockedRuns.run(3000 + i, "runsc", 12, 2, 1.3, 0, 0.25))
                    .overhead(START, "runsc").orElseThrow();
            coveredWithOffsets += o.ratioInterval().contains(1.3) ? 1 : 0;
        }
        assertTrue(coveredWithOffsets >= 36, coveredWithOffsets + " of 40");
        RunAnalysis a = RunAnalysis.of(BlockedRuns.run(7, "runsc", 12, 2, 1.3, 0, 0.25));
        OverheadEstimate o = a.overhead(START, "runsc").orElseThrow();
        assertEquals(BlockEvidence.Resampling.SIGNED_RANK, o.blocks().resampling());
        assertEquals(12, o.blocks().ratios().size());
        assertTrue(o.blocks().ratios().stream().allMatch(r -> r > 1), o.blocks().toString());
        // every block slower: the smallest exact p, 2/2^12, a single comparison so Holm leaves it
        assertEquals(Math.pow(2, -11), o.pAdjusted(), 1e-12);
        assertEquals(1.0, o.worseShare().share(), "worse in every block");
    }

    @Test
    void injectedDelayIsRecoveredAsADifference() {
        int covered = 0;
        for (int i = 0; i < RUNS / 2; i++) {
            Pair p = both(BlockedRuns.run(2000 + i, "runc-wrapper", 12, 2, 1, 30), "runc-wrapper", i);
            covered += p.within().differenceInterval().contains(30) ? 1 : 0;
        }
        assertTrue(covered >= 0.9 * RUNS / 2, covered + " of " + RUNS / 2);
    }

    @Test
    void twoBlocksFallBackToTheIndependentBootstrapAndSaySo() {
        // the version-1 design: each runtime one block per round, two rounds
        RunAnalysis a = RunAnalysis.of(BlockedRuns.run(3, "runc-alias", 2, 15, 1, 0));
        OverheadEstimate o = a.overhead(START, "runc-alias").orElseThrow();
        assertEquals(BlockEvidence.Resampling.INDEPENDENT, o.blocks().resampling());
        assertEquals(30, o.n());
        assertTrue(o.pAdjusted() >= 0.5, "two blocks cannot give p below 0.5: " + o);
        assertTrue(a.warnings().stream().anyMatch(w -> w.kind() == StatsWarning.Kind.FEW_BLOCKS
                && w.message().contains("only 2 blocks")), a.warnings().toString());
        assertTrue(a.warnings().stream().anyMatch(w -> w.kind() == StatsWarning.Kind.TOO_FEW_SAMPLES
                && w.message().contains("with 2 blocks the within-block signed-rank test cannot reach")),
                a.warnings().toString());
    }

    @Test
    void blocksThatDisagreeMoreThanTheEffectAreFlagged() {
        RunAnalysis a = RunAnalysis.of(BlockedRuns.run(5, "runc-alias", 12, 2, 1, 0));
        assertTrue(a.warnings().stream().anyMatch(w -> w.kind() == StatsWarning.Kind.BLOCK_SPREAD
                && w.message().startsWith("blocks disagree more than the effect is large")), a.warnings().toString());
        RunAnalysis clear = RunAnalysis.of(BlockedRuns.run(5, "runsc", 12, 2, 2.0, 0));
        assertTrue(clear.warnings().stream().noneMatch(w -> w.kind() == StatsWarning.Kind.BLOCK_SPREAD),
                clear.warnings().toString());
    }

    @Test
    void smallestSignedRankPAndLeastBlocks() {
        assertEquals(Math.pow(2, -11), RankTest.smallestSignedRankP(12), 1e-15);
        // about 40 comparisons: 11 blocks are the least at which Holm's strictest step can be met
        assertEquals(11, RankTest.fewestBlocks(40, 0.05));
        // R: wilcox.test(c(0.1, 0.2, 0.3, -0.05, 0.4, 0.5))$p.value = 0.0625
        assertEquals(0.0625, RankTest.withinBlocks(new double[] {0.1, 0.2, 0.3, -0.05, 0.4, 0.5}).pValue(), 1e-12);
    }
}
