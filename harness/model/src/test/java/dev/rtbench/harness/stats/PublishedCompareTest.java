package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code compare}'s gate on REAL default runs of one build, from results/published: two runs of one build are never
 * a regression, and a copy whose runsc has 30% of its samples slowed 2.7x is never a pass.
 */
class PublishedCompareTest {

    static final String[] SAME_BUILD = {"20261202-082825-0044", "20261202-083621-df67"};

    static final Path PUBLISHED = Path.of("..", "..", "results", "published", "before-fingerprints");
    static final RunResults RUN = ResultsJson.read(PUBLISHED.resolve("20261202-053145-d6a7"));
    /** Two default runs of one build (923f02a), one after the other on this machine. */
    static final RunResults FIRST = ResultsJson.read(PUBLISHED.resolve(SAME_BUILD[0]));
    static final RunResults SECOND = ResultsJson.read(PUBLISHED.resolve(SAME_BUILD[1]));

    @Test
    void twoDefaultRunsOfOneBuildAreNeverARegression() {
        for (RunResults[] pair : new RunResults[][] {{FIRST, SECOND}, {SECOND, FIRST}}) {
            RegressionGate gate = RunComparison.of(pair[0], pair[1], StatsOptions.defaults()).gate(0.10);
            assertNotEquals(RegressionGate.Outcome.FAIL, gate.outcome(), pair[1].runId() + " against "
                    + pair[0].runId());
        }
        // the false-alarm rate: each run's blocks resampled within each workload (with replacement), the pair
        // compared again, 200 times. Resampling both runs adds their spread twice over, so this overstates it. With
        // the tail judged by a bootstrap of the runs' pooled p90s (its variance understated at these sizes) it was
        // 53 of 200; by each block's tail and the rank-sum test, 2 of 200
        int[] outcomes = new int[3];
        Random random = new Random(20261202);
        for (int i = 0; i < 200; i++) {
            RunResults a = resampled(i % 2 == 0 ? FIRST : SECOND, random);
            RunResults b = resampled(i % 2 == 0 ? SECOND : FIRST, random);
            outcomes[RunComparison.of(a, b, StatsOptions.defaults()).gate(0.10).outcome().ordinal()]++;
        }
        System.out.printf("two default runs of one build, resampled 200 times: %d FAIL, %d INCONCLUSIVE, %d PASS%n",
                outcomes[1], outcomes[2], outcomes[0]);
        assertTrue(outcomes[1] <= 10, "false alarms: " + outcomes[1] + " of 200");
    }

    /** {@code r} with each workload's blocks drawn with replacement, a block drawn twice kept as two. */
    static RunResults resampled(RunResults r, Random random) {
        java.util.Map<String, List<Integer>> byWorkload = new java.util.TreeMap<>();
        java.util.Map<Integer, List<Sample>> byBlock = new java.util.HashMap<>();
        for (Sample s : r.samples()) {
            byBlock.computeIfAbsent(s.block(), k -> new ArrayList<>()).add(s);
        }
        byBlock.forEach((b, samples) -> byWorkload.computeIfAbsent(samples.get(0).workload(), k -> new ArrayList<>())
                .add(b));
        List<Sample> out = new ArrayList<>();
        int next = 0;
        for (List<Integer> blocks : byWorkload.values()) {
            List<Integer> sorted = blocks.stream().sorted().toList();
            for (int i = 0; i < sorted.size(); i++) {
                int block = next++;
                for (Sample s : byBlock.get(sorted.get(random.nextInt(sorted.size())))) {
                    out.add(new Sample(s.runtime(), s.workload(), s.metric(), s.value(), s.unit(), s.direction(),
                            s.round(), block, s.fork(), s.iteration(), s.containerId(), s.verifiedRuntime(),
                            s.failure(), s.interrupted()));
                }
            }
        }
        return new RunResults(r.formatVersion(), r.runId() + "-resampled", r.started(), r.finished(), r.status(),
                r.environment(), r.config(), out, r.notes());
    }

    @Test
    void aCopyWithAThirdOfRunscsSamplesSlowedNeverPasses() {
        int[] outcomes = new int[3];
        for (int seed = 1; seed <= 40; seed++) {
            RunResults slowed = slowed(RUN, "runsc", 0.3, 2.7, new Random(seed));
            RegressionGate.Outcome o = RunComparison.of(RUN, slowed, StatsOptions.defaults()).gate(0.10).outcome();
            assertNotEquals(RegressionGate.Outcome.PASS, o, "seed " + seed);
            outcomes[o.ordinal()]++;
        }
        System.out.printf("30%% of runsc's samples slowed 2.7x, 40 copies: %d FAIL, %d INCONCLUSIVE, %d PASS%n",
                outcomes[1], outcomes[2], outcomes[0]);
    }

    @Test
    void theRunAgainstItselfIsNoChange() {
        RunComparison same = RunComparison.of(RUN, RUN, StatsOptions.defaults());
        same.changes().stream().filter(c -> c.aspect() == RunChange.Aspect.RATIO)
                .forEach(c -> assertEquals(1.0, c.ratio(), 1e-12, c.label()));
        // not necessarily a pass: with 9 blocks a run, a noisy ratio's interval is wider than +-10%
        assertNotEquals(RegressionGate.Outcome.FAIL, same.gate(0.10).outcome());
    }

    /**
     * {@code r} with a share of {@code runtime}'s sample slots (one JMH iteration of one block: every figure it
     * gave) made {@code factor} times worse: times and sizes multiplied, rates divided.
     */
    static RunResults slowed(RunResults r, String runtime, double share, double factor, Random random) {
        Set<String> slots = new HashSet<>();
        for (Sample s : r.samples()) {
            if (s.runtime().equals(runtime)) {
                slots.add(slot(s));
            }
        }
        Set<String> hit = new HashSet<>();
        for (String slot : slots.stream().sorted().toList()) {
            if (random.nextDouble() < share) {
                hit.add(slot);
            }
        }
        List<Sample> out = new ArrayList<>();
        for (Sample s : r.samples()) {
            if (!hit.contains(slot(s)) || !s.runtime().equals(runtime)) {
                out.add(s);
                continue;
            }
            double v = s.direction() == Direction.HIGHER_IS_BETTER ? s.value() / factor : s.value() * factor;
            out.add(new Sample(s.runtime(), s.workload(), s.metric(), v, s.unit(), s.direction(), s.round(),
                    s.block(), s.fork(), s.iteration(), s.containerId(), s.verifiedRuntime(), s.failure(),
                    s.interrupted()));
        }
        return new RunResults(r.formatVersion(), r.runId() + "-slowed", r.started(), r.finished(), r.status(),
                r.environment(), r.config(), out, r.notes());
    }

    private static String slot(Sample s) {
        return s.runtime() + "/" + s.workload() + "/" + s.block() + "/" + s.fork() + "/" + s.iteration();
    }
}
