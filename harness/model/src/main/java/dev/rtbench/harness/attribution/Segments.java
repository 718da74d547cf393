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
 * and answer ({@link #REPLY}) are the first and the last. The time between two boundaries goes to the OCI verb or
 * CNI plugin running then, the innermost where calls nest ({@code OCI create}: the runtime's own time;
 * {@code CNI ADD host-local} inside {@code CNI ADD bridge}), or, with none running, to the gap between the two
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
    /** Between a verb's name and the part of it in {@link #inside}'s segments. */
    public static final String WITHIN = " · ";
    /** The verb's own begin and end in {@link #inside}'s segments. */
    public static final String BEGIN = "begin";
    public static final String END = "end";
    /** The prefix of a segment spent inside a CNI plugin (the pod network's ADD or DEL). */
    public static final String CNI_PREFIX = "CNI ";

    private Segments() {}

    /** One named part of a phase and its time. */
    public record Segment(String name, double ms) {}

    private enum Edge { END, POINT, BEGIN }

    /** @param inside the name of the time spent inside the interval this boundary opens or closes */
    private record Boundary(long micros, Edge edge, String label, String inside) {}

    /** The timeline's segments in time order, each name once; {@link #UNATTRIBUTED} last when it is not 0. */
    public static List<Segment> of(Timeline t) {
        List<Boundary> bounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (TimelineEvent e : t.events().stream().sorted(Comparator.comparingLong(TimelineEvent::beginMicros))
                .toList()) {
            if (e.source().equals(TimelineEvent.GVISOR)) {
                // inside the runtime's verb: split there by inside(), so that the phase's segments stay those
                // every runtime has
                continue;
            }
            long begin = Math.max(e.beginMicros(), t.startMicros());
            long end = Math.min(e.endMicros(), t.endMicros());
            if (end < begin || e.endMicros() < t.startMicros() || e.beginMicros() > t.endMicros()) {
                continue;
            }
            String label = label(e);
            int n = seen.merge(label, 1, Integer::sum);
            String named = n == 1 ? label : label + "#" + n;
            if (e.point()) {
                bounds.add(new Boundary(begin, Edge.POINT, named, null));
            } else {
                String inside = e.source().equals(TimelineEvent.OCI) ? OCI_PREFIX + named : named;
                bounds.add(new Boundary(begin, Edge.BEGIN, named, inside));
                bounds.add(new Boundary(end, Edge.END, named, inside));
            }
        }
        // at one instant a verb that ends comes before an event and a verb that begins, so no segment runs backwards
        bounds.sort(Comparator.comparingLong(Boundary::micros).thenComparing(Boundary::edge));
        bounds.add(new Boundary(t.endMicros(), Edge.POINT, REPLY, null));
        Map<String, Long> micros = new LinkedHashMap<>();
        Deque<String> running = new ArrayDeque<>();
        long cursor = t.startMicros();
        String previous = REQUEST;
        for (Boundary b : bounds) {
            long d = b.micros() - cursor;
            if (d > 0) {
                String name = running.isEmpty() ? previous + " → " + b.label() : running.peek();
                micros.merge(name, d, Long::sum);
            }
            switch (b.edge()) {
                case BEGIN -> running.push(b.inside());
                case END -> running.remove(b.inside());
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

    /**
     * The inside of the OCI verbs that hold a runtime's own milestones ({@link TimelineEvent#GVISOR}): for each
     * such verb, each milestone's time since the verb began ({@code OCI create · begin → sandbox spawned}), and the
     * verb's whole time ({@code OCI create · begin → end}). Times since the verb's begin, not the gaps between
     * milestones: the gofer and the sandbox start side by side, so the order of their milestones varies from sample
     * to sample, and a gap named after its two ends would too. A milestone met twice in a verb counts once, its
     * first time. A verb without milestones is not listed; a milestone outside every verb (the sandbox's own work
     * after {@code create} returned) is not placed.
     */
    public static List<Segment> inside(Timeline t) {
        List<TimelineEvent> marks = t.events().stream().filter(e -> e.source().equals(TimelineEvent.GVISOR))
                .filter(e -> e.beginMicros() >= t.startMicros() && e.beginMicros() <= t.endMicros())
                .sorted(Comparator.comparingLong(TimelineEvent::beginMicros)).toList();
        if (marks.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> seen = new HashMap<>();
        Map<String, Long> micros = new LinkedHashMap<>();
        for (TimelineEvent v : t.events().stream().filter(e -> e.source().equals(TimelineEvent.OCI))
                .sorted(Comparator.comparingLong(TimelineEvent::beginMicros)).toList()) {
            long begin = Math.max(v.beginMicros(), t.startMicros());
            long end = Math.min(v.endMicros(), t.endMicros());
            if (end < begin || v.endMicros() < t.startMicros() || v.beginMicros() > t.endMicros()) {
                continue;
            }
            int n = seen.merge(v.name(), 1, Integer::sum);
            String verb = OCI_PREFIX + (n == 1 ? v.name() : v.name() + "#" + n) + WITHIN + BEGIN + " → ";
            List<TimelineEvent> in = marks.stream().filter(m -> m.beginMicros() >= begin && m.beginMicros() <= end)
                    .toList();
            if (in.isEmpty()) {
                continue;
            }
            for (TimelineEvent m : in) {
                micros.putIfAbsent(verb + m.name(), m.beginMicros() - begin);
            }
            micros.put(verb + END, end - begin);
        }
        List<Segment> out = new ArrayList<>();
        micros.forEach((name, d) -> out.add(new Segment(name, d / 1000.0)));
        return out;
    }

    /**
     * How an event is named in its segments: an OCI verb by itself, a containerd topic without its slash, a CNI
     * plugin's call with {@link #CNI_PREFIX} ({@code CNI ADD bridge}).
     */
    static String label(TimelineEvent e) {
        if (e.source().equals(TimelineEvent.CNI)) {
            return CNI_PREFIX + e.name();
        }
        return e.source().equals(TimelineEvent.CONTAINERD) && e.name().startsWith("/") ? e.name().substring(1)
                : e.name();
    }
}
