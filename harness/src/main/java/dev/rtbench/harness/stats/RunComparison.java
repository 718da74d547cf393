package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The change between two runs, per workload, metric and runtime: the current run's samples against the earlier
 * run's, with the same estimator as the overhead against the baseline runtime ({@link OverheadEstimate}: a ratio
 * above 1 is worse), Holm-corrected over every pair compared. Only pairs present in both runs are compared.
 *
 * @param before      the earlier (reference) run
 * @param after       the current run
 * @param options     how the statistics were computed
 * @param changes     one per (workload, metric, runtime) present in both runs; reference = "before"
 * @param notDiffable what differs between the runs without being a series to judge: a different CPU, a series
 *                    only the current run has
 * @param uncompared  series of the baseline run this comparison could not judge, and why (a changed unit or
 *                    direction, a series the current run lacks): a gate cannot pass over them
 */
public record RunComparison(
        RunResults before, RunResults after, StatsOptions options, List<OverheadEstimate> changes,
        List<String> notDiffable, List<String> uncompared) {

    public RunComparison {
        changes = List.copyOf(changes);
        notDiffable = List.copyOf(notDiffable);
        uncompared = List.copyOf(uncompared);
    }

    public static RunComparison of(RunResults rawBefore, RunResults rawAfter, StatsOptions options) {
        RunResults before = SafeText.results(rawBefore);
        RunResults after = SafeText.results(rawAfter);
        Map<String, List<Sample>> b = group(before);
        Map<String, List<Sample>> a = group(after);
        List<OverheadEstimate> raw = new ArrayList<>();
        List<String> notes = new ArrayList<>(environmentDifferences(before, after));
        List<String> uncompared = new ArrayList<>();
        for (Map.Entry<String, List<Sample>> e : a.entrySet()) {
            List<Sample> old = b.get(e.getKey());
            Sample first = e.getValue().get(0);
            String label = first.workload() + "/" + first.metric() + " under " + first.runtime();
            if (old == null) {
                notes.add(label + " is only in the current run");
                continue;
            }
            if (!old.get(0).unit().equals(first.unit())) {
                uncompared.add(label + ": its unit changed from " + old.get(0).unit() + " to " + first.unit()
                        + ", so its values cannot be set against each other");
                continue;
            }
            if (old.get(0).direction() != first.direction()) {
                uncompared.add(label + ": which way is better changed (" + old.get(0).direction() + " before, "
                        + first.direction() + " now), so \"worse\" has no single meaning");
                continue;
            }
            double[] x = e.getValue().stream().filter(Sample::ok).mapToDouble(Sample::value).toArray();
            double[] y = old.stream().filter(Sample::ok).mapToDouble(Sample::value).toArray();
            Bootstrap bootstrap = new Bootstrap(Bootstrap.seedFor(options.seed(), "compare/" + e.getKey()),
                    options.bootstrapResamples());
            raw.add(OverheadEstimate.estimate(new MetricKey(first.workload(), first.metric()), first.runtime(), x,
                    "before", y, first.unit(), first.direction(), bootstrap, options.confidence()));
        }
        for (String k : b.keySet()) {
            if (!a.containsKey(k)) {
                Sample s = b.get(k).get(0);
                uncompared.add(s.workload() + "/" + s.metric() + " under " + s.runtime() + ": measured in the baseline"
                        + " run, missing from the current one");
            }
        }
        return new RunComparison(before, after, options, RunAnalysis.adjust(raw), notes, uncompared);
    }

    /** The gate of {@code compare --max-regression}: see {@link RegressionGate}. */
    public RegressionGate gate(double maxRegression) {
        return RegressionGate.of(this, maxRegression);
    }

    private static Map<String, List<Sample>> group(RunResults r) {
        Map<String, List<Sample>> out = new LinkedHashMap<>();
        for (Sample s : r.samples()) {
            out.computeIfAbsent(s.workload() + "/" + s.metric() + "/" + s.runtime(), k -> new ArrayList<>()).add(s);
        }
        return out;
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
