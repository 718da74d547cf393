package dev.rtbench.harness.results;

import java.util.Objects;

/**
 * One thing that happened inside a timed phase, on the timeline's clock ({@link Timeline#CLOCK}): an interval (an
 * OCI runtime's verb, from its start to its exit) or a point ({@code begin == end}: an engine's event).
 *
 * @param name   what happened: the OCI verb ({@code create}), the engine's event topic ({@code /tasks/start}), the
 *               CNI command and plugin ({@code ADD bridge})
 * @param source who saw it: {@link #OCI} (rtbench's tracing wrapper around the runtime's binary), {@link #CNI} (its
 *               wrapper around a CNI plugin), {@link #GVISOR} (runsc's log) or {@link #CONTAINERD} (containerd's
 *               events API)
 * @param beginMicros when it began, microseconds since the Unix epoch
 * @param endMicros   when it ended; equal to {@code beginMicros} for a point
 */
public record TimelineEvent(String name, String source, long beginMicros, long endMicros) {

    /** The tracing wrapper's record of an OCI verb: from the runtime's start to its exit. */
    public static final String OCI = "oci";
    /** The tracing wrapper's record of a CNI plugin's call: from the plugin's start to its exit. */
    public static final String CNI = "cni";
    /**
     * A milestone inside gVisor's sandbox (a point), from {@code runsc}'s own log with its timestamp: the sandbox
     * and gofer processes started, the sentry's kernel made, the first application process started.
     */
    public static final String GVISOR = "gvisor";
    /** An event containerd published, with containerd's own timestamp. */
    public static final String CONTAINERD = "containerd";

    public TimelineEvent {
        Objects.requireNonNull(name, "an event needs a name");
        Objects.requireNonNull(source, "an event needs a source");
        if (endMicros < beginMicros) {
            throw new IllegalArgumentException("event " + name + " ends before it begins");
        }
    }

    public boolean point() {
        return beginMicros == endMicros;
    }
}
