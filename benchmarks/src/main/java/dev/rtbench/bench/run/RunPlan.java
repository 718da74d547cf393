package dev.rtbench.bench.run;

import dev.rtbench.harness.results.BlockOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The order in which a run measures: pure and deterministic from the run's seed, so a plan can be checked
 * without Docker and rerun exactly ({@code run --seed}).
 *
 * <p>A round is one block per workload, the workloads in an order shuffled per round. A block measures one
 * workload once under every runtime, in the order of a row of a balanced Latin square (Williams design: over the
 * rows each runtime comes first, and follows every other, equally often). Each workload goes through the rows in
 * cycles, each cycle a random permutation of them: every order comes equally often per workload, and which comes
 * next is not predictable (for two runtimes a cycle is {@code A B, B A} or {@code B A, A B}, drawn). A fixed
 * alternation would be confounded with anything that alternates too. Blocks are short (seconds), so the slow
 * drift of a shared machine, which made whole-round blocks disagree by 2x, is nearly constant inside each one and
 * drops out of the within-block comparison.
 *
 * <p>Why one sample per runtime per block rather than a mirrored {@code A B B A}: the analysis takes the block as
 * its unit (a per-block ratio), since a runtime's effect itself varies from block to block on a shared machine;
 * its test needs many blocks, and a mirror would double the cost of each.
 */
public final class RunPlan {

    /** per workload, the runtimes (arms) that measure it, in the run's order */
    private final Map<String, List<String>> armsOf;
    private final List<String> workloads;
    private final Random random;
    /** per workload, the blocks it has had, and the rows of its current cycle in their drawn order */
    private final Map<String, Integer> had = new HashMap<>();
    private final Map<String, List<Integer>> cycleRows = new HashMap<>();

    /**
     * @param runtimes  the runtimes, baseline first
     * @param workloads the workloads, each measured in a block of its own
     * @param seed      fixes the shuffles; the run derives it from its id
     */
    public RunPlan(List<String> runtimes, List<String> workloads, long seed) {
        this(every(runtimes, workloads), seed);
    }

    /**
     * A plan in which a workload may be measured by some of the runtimes only: a run through two engines measures
     * a pod phase only through CRI. Each workload's blocks follow a Williams design over its own runtimes.
     *
     * @param armsOf each workload, in the run's order, with the runtimes that measure it
     */
    public RunPlan(Map<String, List<String>> armsOf, long seed) {
        if (armsOf.isEmpty() || armsOf.values().stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("a plan needs at least one runtime and one workload");
        }
        this.armsOf = new LinkedHashMap<>();
        armsOf.forEach((w, arms) -> this.armsOf.put(w, List.copyOf(arms)));
        this.workloads = List.copyOf(armsOf.keySet());
        this.random = new Random(seed);
    }

    private static Map<String, List<String>> every(List<String> runtimes, List<String> workloads) {
        if (runtimes.isEmpty() || workloads.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one runtime and one workload");
        }
        Map<String, List<String>> m = new LinkedHashMap<>();
        workloads.forEach(w -> m.put(w, runtimes));
        return m;
    }

    /** The blocks of round {@code round}, numbered from {@code firstIndex}. */
    public List<BlockOrder> round(int round, int firstIndex) {
        return round(round, firstIndex, Set.copyOf(workloads));
    }

    /**
     * The blocks of round {@code round} for the workloads still sampled ({@code active}), numbered from
     * {@code firstIndex}. A workload that stops being sampled stops for good, after a whole cycle of its rows
     * ({@link #cycle}), so the blocks it got stay balanced; the shuffle is drawn over every workload either way,
     * so a plan is the same whichever stop.
     */
    public List<BlockOrder> round(int round, int firstIndex, Set<String> active) {
        List<String> order = new ArrayList<>(workloads);
        Collections.shuffle(order, random);
        order.retainAll(active);
        List<BlockOrder> blocks = new ArrayList<>();
        for (String w : order) {
            List<String> arms = armsOf.get(w);
            List<List<Integer>> rows = williams(arms.size());
            int k = had.merge(w, 1, Integer::sum) - 1;
            if (k % rows.size() == 0) {
                List<Integer> drawn = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    drawn.add(i);
                }
                Collections.shuffle(drawn, random);
                cycleRows.put(w, drawn);
            }
            List<Integer> row = rows.get(cycleRows.get(w).get(k % rows.size()));
            List<String> sequence = row.stream().map(arms::get).toList();
            blocks.add(new BlockOrder(firstIndex + blocks.size(), round, List.of(w), sequence));
        }
        return blocks;
    }

    /** The workloads of the plan, in the run's order. */
    public List<String> workloads() {
        return workloads;
    }

    /** How many blocks make one whole cycle of a workload's orders: after it, each runtime came first equally often. */
    public int cycle(String workload) {
        return williams(armsOf.get(workload).size()).size();
    }

    /**
     * The rows of a Williams design for {@code n} treatments: for even n, n rows in which each treatment is in
     * each position once and follows each other treatment once; for odd n, those n rows and their mirrors.
     */
    static List<List<Integer>> williams(int n) {
        List<Integer> first = new ArrayList<>();
        // 0, 1, n-1, 2, n-2, ...: the standard first row
        for (int i = 0, lo = 1, hi = n - 1; i < n; i++) {
            if (i == 0) {
                first.add(0);
            } else if (i % 2 == 1) {
                first.add(lo++);
            } else {
                first.add(hi--);
            }
        }
        List<List<Integer>> rows = new ArrayList<>();
        for (int shift = 0; shift < n; shift++) {
            List<Integer> row = new ArrayList<>();
            for (int x : first) {
                row.add((x + shift) % n);
            }
            rows.add(List.copyOf(row));
        }
        if (n % 2 == 1 && n > 1) {
            for (int r = 0; r < n; r++) {
                List<Integer> mirror = new ArrayList<>(rows.get(r));
                Collections.reverse(mirror);
                rows.add(List.copyOf(mirror));
            }
        }
        return List.copyOf(rows);
    }
}
