package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.RunResults;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On SYNTHETIC runs from {@link SyntheticRuns}. */
class RunAnalysisTest {

    static final RunAnalysis ANALYSIS = RunAnalysis.of(SyntheticRuns.run(1, 10));

    @Test
    void everyUnitAndRuntimeIsSummarisedAndCompared() {
        assertEquals(8, ANALYSIS.keys().size());
        assertEquals(List.of("runc", "runsc", "kata"), ANALYSIS.runtimes());
        assertEquals(8 * 3, ANALYSIS.summaries().size());
        assertEquals(8 * 2, ANALYSIS.overheads().size());
        assertEquals(new MetricKey("create", "time"), ANALYSIS.keys().get(0));
    }

    @Test
    void pValuesAreHolmAdjustedOverTheWholeRun() {
        double[] raw = ANALYSIS.overheads().stream().mapToDouble(o -> o.test().pValue()).toArray();
        double[] adj = HolmCorrection.adjust(raw);
        for (int i = 0; i < raw.length; i++) {
            assertEquals(adj[i], ANALYSIS.overheads().get(i).pAdjusted(), 0);
            assertTrue(adj[i] >= raw[i]);
        }
    }

    @Test
    void sentencesAreHonest() {
        OverheadEstimate run = ANALYSIS.overhead(new MetricKey("run", "time"), "runsc").orElseThrow();
        // 10 blocks, all slower: the signed-rank p is 2/2^10 before Holm over 16 comparisons, so "p = 0.031", not
        // the "p < 0.001" the old test on 30 supposedly independent samples gave
        assertTrue(run.sentence(0.05).matches("runsc: \\d\\.\\d\\dx slower than runc \\[\\d\\.\\d\\d, \\d\\.\\d\\d\\], p = 0\\.031"),
                run.sentence(0.05));
        assertEquals(10, run.blocks().count());
        assertEquals(BlockEvidence.Resampling.SIGNED_RANK, run.blocks().resampling());
        OverheadEstimate cpu = ANALYSIS.overhead(new MetricKey("cpu", "time"), "kata").orElseThrow();
        assertTrue(cpu.sentence(0.05).startsWith("kata: no significant difference from runc ("), cpu.sentence(0.05));
        OverheadEstimate net = ANALYSIS.overhead(new MetricKey("net-throughput", "tcp-throughput"), "runsc").orElseThrow();
        assertEquals(Direction.HIGHER_IS_BETTER, net.direction());
        // throughput 0.68x of runc: the ratio is baseline/runtime, so about 1.47 and > 1 means worse
        assertEquals(1 / 0.68, net.ratio(), 0.1);
        assertTrue(net.sentence(0.05).contains("x lower than runc"), net.sentence(0.05));
        assertTrue(net.sentence(0.05).contains("(MiB/s, higher is better)"), net.sentence(0.05));
        assertTrue(net.ratioInterval().contains(net.ratio()));
    }

    @Test
    void improvementIsStatedAsFaster() {
        OverheadEstimate o = new OverheadEstimate(new MetricKey("w", "time"), "crun", "runc", "ms",
                Direction.LOWER_IS_BETTER, 30, 30, 0.8, new Interval(0.75, 0.85, 0.95), -2, new Interval(-3, -1, 0.95),
                0.8, new RankTest(RankTest.Method.SIGNED_RANK_WITHIN_BLOCKS, 0, 1e-5, true, 20, 0), 1e-4, 1e-5,
                WorseShare.ofPairs(-0.9, 0.95), BlockEvidence.none(), true);
        assertEquals("crun: 1.25x faster than runc [1.18, 1.33], p < 0.001", o.sentence(0.05));
    }

    @Test
    void warningsSayWhatToDo() {
        List<StatsWarning> w = ANALYSIS.warnings();
        assertTrue(w.stream().anyMatch(x -> x.kind() == StatsWarning.Kind.FAILED_SAMPLES
                && x.runtime().equals("kata") && x.message().contains("timeout after 60s")), w.toString());
        assertTrue(w.stream().anyMatch(x -> x.kind() == StatsWarning.Kind.SLOW_FIRST_SAMPLE
                && x.runtime().equals("runsc") && x.key().workload().equals("run")), w.toString());
        RunAnalysis tiny = RunAnalysis.of(SyntheticRuns.run(2, 1));
        assertTrue(tiny.warnings().stream().anyMatch(x -> x.kind() == StatsWarning.Kind.TOO_FEW_SAMPLES
                && x.message().contains("cannot reach p < 0.05")), tiny.warnings().toString());
    }

    @Test
    void aZeroRateIsKeptAZeroTimeIsLeftOutAndTheRunIsAnalysedAnyway() {
        RunResults r = SyntheticRuns.run(1, 10);
        List<dev.rtbench.harness.results.Sample> samples = new java.util.ArrayList<>(r.samples());
        int zeroRate = -1;
        int zeroTime = -1;
        for (int i = 0; i < samples.size() && (zeroRate < 0 || zeroTime < 0); i++) {
            var s = samples.get(i);
            if (!s.ok() || !s.runtime().equals("runsc")) {
                continue;
            }
            if (zeroRate < 0 && s.direction() == Direction.HIGHER_IS_BETTER) {
                zeroRate = i;
            } else if (zeroTime < 0 && s.direction() == Direction.LOWER_IS_BETTER && s.workload().equals("run")) {
                zeroTime = i;
            }
        }
        var rate = samples.get(zeroRate);
        var time = samples.get(zeroTime);
        samples.set(zeroRate, withValue(rate, 0));
        samples.set(zeroTime, withValue(time, 0));
        RunAnalysis a = RunAnalysis.of(new RunResults(r.formatVersion(), r.runId(), r.started(), r.finished(),
                r.status(), r.environment(), r.config(), samples, r.notes()));

        MetricKey rateKey = new MetricKey(rate.workload(), rate.metric());
        MetricKey timeKey = new MetricKey(time.workload(), time.metric());
        // the rate of 0 is a result: in runsc's summary (one more sample than the time's), but no ratio is formed
        assertTrue(a.overhead(rateKey, "runsc").isEmpty());
        assertEquals(n(ANALYSIS, rateKey), n(a, rateKey));
        // the time of 0 is not a measurement: left out as failed, and the comparison stands on the other nine
        assertTrue(a.overhead(timeKey, "runsc").isPresent());
        assertEquals(n(ANALYSIS, timeKey) - 1, n(a, timeKey));
        assertTrue(a.warnings().stream().anyMatch(w -> w.kind() == StatsWarning.Kind.NON_POSITIVE_VALUES
                && w.key().equals(rateKey) && w.message().contains("a real result")), a.warnings().toString());
        assertTrue(a.warnings().stream().anyMatch(w -> w.kind() == StatsWarning.Kind.NON_POSITIVE_VALUES
                && w.key().equals(timeKey) && w.message().contains("not a measurement")), a.warnings().toString());
        // every other comparison is still made: only the rate's two (runsc and kata against runc) are gone
        assertEquals(ANALYSIS.overheads().size() - 2, a.overheads().size());
    }

    /** How many of runsc's samples of {@code key} the analysis counted. */
    private static int n(RunAnalysis a, MetricKey key) {
        return a.summaries().stream().filter(x -> x.key().equals(key) && x.runtime().equals("runsc")).findFirst()
                .orElseThrow().n();
    }

    private static dev.rtbench.harness.results.Sample withValue(dev.rtbench.harness.results.Sample s, double v) {
        return new dev.rtbench.harness.results.Sample(s.runtime(), s.workload(), s.metric(), v, s.unit(),
                s.direction(), s.round(), s.block(), s.fork(), s.iteration(), s.containerId(), s.verifiedRuntime(),
                s.failure(), s.interrupted());
    }

    @Test
    void reproducibleFromTheSameResults() {
        RunResults r = SyntheticRuns.run(1, 10);
        RunAnalysis again = RunAnalysis.of(r);
        for (int i = 0; i < again.overheads().size(); i++) {
            assertEquals(ANALYSIS.overheads().get(i).ratioInterval(), again.overheads().get(i).ratioInterval());
            assertEquals(ANALYSIS.overheads().get(i).pAdjusted(), again.overheads().get(i).pAdjusted());
        }
    }
}
