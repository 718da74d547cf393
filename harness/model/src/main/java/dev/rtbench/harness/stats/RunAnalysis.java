package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Every statistic of a run, computed from its results alone: a summary per (workload, metric, runtime), an
 * overhead estimate of every runtime against the baseline per (workload, metric) with Holm-adjusted p-values
 * over all of them, and the warnings a reader needs. Deterministic: the same results and options give the same
 * numbers, bootstrap intervals included.
 *
 * @param results    the run
 * @param options    how the statistics were computed
 * @param keys       comparison units in the order of the run's workloads
 * @param runtimes   runtimes in the order of the run's configuration, baseline included
 * @param summaries  one per (key, runtime) that has samples
 * @param overheads  one per (key, non-baseline runtime) that has samples
 * @param warnings   what a reader should know, each with a remedy
 * @param families   which metrics are primary (the confirmatory Holm family), secondary, or duplicates left out
 */
public record RunAnalysis(
        RunResults results,
        StatsOptions options,
        List<MetricKey> keys,
        List<String> runtimes,
        List<SampleSummary> summaries,
        List<OverheadEstimate> overheads,
        List<StatsWarning> warnings,
        MetricFamilies families) {

    public RunAnalysis {
        keys = List.copyOf(keys);
        runtimes = List.copyOf(runtimes);
        summaries = List.copyOf(summaries);
        overheads = List.copyOf(overheads);
        warnings = List.copyOf(warnings);
    }

    public static RunAnalysis of(RunResults results) {
        return of(results, StatsOptions.defaults());
    }

    public static RunAnalysis of(RunResults raw, StatsOptions options) {
        NonPositiveValues.Sorted sorted = NonPositiveValues.sort(SafeText.results(raw));
        RunResults results = sorted.results();
        String baseline = results.config().baseline();
        List<Sample> ordered = results.samples().stream()
                .sorted(Comparator.comparingInt(Sample::block).thenComparingInt(Sample::fork)
                        .thenComparingInt(Sample::iteration))
                .toList();
        MetricFamilies families = MetricFamilies.of(ordered);
        List<MetricKey> keys = orderedKeys(results, ordered).stream().filter(k -> !families.duplicate(k)).toList();
        List<String> runtimes = orderedRuntimes(results, ordered);
        Map<MetricKey, Map<String, List<Sample>>> groups = new LinkedHashMap<>();
        for (Sample s : ordered) {
            groups.computeIfAbsent(new MetricKey(s.workload(), s.metric()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(s.runtime(), r -> new ArrayList<>()).add(s);
        }

        List<SampleSummary> summaries = new ArrayList<>();
        List<OverheadEstimate> estimates = new ArrayList<>();
        List<StatsWarning> warnings = new ArrayList<>(sorted.warnings());
        if (!runtimes.contains(baseline)) {
            warnings.add(new StatsWarning(StatsWarning.Kind.NO_BASELINE, null, baseline,
                    "the baseline runtime \"" + baseline + "\" has no samples: no overhead can be computed;"
                            + " rerun with the baseline included"));
        }
        for (MetricKey key : keys) {
            Map<String, List<Sample>> byRuntime = groups.get(key);
            Map<String, double[]> values = new LinkedHashMap<>();
            for (String runtime : runtimes) {
                List<Sample> group = byRuntime.get(runtime);
                if (group == null) {
                    continue;
                }
                double[] ok = group.stream().filter(Sample::ok).mapToDouble(Sample::value).toArray();
                int failures = group.size() - ok.length;
                Sample first = group.get(0);
                Bootstrap bootstrap = new Bootstrap(
                        Bootstrap.seedFor(options.seed(), "median/" + key + "/" + runtime), options.bootstrapResamples());
                SampleSummary summary = SampleSummary.of(key, runtime, first.unit(), first.direction(), ok, failures,
                        bootstrap, options.confidence());
                summaries.add(summary);
                values.put(runtime, ok);
                warnings.addAll(Warnings.forSummary(summary, group, options));
            }
            for (Comparison c : comparisons(runtimes, baseline)) {
                if (sorted.noRatio().contains(key)) {
                    break;
                }
                double[] base = values.get(c.reference());
                double[] arm = values.get(c.runtime());
                if (base == null || arm == null) {
                    continue;
                }
                Sample first = byRuntime.get(c.runtime()).get(0);
                Bootstrap bootstrap = new Bootstrap(
                        Bootstrap.seedFor(options.seed(), "overhead/" + key + "/" + c.runtime() + "/" + c.reference()),
                        options.bootstrapResamples());
                BlockPairs pairs = BlockPairs.of(byRuntime.get(c.runtime()), byRuntime.get(c.reference()));
                estimates.add(OverheadEstimate.withinBlocks(key, c.runtime(), c.reference(), pairs, arm, base,
                        first.unit(), first.direction(), bootstrap, options.confidence()));
            }
        }
        List<OverheadEstimate> overheads = adjust(estimates, o -> families.primary(o.key()));
        // the size of each family Holm corrected over: primaries, and secondaries
        Map<Boolean, Long> family = overheads.stream().filter(OverheadEstimate::tested)
                .collect(Collectors.partitioningBy(OverheadEstimate::primary, Collectors.counting()));
        for (OverheadEstimate o : overheads) {
            warnings.addAll(Warnings.forComparison(o, family.get(o.primary()).intValue(), options));
        }
        return new RunAnalysis(results, options, keys, runtimes, summaries, overheads, warnings, families);
    }

    /**
     * A comparison the run makes: {@code runtime} against {@code reference}.
     *
     * @param engines whether it compares one runtime through two engines (rather than two runtimes through one)
     */
    public record Comparison(String runtime, String reference, boolean engines) {}

    /**
     * What each arm is compared with (see {@link Arm}): every arm against the baseline runtime through the same
     * engine (so {@code runsc@cri} against {@code runc@cri}: what the runtime costs where a cluster runs it), and
     * every arm through another engine than the baseline's also against the same runtime through the baseline's
     * engine ({@code runsc@cri} against {@code runsc}: what the engine adds). Without the baseline runtime through
     * an arm's engine, the arm is compared with the baseline itself.
     */
    public static List<Comparison> comparisons(List<String> runtimes, String baseline) {
        Arm base = Arm.parse(baseline);
        List<Comparison> out = new ArrayList<>();
        for (String r : runtimes) {
            if (r.equals(baseline)) {
                continue;
            }
            Arm arm = Arm.parse(r);
            String sameEngine = base.through(arm.engine()).name();
            if (!sameEngine.equals(r)) {
                out.add(new Comparison(r, runtimes.contains(sameEngine) ? sameEngine : baseline, false));
            }
            String sameRuntime = arm.through(base.engine()).name();
            if (!arm.engine().equals(base.engine()) && runtimes.contains(sameRuntime)) {
                out.add(new Comparison(r, sameRuntime, true));
            }
        }
        return List.copyOf(out);
    }

    /** Whether the run measured some runtime through more than one engine. */
    public boolean comparesEngines() {
        return overheads.stream().anyMatch(o -> isEngineComparison(o));
    }

    /** Whether {@code o} compares one runtime through two engines. */
    public static boolean isEngineComparison(OverheadEstimate o) {
        Arm a = Arm.parse(o.runtime());
        Arm b = Arm.parse(o.reference());
        return a.runtime().equals(b.runtime()) && !a.engine().equals(b.engine());
    }

    /**
     * Applies Holm's correction over every comparison given (one family), and finds for each the best adjusted p
     * it could have had: its own p replaced by the smallest its sizes allow, the others unchanged. That tells a
     * comparison the data could not have decided from one the data did not decide.
     */
    static List<OverheadEstimate> adjust(List<OverheadEstimate> raw) {
        return adjust(raw, o -> true);
    }

    /**
     * Holm's correction within two families: the comparisons of primary metrics (the confirmatory claims) and
     * those of secondary metrics (descriptive), so that a run's many secondary figures cost its claims no power.
     */
    static List<OverheadEstimate> adjust(List<OverheadEstimate> raw, Predicate<OverheadEstimate> primary) {
        List<OverheadEstimate> out = new ArrayList<>(raw);
        for (boolean family : new boolean[] {true, false}) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < raw.size(); i++) {
                if (primary.test(raw.get(i)) == family) {
                    members.add(i);
                }
            }
            double[] p = members.stream().mapToDouble(i -> raw.get(i).test().pValue()).toArray();
            double[] adj = HolmCorrection.adjust(p);
            for (int k = 0; k < members.size(); k++) {
                OverheadEstimate o = raw.get(members.get(k));
                double best = Double.NaN;
                if (!Double.isNaN(p[k])) {
                    double[] floor = p.clone();
                    floor[k] = Math.min(p[k], o.test().smallestPossibleP());
                    best = HolmCorrection.adjust(floor)[k];
                }
                out.set(members.get(k), o.withAdjustedP(adj[k], best, family));
            }
        }
        return out;
    }

    private static List<MetricKey> orderedKeys(RunResults results, List<Sample> samples) {
        List<String> workloadOrder = results.config().workloads();
        Set<MetricKey> seen = new LinkedHashSet<>();
        samples.forEach(s -> seen.add(new MetricKey(s.workload(), s.metric())));
        List<MetricKey> keys = new ArrayList<>(seen);
        // configured order first (unknown workloads after), metrics in order of first appearance within a workload
        keys.sort(Comparator.comparingInt((MetricKey k) -> {
            int i = workloadOrder.indexOf(k.workload());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        return keys;
    }

    private static List<String> orderedRuntimes(RunResults results, List<Sample> samples) {
        Set<String> present = samples.stream().map(Sample::runtime).collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> out = new ArrayList<>();
        String baseline = results.config().baseline();
        if (present.contains(baseline)) {
            out.add(baseline);
        }
        for (String r : results.config().runtimes()) {
            if (present.contains(r) && !out.contains(r)) {
                out.add(r);
            }
        }
        for (String r : present) {
            if (!out.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    public String baseline() {
        return results.config().baseline();
    }

    public Optional<SampleSummary> summary(MetricKey key, String runtime) {
        return summaries.stream().filter(s -> s.key().equals(key) && s.runtime().equals(runtime)).findFirst();
    }

    public List<SampleSummary> summaries(MetricKey key) {
        return summaries.stream().filter(s -> s.key().equals(key)).toList();
    }

    /** The comparison of {@code runtime} with the baseline runtime (through its own engine where measured). */
    public Optional<OverheadEstimate> overhead(MetricKey key, String runtime) {
        return overheads.stream().filter(o -> o.key().equals(key) && o.runtime().equals(runtime))
                .filter(o -> !isEngineComparison(o) || Arm.runtimeOf(runtime).equals(Arm.runtimeOf(baseline())))
                .findFirst();
    }

    public List<OverheadEstimate> overheads(MetricKey key) {
        return overheads.stream().filter(o -> o.key().equals(key)).toList();
    }

    /** The unit and direction shown for a key, e.g. {@code ms} or {@code MiB/s, higher is better}. */
    public String unitLabel(MetricKey key) {
        return summaries(key).stream().findFirst()
                .map(s -> s.direction() == Direction.HIGHER_IS_BETTER ? s.unit() + ", higher is better" : s.unit())
                .orElse("");
    }

    /** A statement of the methods, for footers and reports. */
    public String methods() {
        long primaries = overheads.stream().filter(o -> o.tested() && o.primary()).count();
        long secondaries = overheads.stream().filter(o -> o.tested() && !o.primary()).count();
        String duplicates = families.duplicates().isEmpty() ? "" : " Left out as duplicates (every sample equal to"
                + " another metric's): " + families.duplicates().entrySet().stream()
                        .map(e -> e.getKey() + " (= " + e.getValue().metric() + ")").sorted()
                        .collect(Collectors.joining(", ")) + ".";
        return String.format(Locale.ROOT,
                "Percentiles: type 7 (R default). Comparisons are made within counterbalanced blocks (a short stretch"
                        + " in which every runtime measured the same workload in a balanced order); each block gives"
                        + " one log ratio log(median runtime / median %s) and one difference of medians. Ratio: exp of"
                        + " the Hodges-Lehmann estimate (median of the Walsh averages) of the block log ratios; above 1"
                        + " is worse (for higher-is-better metrics: %s over the runtime). Difference: Hodges-Lehmann"
                        + " estimate of the block differences, runtime - %s, in the metric's unit. Intervals: %.0f%%,"
                        + " from the Walsh averages at the ranks of the exact signed-rank distribution (inverting the"
                        + " test, as R's wilcox.test(conf.int = TRUE)); with fewer than %d blocks no such interval"
                        + " exists and a percentile bootstrap of the pooled medians (%,d resamples, seed %d; whole"
                        + " blocks from %d blocks on) is shown instead, with a warning. The ratio of the pooled medians"
                        + " is kept as a descriptive figure. Test: two-sided Wilcoxon signed-rank test on the block log"
                        + " ratios, exact also with ties (the permutation distribution of the signs over mid-ranks),"
                        + " zeros dropped; with n blocks no p can be below 2/2^n. Each workload's primary metric (its"
                        + " own headline figure, or the harness's time for a lifecycle phase) is a claim: Holm-corrected"
                        + " over the %d primary comparisons, alpha %.2f. The other metrics are descriptive, corrected"
                        + " within their own family of %d. A comparison whose smallest possible p could not pass its"
                        + " correction is reported as not testable, not as no difference. Effect size: the share of blocks in which"
                        + " the runtime was worse than %s (ties count half), with Wilson's %.0f%% interval. A warning"
                        + " flags blocks that disagree more (IQR of the log ratios) than the effect is large."
                        + " Outliers: |modified z| > %.1f (MAD), flagged, never dropped.%s",
                baseline(), baseline(), baseline(), options.confidence() * 100,
                HodgesLehmann.fewestFor(options.confidence()), options.bootstrapResamples(), options.seed(),
                OverheadEstimate.MIN_BLOCKS, primaries, options.alpha(), secondaries, baseline(),
                options.confidence() * 100, OutlierFlags.THRESHOLD, duplicates);
    }
}
