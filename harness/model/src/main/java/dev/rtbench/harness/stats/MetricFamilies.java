package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which figures of a run are claims and which describe them.
 *
 * <p>A workload reports several figures; treating all of them as equal claims made the Holm family 95
 * comparisons, many of them near-copies (|r| above 0.9), and diluted the power of each. Now:
 * <ul>
 *   <li>each workload has one <b>primary</b> metric, its own headline figure: the first figure the workload
 *       reports besides the harness's wall time {@code time} (events/s, IOPS, requests/s, a p50, the start of a
 *       burst, PSS per container), or {@code time} itself for a lifecycle phase, where the harness's timing is the
 *       figure. The primaries form the confirmatory family of Holm's correction;
 *   <li>every other metric is <b>secondary</b>: it gets an interval and a p adjusted within its own family, and
 *       is marked descriptive;
 *   <li>a metric whose every sample equals another metric's sample of the same workload (a burst of one
 *       container's start-median and start-max) is a <b>duplicate</b> and is not compared at all.
 * </ul>
 *
 * @param primaries  one key per workload
 * @param duplicates each duplicate key with the key it copies
 */
public record MetricFamilies(Set<MetricKey> primaries, Map<MetricKey, MetricKey> duplicates) {

    /** The harness's wall time of a sample, which every workload reports. */
    public static final String WALL_TIME = "time";

    public MetricFamilies {
        primaries = Set.copyOf(primaries);
        duplicates = Map.copyOf(duplicates);
    }

    /** From the samples in the run's order (a workload's figures in the order it reports them). */
    public static MetricFamilies of(List<Sample> samples) {
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        Map<MetricKey, Map<String, Double>> values = new HashMap<>();
        for (Sample s : samples) {
            metrics.computeIfAbsent(s.workload(), w -> new LinkedHashSet<>()).add(s.metric());
            String slot = s.runtime() + "/" + s.block() + "/" + s.fork() + "/" + s.iteration() + "/" + s.unit();
            values.computeIfAbsent(new MetricKey(s.workload(), s.metric()), k -> new HashMap<>())
                    .put(slot, s.value());
        }
        Set<MetricKey> primaries = new LinkedHashSet<>();
        Map<MetricKey, MetricKey> duplicates = new LinkedHashMap<>();
        metrics.forEach((workload, names) -> {
            String primary = names.stream().filter(m -> !m.equals(WALL_TIME)).findFirst().orElse(WALL_TIME);
            primaries.add(new MetricKey(workload, primary));
            List<MetricKey> kept = new ArrayList<>();
            for (String m : names) {
                MetricKey key = new MetricKey(workload, m);
                MetricKey same = kept.stream().filter(k -> identical(values.get(k), values.get(key))).findFirst()
                        .orElse(null);
                if (same != null && !key.metric().equals(primary)) {
                    duplicates.put(key, same);
                } else {
                    kept.add(key);
                }
            }
        });
        return new MetricFamilies(primaries, duplicates);
    }

    /** Whether every slot has the same value (and unit) in both; NaN (failed) samples count as equal. */
    private static boolean identical(Map<String, Double> a, Map<String, Double> b) {
        if (a.size() != b.size() || a.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Double> e : a.entrySet()) {
            Double other = b.get(e.getKey());
            if (other == null || !(Objects.equals(e.getValue(), other))) {
                return false;
            }
        }
        return true;
    }

    public boolean primary(MetricKey key) {
        return primaries.contains(key);
    }

    public boolean duplicate(MetricKey key) {
        return duplicates.containsKey(key);
    }
}
