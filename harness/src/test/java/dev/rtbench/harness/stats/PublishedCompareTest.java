package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

    static final Path PUBLISHED = Path.of("..", "results", "published");
    static final RunResults RUN = ResultsJson.read(PUBLISHED.resolve("20261202-053145-d6a7"));

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
