package dev.rtbench.harness.attribution;

import dev.rtbench.harness.attribution.Segments.Segment;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Timeline;
import dev.rtbench.harness.stats.Bootstrap;
import dev.rtbench.harness.stats.Interval;
import dev.rtbench.harness.stats.Quantiles;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.StatsOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where each phase's time went, per runtime, from the timelines of a run with {@code --attribute}: each
 * segment's median with a block-bootstrap interval, and its difference from the same segment under the arm the
 * run compares the runtime with (the baseline through the same engine), with its interval.
 *
 * <p>A sample that lacks a segment spent 0 ms in it, so every segment is estimated over the same samples.
 * Blocks are the unit of resampling, as in every other interval of a run (see {@link Bootstrap}).
 */
public record Attribution(List<PhaseAttribution> phases, List<PhaseAttribution> inside) {

    /**
     * @param phases each phase under each runtime, cut into the segments every runtime has ({@link Segments#of})
     * @param inside where a runtime logs its own milestones (gVisor), the verbs that hold them cut at them
     *               ({@link Segments#inside}): medians and intervals, no reference, since no other runtime has
     *               these parts
     */
    public Attribution {
        phases = List.copyOf(phases);
        inside = List.copyOf(inside);
    }

    public Attribution(List<PhaseAttribution> phases) {
        this(phases, List.of());
    }

    /** The inside of {@code runtime}'s verbs in {@code workload}, if it logged milestones there. */
    public Optional<PhaseAttribution> inside(String workload, String runtime) {
        return inside.stream().filter(p -> p.workload().equals(workload) && p.runtime().equals(runtime)).findFirst();
    }

    /** Whether the run traced anything. */
    public boolean isEmpty() {
        return phases.isEmpty();
    }

    /** The attribution of {@code workload} under {@code runtime}, if the run traced it. */
    public Optional<PhaseAttribution> phase(String workload, String runtime) {
        return phases.stream().filter(p -> p.workload().equals(workload) && p.runtime().equals(runtime)).findFirst();
    }

    /** The phases traced, in the run's order. */
    public List<String> workloads() {
        return phases.stream().map(PhaseAttribution::workload).distinct().toList();
    }

    public static Attribution of(RunResults r, StatsOptions options) {
        List<Timeline> ok = r.timelines().stream().filter(Timeline::ok).toList();
        if (ok.isEmpty()) {
            return new Attribution(List.of());
        }
        List<String> runtimes = r.config() == null ? ok.stream().map(Timeline::runtime).distinct().toList()
                : r.config().runtimes();
        Map<String, String> reference = new HashMap<>();
        if (r.config() != null && r.config().baseline() != null) {
            for (RunAnalysis.Comparison c : RunAnalysis.comparisons(runtimes, r.config().baseline())) {
                if (!c.engines()) {
                    reference.put(c.runtime(), c.reference());
                }
            }
        }
        Set<String> workloads = new LinkedHashSet<>();
        if (r.config() != null) {
            workloads.addAll(r.config().workloads());
        }
        ok.forEach(t -> workloads.add(t.workload()));
        List<PhaseAttribution> out = new ArrayList<>();
        List<PhaseAttribution> inside = new ArrayList<>();
        for (String w : workloads) {
            Map<String, List<Timeline>> byRuntime = new LinkedHashMap<>();
            for (String rt : runtimes) {
                List<Timeline> these = ok.stream().filter(t -> t.workload().equals(w) && t.runtime().equals(rt))
                        .toList();
                if (!these.isEmpty()) {
                    byRuntime.put(rt, these);
                }
            }
            if (byRuntime.isEmpty()) {
                continue;
            }
            List<String> order = order(byRuntime.values().stream().flatMap(List::stream).toList(), Segments::of);
            byRuntime.forEach((rt, these) -> {
                String ref = reference.get(rt);
                List<Timeline> refs = ref == null ? null : byRuntime.get(ref);
                out.add(estimate(w, rt, refs == null ? null : ref, these, refs, order, options, Segments::of));
                List<String> parts = order(these, Segments::inside);
                if (parts.size() > 1) {
                    inside.add(estimate(w, rt, null, these, null, parts, options, Segments::inside));
                }
            });
        }
        return new Attribution(out, inside);
    }

    private static PhaseAttribution estimate(String workload, String runtime, String ref, List<Timeline> these,
            List<Timeline> refs, List<String> order, StatsOptions o, Function<Timeline, List<Segment>> cut) {
        Map<Integer, List<Map<String, Double>>> mine = byBlock(these, cut);
        Map<Integer, List<Map<String, Double>>> theirs = refs == null ? Map.of() : byBlock(refs, cut);
        List<Integer> common = mine.keySet().stream().filter(theirs::containsKey).toList();
        List<SegmentEstimate> segments = new ArrayList<>();
        String key = workload + "/" + runtime + "/";
        for (String name : order) {
            List<double[]> x = values(mine, mine.keySet().stream().toList(), name);
            if (x.stream().allMatch(b -> allZero(b))) {
                continue;
            }
            double median = Quantiles.median(pool(x));
            Interval mi = new Bootstrap(Bootstrap.seedFor(o.seed(), key + name), o.bootstrapResamples())
                    .blockMedian(x, o.confidence());
            double diff = Double.NaN;
            Interval di = Interval.unknown(o.confidence());
            if (!common.isEmpty()) {
                List<double[]> xc = values(mine, common, name);
                List<double[]> yc = values(theirs, common, name);
                diff = Quantiles.median(pool(xc)) - Quantiles.median(pool(yc));
                di = new Bootstrap(Bootstrap.seedFor(o.seed(), key + name + "/diff"), o.bootstrapResamples())
                        .blockRatioAndDifference(xc, yc, o.confidence())[1];
            }
            segments.add(new SegmentEstimate(name, median, mi, diff, di));
        }
        List<double[]> phase = new ArrayList<>();
        Map<Integer, List<Timeline>> tb = new TreeMap<>();
        these.forEach(t -> tb.computeIfAbsent(t.block(), b -> new ArrayList<>()).add(t));
        tb.values().forEach(l -> phase.add(l.stream().mapToDouble(Timeline::phaseMs).toArray()));
        double phaseMedian = Quantiles.median(pool(phase));
        Interval pi = new Bootstrap(Bootstrap.seedFor(o.seed(), key + "phase"), o.bootstrapResamples())
                .blockMedian(phase, o.confidence());
        int incomplete = (int) these.stream().filter(t -> t.missing() != null).count();
        return new PhaseAttribution(workload, runtime, common.isEmpty() ? null : ref, these.size(), mine.size(),
                incomplete, phaseMedian, pi, segments);
    }

    /** Each block's samples, each sample's segments by name. */
    private static Map<Integer, List<Map<String, Double>>> byBlock(List<Timeline> ts,
            Function<Timeline, List<Segment>> cut) {
        Map<Integer, List<Map<String, Double>>> out = new TreeMap<>();
        for (Timeline t : ts) {
            Map<String, Double> m = new HashMap<>();
            for (Segment s : cut.apply(t)) {
                m.put(s.name(), s.ms());
            }
            out.computeIfAbsent(t.block(), b -> new ArrayList<>()).add(m);
        }
        return out;
    }

    private static List<double[]> values(Map<Integer, List<Map<String, Double>>> byBlock, List<Integer> blocks,
            String name) {
        List<double[]> out = new ArrayList<>();
        for (int b : blocks) {
            out.add(byBlock.get(b).stream().mapToDouble(m -> m.getOrDefault(name, 0.0)).toArray());
        }
        return out;
    }

    private static boolean allZero(double[] v) {
        for (double d : v) {
            if (d != 0) {
                return false;
            }
        }
        return true;
    }

    private static double[] pool(List<double[]> groups) {
        return groups.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    /**
     * One order of the segment names of many timelines: each name after the one it followed where first met, so
     * that a segment only one runtime has sits where it happens; {@link Segments#UNATTRIBUTED} last.
     */
    static List<String> order(List<Timeline> ts) {
        return order(ts, Segments::of);
    }

    private static List<String> order(List<Timeline> ts, Function<Timeline, List<Segment>> cut) {
        List<String> order = new ArrayList<>();
        for (Timeline t : ts) {
            String before = null;
            for (Segment s : cut.apply(t)) {
                if (s.name().equals(Segments.UNATTRIBUTED)) {
                    continue;
                }
                if (!order.contains(s.name())) {
                    order.add(before == null ? 0 : order.indexOf(before) + 1, s.name());
                }
                before = s.name();
            }
        }
        order.add(Segments.UNATTRIBUTED);
        return order;
    }
}
