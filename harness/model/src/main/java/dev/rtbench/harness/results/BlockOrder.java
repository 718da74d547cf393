package dev.rtbench.harness.results;

import java.util.List;

/**
 * One counterbalanced block of a run: a short stretch of time in which every runtime measured the same
 * workload(s), in the order given. Runtimes are compared inside blocks, so drift of the machine between blocks
 * cancels out of the comparison.
 *
 * @param index     the block's index in the run (0-based); {@link Sample#block()} refers to it
 * @param round     the pass over all workloads the block belongs to (adaptive sampling adds passes)
 * @param workloads the workloads measured in the block
 * @param order     the runtimes in the order they ran; a runtime may appear more than once (ABBA)
 */
public record BlockOrder(int index, int round, List<String> workloads, List<String> order) {

    public BlockOrder {
        workloads = List.copyOf(workloads);
        order = List.copyOf(order);
    }
}
