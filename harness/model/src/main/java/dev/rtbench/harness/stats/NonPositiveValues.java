package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Values of zero or below, which a ratio cannot take. What one means depends on the metric: a rate or a count of
 * 0 (higher is better) is a real result, a server that answered nothing; a time of 0 or a negative figure of any
 * kind is not a measurement at all. The first is kept in its summaries and only its metric's ratios are left out;
 * the second becomes a failed sample that says why. Either way the run is analysed, with a warning that names
 * what was left out, rather than refused whole for one odd value.
 */
final class NonPositiveValues {

    /**
     * The run with every non-measurement marked failed, the metrics whose ratios cannot be formed, and a warning per
     * metric and runtime concerned.
     */
    record Sorted(RunResults results, Set<MetricKey> noRatio, List<StatsWarning> warnings) {}

    private NonPositiveValues() {
    }

    static Sorted sort(RunResults r) {
        Set<MetricKey> noRatio = new LinkedHashSet<>();
        // per (metric, runtime): how many real zeros, how many non-measurements, and one example of each
        Map<List<Object>, int[]> counts = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>(r.samples().size());
        for (Sample s : r.samples()) {
            if (!s.ok() || s.value() > 0) {
                samples.add(s);
                continue;
            }
            MetricKey key = new MetricKey(s.workload(), s.metric());
            boolean realZero = s.value() == 0 && s.direction() == Direction.HIGHER_IS_BETTER;
            counts.computeIfAbsent(List.of(key, s.runtime(), realZero), k -> new int[1])[0]++;
            if (realZero) {
                noRatio.add(key);
                samples.add(s);
            } else {
                samples.add(new Sample(s.runtime(), s.workload(), s.metric(), s.value(), s.unit(), s.direction(),
                        s.round(), s.block(), s.fork(), s.iteration(), s.containerId(), s.verifiedRuntime(),
                        notAMeasurement(s), s.interrupted()));
            }
        }
        List<StatsWarning> warnings = new ArrayList<>();
        counts.forEach((k, n) -> {
            MetricKey key = (MetricKey) k.get(0);
            String runtime = (String) k.get(1);
            boolean realZero = (Boolean) k.get(2);
            warnings.add(new StatsWarning(StatsWarning.Kind.NON_POSITIVE_VALUES, key, runtime, realZero
                    ? String.format(Locale.ROOT, "%d sample(s) of 0: a real result for a figure where higher is"
                            + " better, kept in the summaries; no ratio can be formed with a 0, so %s is compared"
                            + " by no runtime. Look at what the workload printed (samples in results.json)",
                            n[0], key.label())
                    : String.format(Locale.ROOT, "%d sample(s) that are not a measurement (a time of 0 or below, or"
                            + " a negative figure): left out as failed. Check the workload's pattern and what it"
                            + " printed", n[0])));
        });
        RunResults sorted = new RunResults(r.formatVersion(), r.runId(), r.started(), r.finished(), r.status(),
                r.environment(), r.config(), samples, r.notes(), r.hostReference(), r.timelines());
        return new Sorted(sorted, noRatio, warnings);
    }

    private static String notAMeasurement(Sample s) {
        String why = s.direction() == Direction.LOWER_IS_BETTER ? "a figure where lower is better (a time, a"
                + " latency) cannot be " : "a figure where higher is better cannot be negative: ";
        return String.format(Locale.ROOT, "value %s %s is not a measurement: %s%s", s.value(), s.unit(), why,
                s.direction() == Direction.LOWER_IS_BETTER ? "0 or below" : "it was " + s.value());
    }
}
