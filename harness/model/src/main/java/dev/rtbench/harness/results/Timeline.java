package dev.rtbench.harness.results;

import java.util.List;
import java.util.Objects;

/**
 * What happened inside one timed phase of one sample (written only by a run with {@code --attribute}): the
 * phase's own start and end as the benchmark saw them, and the events between, all on one clock.
 *
 * <p>The sample it belongs to is found by the same place fields as in {@link Sample} (runtime, workload, block,
 * fork, iteration); {@code phaseMs} repeats the sample's time, so that what no event accounts for is computed
 * from the timeline alone.
 *
 * @param runtime     the arm
 * @param workload    the phase (e.g. {@code start})
 * @param round       as in {@link Sample}
 * @param block       as in {@link Sample}
 * @param fork        as in {@link Sample}
 * @param iteration   as in {@link Sample}
 * @param containerId the container the phase acted on, or null
 * @param startMicros when the benchmark sent the phase's call ({@link #CLOCK})
 * @param endMicros   when the call's answer came back
 * @param phaseMs     the sample's measured time, NaN when the sample failed
 * @param events      what the tracing saw between start and end, in time order
 * @param missing     what could not be traced in this sample and why, or null
 */
public record Timeline(
        String runtime,
        String workload,
        int round,
        int block,
        int fork,
        int iteration,
        String containerId,
        long startMicros,
        long endMicros,
        double phaseMs,
        List<TimelineEvent> events,
        String missing) {

    /** The clock of every timestamp in a timeline: the host's, so that the wrapper, containerd and rtbench agree. */
    public static final String CLOCK = "host realtime clock (CLOCK_REALTIME), microseconds since the Unix epoch";

    public Timeline {
        Objects.requireNonNull(runtime, "runtime was not specified");
        Objects.requireNonNull(workload, "workload was not specified");
        events = events == null ? List.of() : List.copyOf(events);
        if (endMicros < startMicros) {
            throw new IllegalArgumentException("the timeline of " + workload + " under " + runtime
                    + " ends before it starts");
        }
    }

    /** Now on {@link #CLOCK}: what the benchmarks stamp a call's window with, and the tracing waits against. */
    public static long nowMicros() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    /** The phase's length as the timeline's own clock measured it, in ms. */
    public double spanMs() {
        return (endMicros - startMicros) / 1000.0;
    }

    /** Whether the sample measured a time the segments can be set against. */
    public boolean ok() {
        return Double.isFinite(phaseMs);
    }
}
