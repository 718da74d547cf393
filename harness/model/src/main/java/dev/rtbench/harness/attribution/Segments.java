package dev.rtbench.harness.attribution;

import dev.rtbench.harness.results.Timeline;
import dev.rtbench.harness.results.TimelineEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a timeline into named segments that sum to the phase.
 *
 * <p>Every event's begin and end (a point's one instant) is a boundary; the phase's own call ({@link #REQUEST})
 * and answer ({@link #REPLY}) are the first and the last. The time between two boundaries goes to the OCI verb
 * running then ({@code OCI create}: the runtime's own time), or, with none running, to the gap between the two
 * boundaries, named after them ({@code create → tasks/create}: from the runtime's exit to containerd's event;
 * {@code request → create}: the engine's time before it calls the runtime). A verb called twice in one phase is
 * named twice ({@code kill}, {@code kill#2}); a segment met twice in one sample is summed.
 *
 * <p>The segments of a timeline sum to its span exactly, and {@link #UNATTRIBUTED} holds the rest of the
 * sample's measured time: what lies outside the timeline's own start and end. Nothing is left out.
 */
public final class Segments {

    /** The boundary of the phase's call: rtbench sends it. */
    public static final String REQUEST = "request";
    /** The boundary of the phase's answer: rtbench has it. */
    public static final String REPLY = "reply";
    /** The sample's measured time that lies outside its timeline (the benchmark's own framing of the call). */
    public static final String UNATTRIBUTED = "unattributed";
    /** The prefix of a segment spent inside an OCI runtime's verb. */
    public static final String OCI_PREFIX = "OCI ";

    private Segments() {}

    /** One named part of a phase and its time. */
    public record Segment(String name, double ms) {}

    private enum Edge { END, POINT, BEGIN }

    private record Boundary(long micros, Edge edge, String label) {}

    /** The timeline's segments in time order, each name once; {@link #UNATTRIBUTED} last when it is not 0. */
    public static List<Segment> of(Timeline t) {
        List<Boundary> bounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (TimelineEvent e : t.events().stream().sorted(Comparator.comparingLong(TimelineEvent::beginMicros))
                .toList()) {
            long begin = Math.max(e.beginMicros(), t.startMicros());
            long end = Math.min(e.endMicros(), t.endMicros());
            if (end < begin || e.endMicros() < t.startMicros() || e.beginMicros() > t.endMicros()) {
                continue;
            }
            String label = label(e);
            int n = seen.merge(label, 1, Integer::sum);
            String named = n == 1 ? label : label + "#" + n;
            if (e.point()) {
                bounds.add(new Boundary(begin, Edge.POINT, named));
            } else {
                bounds.add(new Boundary(begin, Edge.BEGIN, named));
                bounds.add(new Boundary(end, Edge.END, named));
            }
        }
        // at one instant a verb that ends comes before an event and a verb that begins, so no segment runs backwards
        bounds.sort(Comparator.comparingLong(Boundary::micros).thenComparing(Boundary::edge));
        bounds.add(new Boundary(t.endMicros(), Edge.POINT, REPLY));
        Map<String, Long> micros = new LinkedHashMap<>();
        Deque<String> running = new ArrayDeque<>();
        long cursor = t.startMicros();
        String previous = REQUEST;
        for (Boundary b : bounds) {
            long d = b.micros() - cursor;
            if (d > 0) {
                String name = running.isEmpty() ? previous + " → " + b.label() : OCI_PREFIX + running.peek();
                micros.merge(name, d, Long::sum);
            }
            switch (b.edge()) {
                case BEGIN -> running.push(b.label());
                case END -> running.remove(b.label());
                case POINT -> { }
            }
            previous = b.label();
            cursor = b.micros();
        }
        List<Segment> out = new ArrayList<>();
        micros.forEach((name, d) -> out.add(new Segment(name, d / 1000.0)));
        if (t.ok()) {
            double outside = t.phaseMs() - t.spanMs();
            if (outside != 0) {
                out.add(new Segment(UNATTRIBUTED, outside));
            }
        }
        return out;
    }

    /** How an event is named in its segments: an OCI verb by itself, a containerd topic without its slash. */
    static String label(TimelineEvent e) {
        return e.source().equals(TimelineEvent.CONTAINERD) && e.name().startsWith("/") ? e.name().substring(1)
                : e.name();
    }
}
