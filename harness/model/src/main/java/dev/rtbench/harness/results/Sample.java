package dev.rtbench.harness.results;

import java.util.Objects;

/**
 * One measured value: what a single timed operation (or the parse of its output) gave under one runtime.
 *
 * <p>A sample that did not complete keeps its place with {@code value = NaN} and a {@code failure} reason,
 * so that failures are counted, never silently dropped.
 *
 * @param runtime         the arm the sample was meant for ({@link Arm}): the runtime's daemon.json name through
 *                        dockerd ({@code runsc}), {@code runtime@engine} through another ({@code runsc@cri})
 * @param workload        the workload name (e.g. {@code run}, {@code syscall})
 * @param metric          what was measured (e.g. {@code time}, {@code per-op})
 * @param value           the measured value in {@code unit}; NaN when failed
 * @param unit            unit of {@code value} (e.g. {@code ms}, {@code us/op}, {@code MB/s})
 * @param direction       whether lower or higher values are better
 * @param round           interleaving round (0-based): a pass over every workload under every runtime
 * @param block           the counterbalanced block (0-based, see {@link BlockOrder}); samples of one block were
 *                        measured side by side, and comparisons are made within blocks
 * @param fork            the arm's position in its block's order (0-based): the field keeps the name it had when
 *                        each arm of a block ran in a JMH fork of its own
 * @param iteration       measurement iteration within the fork (0-based)
 * @param containerId     the container the sample ran in, or null
 * @param verifiedRuntime the runtime the daemon and the in-container proof agree on, or null if unverified
 * @param failure         why the sample failed, or null
 * @param interrupted     true if the run was interrupted while (or before) this sample completed
 */
public record Sample(
        String runtime,
        String workload,
        String metric,
        double value,
        String unit,
        Direction direction,
        int round,
        int block,
        int fork,
        int iteration,
        String containerId,
        String verifiedRuntime,
        String failure,
        boolean interrupted) {

    public Sample {
        Objects.requireNonNull(runtime, "runtime was not specified");
        Objects.requireNonNull(workload, "workload was not specified");
        Objects.requireNonNull(metric, "metric was not specified");
        Objects.requireNonNull(unit, "unit was not specified");
        Objects.requireNonNull(direction, "direction was not specified");
    }

    /** A sample counts in statistics only if it finished with a finite value. */
    public boolean ok() {
        return failure == null && Double.isFinite(value);
    }
}
