package dev.rtbench.bench.jmh;

import java.util.List;

/**
 * What a benchmark invocation knows besides its time, handed to the run beside JMH's score: which container it
 * used, whether its runtime was verified, why it failed, and the figures the workload reported itself.
 *
 * @param benchmark       the benchmark class's simple name, e.g. {@code LifecycleBench}
 * @param runtime         the runtime parameter
 * @param workload        the workload parameter
 * @param warmup          whether this was a warm-up iteration (not a sample)
 * @param containerId     the container, or null
 * @param verifiedRuntime the runtime the daemon and the proof agree on, or null
 * @param failure         why the invocation failed, or null
 * @param extra           figures the workload reported itself (e.g. per-operation time)
 * @param harnessMs       for an exec, the time from creating the exec to the end of its output minus the time
 *                        the workload measured inside the container: what the exec path adds; NaN otherwise
 * @param window          when the timed call was sent and answered, for {@code --attribute}'s timeline; null for a
 *                        benchmark that times no single engine call
 */
public record InvocationRecord(
        String benchmark,
        String runtime,
        String workload,
        boolean warmup,
        String containerId,
        String verifiedRuntime,
        String failure,
        List<Figure> extra,
        double harnessMs,
        Window window) {

    public InvocationRecord {
        extra = extra == null ? List.of() : List.copyOf(extra);
    }

    /** A record without a window. */
    public InvocationRecord(String benchmark, String runtime, String workload, boolean warmup, String containerId,
            String verifiedRuntime, String failure, List<Figure> extra, double harnessMs) {
        this(benchmark, runtime, workload, warmup, containerId, verifiedRuntime, failure, extra, harnessMs, null);
    }

    /**
     * The timed call's start and end on the host's realtime clock, in microseconds since the epoch: the clock the
     * tracing wrapper and containerd stamp their events with ({@code Timeline.CLOCK}).
     */
    public record Window(long startMicros, long endMicros) {}

    /** One figure a workload printed about itself. */
    public record Figure(String metric, double value, String unit, boolean higherIsBetter) {}
}
