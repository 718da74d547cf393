package dev.rtbench.bench.jmh;

import java.util.List;

/**
 * What a benchmark invocation knows besides its time, written by the JMH fork to a side file and merged with
 * JMH's scores by the run: which container it used, whether its runtime was verified, why it failed, and the
 * figures the workload reported itself.
 *
 * @param benchmark     the benchmark method's class simple name, e.g. {@code LifecycleBench}
 * @param runtime       the runtime parameter
 * @param workload      the workload parameter
 * @param pid           the fork's process id: tells forks apart, in the order they ran
 * @param warmup        whether this was a warm-up iteration (not a sample)
 * @param containerId   the container, or null
 * @param verifiedRuntime the runtime the daemon and the proof agree on, or null
 * @param failure       why the invocation failed, or null
 * @param extra         figures the workload reported itself (e.g. per-operation time)
 */
public record InvocationRecord(
        String benchmark,
        String runtime,
        String workload,
        long pid,
        boolean warmup,
        String containerId,
        String verifiedRuntime,
        String failure,
        List<Figure> extra) {

    public InvocationRecord {
        extra = extra == null ? List.of() : List.copyOf(extra);
    }

    /** One figure a workload printed about itself. */
    public record Figure(String metric, double value, String unit, boolean higherIsBetter) {}
}
