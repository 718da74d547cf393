package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.BlockOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunPlanTest {

    private static final List<String> WORKLOADS = List.of("create", "start", "exec", "syscall");

    private static List<BlockOrder> rounds(RunPlan plan, int n) {
        List<BlockOrder> all = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            all.addAll(plan.round(r, all.size()));
        }
        return all;
    }

    @Test
    void twoRuntimesAlternateAbAndBaForEachWorkloadAndEveryBlockIsOneWorkload() {
        List<BlockOrder> blocks = rounds(new RunPlan(List.of("A", "B"), WORKLOADS, 42), 6);
        assertEquals(24, blocks.size());
        Map<String, List<String>> firstByWorkload = new HashMap<>();
        for (int i = 0; i < blocks.size(); i++) {
            BlockOrder b = blocks.get(i);
            assertEquals(i, b.index());
            assertEquals(i / 4, b.round());
            assertEquals(1, b.workloads().size());
            assertTrue(b.order().equals(List.of("A", "B")) || b.order().equals(List.of("B", "A")), b.order().toString());
            firstByWorkload.computeIfAbsent(b.workloads().get(0), k -> new ArrayList<>()).add(b.order().get(0));
        }
        // each workload's blocks go in cycles of two in which each runtime goes first once, the cycle's order drawn:
        // both AB-BA and BA-AB occur, so what comes next is not a fixed alternation
        java.util.Set<String> cycles = new java.util.HashSet<>();
        for (List<String> firsts : firstByWorkload.values()) {
            for (int r = 1; r < firsts.size(); r += 2) {
                assertNotEquals(firsts.get(r - 1), firsts.get(r), firsts.toString());
                cycles.add(firsts.get(r - 1) + firsts.get(r));
            }
        }
        assertEquals(java.util.Set.of("AB", "BA"), cycles);
        // each round measures every workload once
        for (int r = 0; r < 6; r++) {
            int round = r;
            assertEquals(WORKLOADS.stream().sorted().toList(), blocks.stream().filter(b -> b.round() == round)
                    .map(b -> b.workloads().get(0)).sorted().toList());
        }
    }

    @Test
    void threeRuntimesFollowABalancedLatinSquare() {
        List<List<Integer>> rows = RunPlan.williams(3);
        assertEquals(6, rows.size(), "odd n needs the square and its mirror");
        Map<String, Integer> firsts = new HashMap<>();
        Map<String, Integer> follows = new HashMap<>();
        for (List<Integer> row : rows) {
            firsts.merge("" + row.get(0), 1, Integer::sum);
            for (int i = 1; i < row.size(); i++) {
                follows.merge(row.get(i - 1) + ">" + row.get(i), 1, Integer::sum);
            }
        }
        assertEquals(Map.of("0", 2, "1", 2, "2", 2), firsts, "each first equally often");
        assertEquals(6, follows.size(), "every ordered pair occurs");
        assertTrue(follows.values().stream().allMatch(v -> v == 2), "and equally often: " + follows);

        List<List<Integer>> four = RunPlan.williams(4);
        assertEquals(4, four.size());
        Map<String, Integer> pairs = new HashMap<>();
        for (List<Integer> row : four) {
            for (int i = 1; i < row.size(); i++) {
                pairs.merge(row.get(i - 1) + ">" + row.get(i), 1, Integer::sum);
            }
        }
        assertEquals(12, pairs.size());
        assertTrue(pairs.values().stream().allMatch(v -> v == 1));
    }

    @Test
    void withThreeRuntimesEachWorkloadCyclesThroughEveryRowSoEachRuntimeGoesFirstEquallyOften() {
        List<BlockOrder> blocks = rounds(new RunPlan(List.of("A", "B", "C"), WORKLOADS, 7), 6);
        for (String w : WORKLOADS) {
            Map<String, Integer> firsts = new HashMap<>();
            blocks.stream().filter(b -> b.workloads().get(0).equals(w))
                    .forEach(b -> firsts.merge(b.order().get(0), 1, Integer::sum));
            assertEquals(Map.of("A", 2, "B", 2, "C", 2), firsts, w);
        }
    }

    @Test
    void thePlanIsDeterministicFromItsSeed() {
        assertEquals(rounds(new RunPlan(List.of("A", "B"), WORKLOADS, 99), 3),
                rounds(new RunPlan(List.of("A", "B"), WORKLOADS, 99), 3));
        assertNotEquals(rounds(new RunPlan(List.of("A", "B"), WORKLOADS, 99), 3),
                rounds(new RunPlan(List.of("A", "B"), WORKLOADS, 100), 3));
    }

    @Test
    void aWorkloadSomeArmsCannotMeasureIsBlockedOverTheOthersAlone() {
        Map<String, List<String>> armsOf = new java.util.LinkedHashMap<>();
        List<String> four = List.of("runc", "runsc", "runc@cri", "runsc@cri");
        armsOf.put("start", four);
        armsOf.put("wait", List.of("runc", "runsc"));
        armsOf.put("pod-sandbox-start", List.of("runc@cri", "runsc@cri"));
        List<BlockOrder> blocks = rounds(new RunPlan(armsOf, 7), 8);
        assertEquals(24, blocks.size());
        Map<String, Map<String, Integer>> firstCount = new HashMap<>();
        for (BlockOrder b : blocks) {
            String w = b.workloads().get(0);
            assertEquals(new java.util.HashSet<>(armsOf.get(w)), new java.util.HashSet<>(b.order()), b.toString());
            assertEquals(armsOf.get(w).size(), b.order().size(), b.toString());
            firstCount.computeIfAbsent(w, k -> new HashMap<>()).merge(b.order().get(0), 1, Integer::sum);
        }
        // over 8 rounds (two whole Williams squares of four), each of the four arms of start goes first twice
        assertEquals(Map.of("runc", 2, "runsc", 2, "runc@cri", 2, "runsc@cri", 2), firstCount.get("start"));
        assertEquals(Map.of("runc@cri", 4, "runsc@cri", 4), firstCount.get("pod-sandbox-start"));
        assertEquals(Map.of("runc", 4, "runsc", 4), firstCount.get("wait"));
    }

    @Test
    void thePlanOfOneArmSetIsThePlanItAlwaysWas() {
        Map<String, List<String>> armsOf = new java.util.LinkedHashMap<>();
        WORKLOADS.forEach(w -> armsOf.put(w, List.of("A", "B")));
        assertEquals(rounds(new RunPlan(List.of("A", "B"), WORKLOADS, 42), 4), rounds(new RunPlan(armsOf, 42), 4));
    }
}
