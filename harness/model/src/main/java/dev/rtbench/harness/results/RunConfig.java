package dev.rtbench.harness.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a run was asked to measure.
 *
 * @param runtimes   the runtimes in the run, baseline included
 * @param baseline   the runtime every other is compared against
 * @param workloads  the workloads in the run
 * @param profile    smoke, quick or full
 * @param image      the image the workloads ran in
 * @param roundOrder for each interleaving round, the order in which runtimes first ran in it
 * @param blocks     every counterbalanced block, with its workloads and runtime order
 * @param phaseCalls for each lifecycle phase, the OCI runtime calls (create, start, kill, delete, exec) that fall
 *                   inside it with this run's engine; empty when unknown
 */
public record RunConfig(
        List<String> runtimes,
        String baseline,
        List<String> workloads,
        String profile,
        String image,
        List<List<String>> roundOrder,
        List<BlockOrder> blocks,
        Map<String, String> phaseCalls) {

    public RunConfig {
        runtimes = List.copyOf(runtimes);
        workloads = List.copyOf(workloads);
        roundOrder = roundOrder == null ? List.of() : roundOrder.stream().map(List::copyOf).toList();
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
        phaseCalls = phaseCalls == null ? Map.of() : Collections.unmodifiableMap(
                new LinkedHashMap<>(phaseCalls));
    }
}
