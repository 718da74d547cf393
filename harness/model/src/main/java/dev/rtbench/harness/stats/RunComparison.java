package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The change from a baseline run to a current one, on each workload's primary metric ({@link MetricFamilies}: the
 * claims of a run; secondary metrics are not judged). Two runs are not two samples of one population: the machine's
 * state moves between them, by more than a run's samples show. So:
 * <ul>
 *   <li>where both runs have the same baseline runtime, each other runtime is judged by its <b>ratio to it</b>,
 *       block by block ({@link RunChange.Aspect#RATIO}), and by the ratio of each block's worse tails
 *       ({@link RunChange.Aspect#RATIO_TAIL}): what moved the whole machine cancels;
 *   <li>a runtime's <b>own figures</b> (the baseline runtime's, or every runtime's when the runs share no baseline)
 *       are judged only against a run-to-run component measured from a repeated run of the baseline run's build
 *       ({@link RunToRun}); without one they are listed as not judged, with how to judge them;
 *   <li>a failure rate that rose is a change too ({@link FailureChange}).
 * </ul>
 * Every p is Holm-adjusted over all of them.
 *
 * @param changes       the judged changes
 * @param failures      the failure rates that differ between the runs
 * @param medianComponent the run-to-run component of own medians, unknown without a repeated run
 * @param tailComponent   the same of own tails
 * @param unjudged      own figures that could not be judged, and why
 * @param notDiffable   what differs between the runs without being a series to judge
 * @param uncompared    primary series of the baseline run that could not be compared, and why: a gate cannot pass
 *                      over them
 */
public record RunComparison(
        RunResults before, RunResults after, StatsOptions options, List<RunChange> changes,
        List<FailureChange> failures, RunToRun medianComponent, RunToRun tailComponent, List<String> unjudged, List<String> notDiffable,
        List<String> uncompared) {

    public RunComparison {
        changes = List.copyOf(changes);
        failures = List.copyOf(failures);
        unjudged = List.copyOf(unjudged);
        notDiffable = List.copyOf(notDiffable);
        uncompared = List.copyOf(uncompared);
    }

    public static RunComparison of(RunResults before, RunResults after, StatsOptions options) {
        return of(before, after, null, options);
    }

    /** @param repeat a second run of the baseline run's build, or null: it gives the run-to-run component */
    public static RunComparison of(RunResults rawBefore, RunResults rawAfter, RunResults rawRepeat,
                                   StatsOptions options) {
        RunResults before = SafeText.results(rawBefore);
        RunResults after = SafeText.results(rawAfter);
        RunResults repeat = rawRepeat == null ? null : SafeText.results(rawRepeat);
        Series b = new Series(before);
        Series a = new Series(after);
        Series r = repeat == null ? null : new Series(repeat);
        MetricFamilies families = MetricFamilies.of(before.samples());
        List<String> notes = new ArrayList<>(environmentDifferences(before, after));
        List<String> uncompared = new ArrayList<>();
        Set<String> comparable = new LinkedHashSet<>();
        for (String id : b.ids()) {
            Sample first = b.first(id);
            MetricKey key = new MetricKey(first.workload(), first.metric());
            if (!families.primary(key)) {
                continue;
            }
            String label = first.workload() + "/" + first.metric() + " under " + first.runtime();
            Sample now = a.first(id);
            if (now == null) {
                uncompared.add(label + ": measured in the baseline run, missing from the current one");
            } else if (!now.unit().equals(first.unit())) {
                uncompared.add(label + ": its unit changed from " + first.unit() + " to " + now.unit()
                        + ", so its values cannot be set against each other");
            } else if (now.direction() != first.direction()) {
                uncompared.add(label + ": which way is better changed (" + first.direction() + " before, "
                        + now.direction() + " now), so \"worse\" has no single meaning");
            } else {
                comparable.add(id);
            }
        }
        for (String id : a.ids()) {
            Sample s = a.first(id);
            if (b.first(id) == null && families.primary(new MetricKey(s.workload(), s.metric()))) {
                notes.add(s.workload() + "/" + s.metric() + " under " + s.runtime() + " is only in the current run");
            }
        }

        double confidence = options.confidence();
        List<RunChange> raw = new ArrayList<>();
        Set<String> judgedAsRatio = new LinkedHashSet<>();
        String baseline = before.config().baseline();
        if (baseline != null && baseline.equals(after.config().baseline())) {
            for (RunAnalysis.Comparison c : RunAnalysis.comparisons(b.runtimes(), baseline)) {
                for (String id : comparable) {
                    Sample s = b.first(id);
                    if (!s.runtime().equals(c.runtime()) || !comparable.contains(Series.id(s, c.reference()))) {
                        continue;
                    }
                    BlockPairs pb = b.pairs(s, c.reference());
                    BlockPairs pa = a.pairs(s, c.reference());
                    if (pb.size() == 0 || pa.size() == 0) {
                        continue;
                    }
                    judgedAsRatio.add(id);
                    raw.add(ChangeEstimates.ratio(s, c.reference(), pb, pa, confidence));
                    raw.add(ChangeEstimates.ratioTail(s, c.reference(), pb, pa, confidence));
                }
            }
        }
        List<String> own = comparable.stream().filter(id -> !judgedAsRatio.contains(id)).toList();
        RunToRun[] components = {RunToRun.UNKNOWN, RunToRun.UNKNOWN};
        if (r != null) {
            for (int t = 0; t < 2; t++) {
                List<LogStatistic[]> pairs = new ArrayList<>();
                for (String id : own) {
                    if (r.first(id) != null) {
                        pairs.add(new LogStatistic[] {b.statistic(id, t == 1, options.seed()),
                                r.statistic(id, t == 1, options.seed())});
                    }
                }
                components[t] = RunToRun.of(pairs);
            }
        }
        List<String> unjudged = new ArrayList<>();
        for (String id : own) {
            Sample s = b.first(id);
            if (!components[0].known()) {
                unjudged.add(s.workload() + "/" + s.metric() + " under " + s.runtime());
                continue;
            }
            for (int t = 0; t < 2; t++) {
                raw.add(ChangeEstimates.own(s, b.statistic(id, t == 1, options.seed()),
                        a.statistic(id, t == 1, options.seed()), components[t], t == 1, confidence));
            }
        }
        List<FailureChange> failures = FailureChange.between(before.samples(), after.samples(), families);

        double[] p = new double[raw.size() + failures.size()];
        for (int i = 0; i < raw.size(); i++) {
            p[i] = raw.get(i).p();
        }
        for (int i = 0; i < failures.size(); i++) {
            p[raw.size() + i] = failures.get(i).p();
        }
        double[] adjusted = HolmCorrection.adjust(p);
        List<RunChange> changes = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            changes.add(raw.get(i).withAdjustedP(adjusted[i]));
        }
        List<FailureChange> failed = new ArrayList<>();
        for (int i = 0; i < failures.size(); i++) {
            failed.add(failures.get(i).withAdjustedP(adjusted[raw.size() + i]));
        }
        return new RunComparison(before, after, options, changes, failed, components[0], components[1], unjudged, notes,
                uncompared);
    }

    /** The gate of {@code compare --max-regression}: see {@link RegressionGate}. */
    public RegressionGate gate(double maxRegression) {
        return RegressionGate.of(this, maxRegression);
    }

    /** A run's samples by workload, metric and runtime, in the run's order. */
    private static final class Series {
        private final Map<String, List<Sample>> byId = new LinkedHashMap<>();
        private final List<String> runtimes = new ArrayList<>();

        Series(RunResults run) {
            for (Sample s : run.samples()) {
                byId.computeIfAbsent(id(s, s.runtime()), k -> new ArrayList<>()).add(s);
                if (!runtimes.contains(s.runtime())) {
                    runtimes.add(s.runtime());
                }
            }
        }

        static String id(Sample s, String runtime) {
            return s.workload() + "/" + s.metric() + "/" + runtime;
        }

        Set<String> ids() {
            return byId.keySet();
        }

        List<String> runtimes() {
            return runtimes;
        }

        Sample first(String id) {
            List<Sample> s = byId.get(id);
            return s == null ? null : s.get(0);
        }

        BlockPairs pairs(Sample like, String reference) {
            return BlockPairs.of(byId.getOrDefault(id(like, like.runtime()), List.of()),
                    byId.getOrDefault(id(like, reference), List.of()));
        }

        /** The series' median or worse tail, block by block (a sample without a block is a block of its own). */
        LogStatistic statistic(String id, boolean tail, long seed) {
            Map<Integer, List<Double>> blocks = new LinkedHashMap<>();
            int alone = 0;
            for (Sample s : byId.get(id)) {
                if (s.ok()) {
                    blocks.computeIfAbsent(s.block() >= 0 ? s.block() : --alone, k -> new ArrayList<>())
                            .add(s.value());
                }
            }
            List<double[]> values = blocks.values().stream()
                    .map(v -> v.stream().mapToDouble(Double::doubleValue).toArray()).toList();
            Sample first = first(id);
            double q = !tail ? 0.5 : first.direction() == Direction.HIGHER_IS_BETTER ? 0.1 : 0.9;
            return values.isEmpty() ? new LogStatistic(Double.NaN, 0, 0)
                    : LogStatistic.of(values, q, Bootstrap.seedFor(seed, "compare-own/" + id + "/" + tail));
        }
    }

    private static List<String> environmentDifferences(RunResults before, RunResults after) {
        List<String> out = new ArrayList<>();
        if (before.environment() == null || after.environment() == null) {
            return out;
        }
        var e1 = before.environment();
        var e2 = after.environment();
        diff(out, "CPU", e1.cpuModel(), e2.cpuModel());
        diff(out, "kernel", e1.kernel(), e2.kernel());
        diff(out, "Docker", e1.dockerVersion(), e2.dockerVersion());
        for (var r2 : e2.runtimes()) {
            e1.runtimes().stream().filter(r1 -> r1.name().equals(r2.name())).findFirst()
                    .ifPresent(r1 -> diff(out, r2.name() + " version", r1.version(), r2.version()));
        }
        return out;
    }

    private static void diff(List<String> out, String what, String a, String b) {
        if (!Objects.equals(a, b)) {
            out.add(what + " differs: " + a + " before, " + b + " now; part of a change may come from it");
        }
    }
}
