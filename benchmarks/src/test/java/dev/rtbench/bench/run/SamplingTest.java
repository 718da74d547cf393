package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.stats.RankTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plan and the per-workload stopping, without Docker: blocks of known cost and comparisons of known width. */
class SamplingTest {

    static final List<String> TEN = WorkloadClasses.DEFAULT;

    /** Every workload measured once, each block costing {@code each}, half of it warm-ups. */
    static Sampling afterFirstRound(Profile p, Duration each) {
        Sampling s = new Sampling(p, TEN, w -> 2, Instant.parse("2026-12-02T06:00:00Z"));
        TEN.forEach(w -> s.block(w, each, each.toMillis() * 0.6, each.dividedBy(2)));
        return s;
    }

    static List<Precision.Width> widths(double half, String... reached) {
        List<Precision.Width> out = new ArrayList<>();
        for (String w : TEN) {
            boolean r = List.of(reached).contains(w);
            out.add(new Precision.Width(w, w + " runsc", r ? 0.01 : half, r));
        }
        return out;
    }

    @Test
    void aRoundThatFitsGivesThePlanAndItsEta() {
        Sampling s = afterFirstRound(Profile.QUICK, Duration.ofSeconds(2));
        Sampling.Step step = s.afterRound(1, Duration.ofSeconds(20), widths(Double.POSITIVE_INFINITY));
        assertNull(step.stop());
        assertEquals(Set.copyOf(TEN), step.next());
        // ten primary comparisons need 9 blocks: 2/2^9 x 10 < 0.05
        assertTrue(step.said().get(0).startsWith("plan: at least 9 rounds (9 blocks let 10 primary comparisons"
                + " pass Holm's correction); a round takes 10s here, so about 1m20s more (ETA "), step.said().get(0));
    }

    @Test
    void theFirstPlanPricesOutTheWarmUpsAndCountsTheTimeBetweenBlocks() {
        // a density-like first block: 10 s, of which its warm-up (2 containers where a sample starts 50) took 1 s;
        // halving it priced the full profile's round at 5m31s that took 8m46s. The host reference took 5 s.
        Sampling s = new Sampling(Profile.QUICK, TEN, w -> 2, Instant.parse("2026-12-02T06:00:00Z"));
        TEN.forEach(w -> s.block(w, Duration.ofSeconds(10), 6000, Duration.ofSeconds(1)));
        s.outside(Duration.ofSeconds(5));
        Sampling.Step step = s.afterRound(1, Duration.ofSeconds(105), widths(Double.POSITIVE_INFINITY));
        assertTrue(step.said().get(0).contains("a round takes 1m35s here"), step.said().get(0));
        // a second round at that price revises nothing
        TEN.forEach(w -> s.block(w, Duration.ofSeconds(9), 6000, Duration.ZERO));
        s.outside(Duration.ofSeconds(5));
        assertTrue(s.afterRound(2, Duration.ofSeconds(200), widths(0.2)).said().isEmpty());
    }

    @Test
    void aRunOfOneRuntimeSaysItHasNothingToCompare() {
        Sampling s = afterFirstRound(Profile.QUICK, Duration.ofSeconds(2));
        Sampling.Step step = s.afterRound(1, Duration.ofSeconds(20), List.of());
        assertTrue(step.said().get(0).startsWith("plan: at least 6 rounds (the profile's minimum: one runtime, nothing"
                + " to compare)"), step.said().get(0));
    }

    @Test
    void aSlowMachineTakesLongerAndSaysSoAtOnce() {
        // first blocks of 12 s, half of it warm-ups: a round of a minute, 9 rounds are 10 minutes, past the 8
        Sampling s = afterFirstRound(Profile.QUICK, Duration.ofSeconds(12));
        Sampling.Step step = s.afterRound(1, Duration.ofMinutes(2), widths(Double.POSITIVE_INFINITY));
        assertNull(step.stop());
        assertTrue(step.said().get(0).startsWith("plan: taking longer than the budget of 8m00s: 9 rounds are needed"),
                step.said().get(0));
        // the budget does not end it before the minimum ...
        for (int round = 2; round < 9; round++) {
            TEN.forEach(w -> s.block(w, Duration.ofSeconds(12), 7000, Duration.ZERO));
            assertNull(s.afterRound(round, Duration.ofMinutes(2L * round), widths(0.2)).stop(), "round " + round);
        }
        // ... and ends it right after
        TEN.forEach(w -> s.block(w, Duration.ofSeconds(12), 7000, Duration.ZERO));
        String stop = s.afterRound(9, Duration.ofMinutes(18), widths(0.2)).stop();
        assertTrue(stop.startsWith("the budget of 8m00s would be spent"), stop);
    }

    @Test
    void aBudgetGivenByTheUserIsKeptByMeasuringFewerWorkloads() {
        Sampling s = afterFirstRound(Profile.QUICK.withBudget(Duration.ofMinutes(3)), Duration.ofSeconds(4));
        // first blocks of 4 s, half of it warm-ups: 20 s a round, 8 more rounds of all ten are 2m40s after the 40 s
        // spent, past 3 minutes; the first k workloads whose minimum fits stay
        Sampling.Step step = s.afterRound(1, Duration.ofSeconds(40), widths(Double.POSITIVE_INFINITY));
        assertTrue(step.said().get(0).startsWith("plan: measuring fewer workloads to keep the budget of 3m00s"
                + " (--budget)"), step.said().get(0));
        assertTrue(step.next().size() < 10 && step.next().contains("start"), step.next().toString());
        assertTrue(step.said().get(0).contains("Not measured further: ") && step.said().get(0).contains("burst-4"),
                step.said().get(0));
        // what is kept fits: its minimum rounds at 4 s a workload within the budget
        int kept = step.next().size();
        int min = Math.max(6, RankTest.fewestBlocks(kept, 0.05));
        assertTrue(40 + (min - 1) * kept * 2 <= 180, kept + " workloads, " + min + " rounds");
    }

    @Test
    void aWorkloadThatReachedItsTargetStopsAfterAWholeCycle() {
        Sampling s = afterFirstRound(Profile.QUICK, Duration.ofSeconds(1));
        s.afterRound(1, Duration.ofSeconds(10), widths(Double.POSITIVE_INFINITY));
        Duration spent = Duration.ofSeconds(10);
        for (int round = 2; round <= 9; round++) {
            TEN.forEach(w -> s.block(w, Duration.ofSeconds(1), 600, Duration.ZERO));
            spent = spent.plusSeconds(10);
            Sampling.Step step = s.afterRound(round, spent, widths(0.2, "cpu-single", "memory-1m"));
            assertEquals(10, step.next().size(), "nothing stops before the minimum of 9 rounds");
        }
        // after 9 blocks the cycle of 2 is not whole: one more
        TEN.forEach(w -> s.block(w, Duration.ofSeconds(1), 600, Duration.ZERO));
        Sampling.Step step = s.afterRound(10, spent.plusSeconds(10), widths(0.2, "cpu-single", "memory-1m"));
        assertEquals(8, step.next().size(), step.toString());
        assertTrue(step.said().contains("cpu-single: its primary comparisons reached +-5% after 10 blocks; not"
                + " sampled further"), step.said().toString());
        List<String> notes = s.notes();
        assertTrue(notes.get(0).matches("blocks per workload \\(and the timed share of their wall time\\): start 10"
                + " \\(\\d+%\\), cpu-single 10 \\(\\d+%\\).*"), notes.get(0));
        assertTrue(notes.get(1).contains(": 60% in all; lifecycle 60% of "), notes.get(1));
    }

    @Test
    void roundsAskedForAreRunAndTooFewAreSaidToBe() {
        Sampling s = afterFirstRound(Profile.QUICK.withRounds(3), Duration.ofSeconds(2));
        Sampling.Step step = s.afterRound(1, Duration.ofSeconds(20), widths(Double.POSITIVE_INFINITY));
        assertTrue(step.said().get(0).startsWith("plan: 3 rounds as asked (--rounds)"), step.said().get(0));
        assertTrue(step.said().get(0).endsWith("fewer than the 9 blocks with which 10 primary comparisons can pass"
                + " Holm's correction: their verdicts will say not testable"), step.said().get(0));
        assertNull(s.afterRound(2, Duration.ofSeconds(40), widths(0.01, TEN.toArray(String[]::new))).stop(),
                "exact rounds ignore precision");
        assertTrue(s.afterRound(3, Duration.ofSeconds(60), widths(0.2)).stop().startsWith("the profile's last round"));
    }

    @Test
    void theSecondRoundRevisesAPlanItsWarmUpsMisled() {
        // first blocks of 2 s: priced at 1 s (half of it warm-ups), 10 s a round; the second round's blocks take 3 s
        Sampling s = afterFirstRound(Profile.QUICK, Duration.ofSeconds(2));
        s.afterRound(1, Duration.ofSeconds(20), widths(Double.POSITIVE_INFINITY));
        TEN.forEach(w -> s.block(w, Duration.ofSeconds(3), 1800, Duration.ZERO));
        Sampling.Step step = s.afterRound(2, Duration.ofSeconds(50), widths(0.2));
        assertTrue(step.said().get(0).startsWith("plan revised: a round takes 30s here, so the 9 rounds end about"
                + " 3m30s from now (ETA "), step.said().toString());
        // a third round says nothing more
        TEN.forEach(w -> s.block(w, Duration.ofSeconds(3), 1800, Duration.ZERO));
        assertTrue(s.afterRound(3, Duration.ofSeconds(80), widths(0.2)).said().isEmpty());
    }
}
