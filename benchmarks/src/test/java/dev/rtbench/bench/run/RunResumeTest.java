package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.BlockOrder;
import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunResumeTest {

    private static final List<String> ARMS = List.of("runc", "runsc");
    private static final List<String> WORKLOADS = List.of("start", "stop", "exec");
    private static final long SEED = 42;

    /**
     * A run of {@code rounds} whole rounds, then {@code blocksOfLast} whole blocks of the next and, when
     * {@code cutShort}, one more block in which only the first runtime of its order was measured, as Ctrl-C leaves it.
     */
    private static RunResults stopped(long seed, int rounds, int blocksOfLast, boolean cutShort, String status) {
        RunPlan plan = new RunPlan(ARMS, WORKLOADS, seed);
        List<BlockOrder> blocks = new ArrayList<>();
        List<Sample> samples = new ArrayList<>();
        int next = 0;
        for (int r = 0; r <= rounds; r++) {
            List<BlockOrder> drawn = plan.round(r, next);
            next += drawn.size();
            int take = r < rounds ? drawn.size() : Math.min(drawn.size(), blocksOfLast + (cutShort ? 1 : 0));
            for (int i = 0; i < take; i++) {
                BlockOrder b = drawn.get(i);
                blocks.add(b);
                boolean partial = r == rounds && cutShort && i == take - 1;
                List<String> measured = partial ? b.order().subList(0, 1) : b.order();
                for (String rt : measured) {
                    double v = rt.equals("runsc") ? 200 + b.index() % 7 : 100 + b.index() % 5;
                    samples.add(new Sample(rt, b.workloads().get(0), "time", v, "ms", Direction.LOWER_IS_BETTER,
                            r, b.index(), 0, 0, "c" + b.index() + rt, rt, null, partial));
                }
            }
        }
        RunConfig config = new RunConfig(ARMS, "runc", WORKLOADS, "quick", "rtbench/workload:abc", List.of(), blocks,
                Map.of());
        return new RunResults(RunResults.FORMAT_VERSION, "20261203-000000-abcd", Instant.parse(
                "2026-12-03T08:00:00Z"), Instant.parse("2026-12-03T09:00:00Z"), status, null, config, samples,
                List.of("block orders drawn with seed " + seed));
    }

    private static Sampling sampling(RunPlan plan) {
        return new Sampling(Profile.QUICK, plan.workloads(), plan::cycle, Instant.now());
    }

    @Test
    void aRunCutShortGoesOnWithTheBlockInProgressMeasuredAgain() {
        RunResults was = stopped(SEED, 2, 1, true, "interrupted");
        RunResume resume = RunResume.of(was);
        // the cut block is dropped, whole ones kept
        assertEquals(7, resume.blocks().size());
        assertEquals(14, resume.samples().size());
        assertTrue(resume.resumedNote(Instant.EPOCH).contains("block 7, in progress when the run stopped, was"
                + " dropped (1 sample(s)"), resume.resumedNote(Instant.EPOCH));
        RunPlan plan = new RunPlan(ARMS, WORKLOADS, SEED);
        Sampling sampling = sampling(plan);
        RunResume.Continuation c = resume.replay(plan, sampling, 0.05);
        // the rest of the round is measured: the plan waits for a price of every workload's block here
        c.remaining().forEach(b -> sampling.block(b.workloads().get(0), Duration.ofSeconds(2), 1000,
                Duration.ZERO));
        Sampling.Step step = sampling.afterRound(3, Duration.ofMinutes(1), List.of());
        assertNull(step.stop());
        assertTrue(step.said().isEmpty(), step.said().toString());
        assertEquals(2, c.round());
        assertEquals(7, c.nextBlock());
        // the rest of round 3 as the seed draws it, from the block that was cut short
        RunPlan fresh = new RunPlan(ARMS, WORKLOADS, SEED);
        fresh.round(0, 0);
        fresh.round(1, 3);
        List<BlockOrder> third = fresh.round(2, 6);
        assertEquals(third.subList(1, 3), c.remaining());
        assertEquals(Set.copyOf(WORKLOADS), c.active());
        // the same plan goes on after it as the uninterrupted run would have
        assertEquals(fresh.round(3, 9), plan.round(3, 9));
    }

    @Test
    void aRunStoppedBetweenRoundsStartsTheNextRoundAfresh() {
        RunResults was = stopped(SEED, 2, 0, false, "failed");
        RunPlan plan = new RunPlan(ARMS, WORKLOADS, SEED);
        RunResume.Continuation c = RunResume.of(was).replay(plan, sampling(plan), 0.05);
        assertEquals(2, c.round());
        assertEquals(6, c.nextBlock());
        assertNull(c.remaining());
        RunPlan fresh = new RunPlan(ARMS, WORKLOADS, SEED);
        fresh.round(0, 0);
        fresh.round(1, 3);
        assertEquals(fresh.round(2, 6), plan.round(2, 6));
    }

    @Test
    void anotherDesignIsRefusedNotContinued() {
        RunResults was = stopped(SEED, 2, 1, true, "interrupted");
        RunPlan other = new RunPlan(ARMS, WORKLOADS, SEED + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunResume.of(was).replay(other, sampling(other), 0.05));
        assertTrue(e.getMessage().contains("not the run's design"), e.getMessage());
        RunConfig moreArms = new RunConfig(List.of("runc", "runsc", "kata"), "runc", WORKLOADS, "quick",
                "rtbench/workload:abc", List.of(), List.of(), Map.of());
        assertTrue(RunResume.of(was).mismatch(moreArms, null).contains("runtimes"));
        assertNull(RunResume.of(was).mismatch(was.config(), null));
    }

    @Test
    void aCompleteRunIsNotResumed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunResume.of(stopped(SEED, 2, 0, false, "complete")));
        assertTrue(e.getMessage().contains("nothing to resume"), e.getMessage());
    }

    @Test
    void theEarlierPartsCountAgainstTheBudget() {
        RunResume first = RunResume.of(stopped(SEED, 1, 0, false, "interrupted"));
        // a run never resumed: its first part is its whole span
        assertEquals(Duration.ofHours(1), first.spent());
        assertEquals(2, first.part());
        assertTrue(first.notes().stream().anyMatch(n -> n.startsWith("part 1 of the run: 2026-12-03T08:00:00Z to"
                + " 2026-12-03T09:00:00Z, 3600 s")), first.notes().toString());
        RunResults twice = stopped(SEED, 1, 0, false, "interrupted");
        List<String> notes = new ArrayList<>(first.notes());
        notes.add(RunResume.partNote(2, Instant.parse("2026-12-04T08:00:00Z"), Instant.parse("2026-12-04T08:30:00Z"),
                null));
        RunResults again = new RunResults(twice.formatVersion(), twice.runId(), twice.started(), twice.finished(),
                twice.status(), null, twice.config(), twice.samples(), notes);
        RunResume third = RunResume.of(again);
        assertEquals(Duration.ofMinutes(90), third.spent());
        assertEquals(3, third.part());
    }
}
