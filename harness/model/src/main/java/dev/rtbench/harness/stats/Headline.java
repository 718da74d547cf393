package dev.rtbench.harness.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader sees first: the run's decisions by workload class, and the few rows a headline chart can hold.
 *
 * <p>A default run's forest plot of every metric had 95 rows (6,768 pixels): nobody reads that at a README's
 * width. The claims are the primary metrics, one per workload, so the headline is those, grouped by class
 * (lifecycle, CPU, memory, system calls, processes, files, storage, network, density, bursts) in the order of
 * {@link WorkloadClass}. A chart keeps at most {@link #MAX_ROWS} workloads: when a run has more, each class gives
 * its standard workload first, then its next, in turn, so that no class is crowded out by another's many
 * variants; the full forest plot stays in the report's appendix.
 *
 * @param lines every primary comparison of the run, grouped by class
 * @param rows  the workloads' primary keys the headline chart shows, grouped by class, at most {@link #MAX_ROWS}
 * @param left  the primary keys with a comparison that the chart left out for room
 */
public record Headline(List<Line> lines, List<MetricKey> rows, List<MetricKey> left) {

    /** Rows a headline chart holds and stays legible at about 900 pixels wide. */
    public static final int MAX_ROWS = 25;

    /** One decision: a primary comparison and its workload's class. */
    public record Line(String workloadClass, OverheadEstimate comparison) {}

    public Headline {
        lines = List.copyOf(lines);
        rows = List.copyOf(rows);
        left = List.copyOf(left);
    }

    public static Headline of(RunAnalysis a) {
        return of(a, MAX_ROWS);
    }

    static Headline of(RunAnalysis a, int maxRows) {
        List<MetricKey> keys = a.keys().stream().filter(k -> a.families().primary(k))
                .filter(k -> !a.overheads(k).isEmpty()).sorted(BY_CLASS).toList();
        List<Line> lines = new ArrayList<>();
        for (MetricKey k : keys) {
            // the run's comparison order within a key: each runtime against the baseline, then the engines
            a.overheads(k).forEach(o -> lines.add(new Line(WorkloadClass.of(k.workload()), o)));
        }
        List<MetricKey> rows = pick(keys, maxRows);
        List<MetricKey> left = keys.stream().filter(k -> !rows.contains(k)).toList();
        return new Headline(lines, rows, left);
    }

    /** The lines of one class, in order. */
    public Map<String, List<Line>> byClass() {
        Map<String, List<Line>> out = new LinkedHashMap<>();
        lines.forEach(l -> out.computeIfAbsent(l.workloadClass(), c -> new ArrayList<>()).add(l));
        return out;
    }

    /** Up to {@code max} keys, a class's next workload from each class in turn, returned in class order. */
    private static List<MetricKey> pick(List<MetricKey> keys, int max) {
        if (keys.size() <= max) {
            return keys;
        }
        Map<String, List<MetricKey>> byClass = new LinkedHashMap<>();
        keys.forEach(k -> byClass.computeIfAbsent(WorkloadClass.of(k.workload()), c -> new ArrayList<>()).add(k));
        List<MetricKey> chosen = new ArrayList<>();
        for (int turn = 0; chosen.size() < max; turn++) {
            for (List<MetricKey> members : byClass.values()) {
                if (turn < members.size() && chosen.size() < max) {
                    chosen.add(members.get(turn));
                }
            }
        }
        return keys.stream().filter(chosen::contains).toList();
    }

    /** By class, then by the workload's place in its class, then by name (pod phases, bursts, the user's own). */
    static final Comparator<MetricKey> BY_CLASS = Comparator
            .<MetricKey>comparingInt(k -> WorkloadClass.rank(k.workload())[0])
            .thenComparingInt(k -> WorkloadClass.rank(k.workload())[1])
            .thenComparing(k -> burstSize(k.workload()))
            .thenComparing(MetricKey::workload);

    /** Bursts sort by size, not by name (burst-16 after burst-4). */
    private static int burstSize(String workload) {
        return workload.matches("burst-[1-9][0-9]*") ? Integer.parseInt(workload.substring(6)) : 0;
    }
}
