package dev.rtbench.harness.report;

import dev.rtbench.harness.attribution.Attribution;
import dev.rtbench.harness.attribution.PhaseAttribution;
import dev.rtbench.harness.attribution.SegmentEstimate;
import dev.rtbench.harness.attribution.Segments;
import dev.rtbench.harness.chart.ChartFile;
import dev.rtbench.harness.chart.ChartRenderer;
import dev.rtbench.harness.chart.WaterfallChart;
import dev.rtbench.harness.results.Timeline;
import dev.rtbench.harness.stats.Interval;
import dev.rtbench.harness.stats.MetricFamilies;
import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunAnalysis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * "Where the time goes": for a run that traced its phases ({@code --attribute}), each traced phase cut into segments
 * per runtime, with its waterfall chart, a table of segment medians and differences, and a sentence per runtime
 * naming the segments that hold its extra time. Nothing at all for a run without timelines.
 */
final class AttributionSection {

    static final String HEADING = "Where the time goes";
    /** The paragraph before the table of gVisor's inside. */
    static final String INSIDE = "Inside gVisor";
    /** Segments named per runtime and phase: a reader looks for the few that matter, the table has them all. */
    static final int LARGEST = 3;

    private AttributionSection() {}

    static List<Block> blocks(RunAnalysis a, Attribution attribution, List<ChartFile> charts) {
        if (attribution.isEmpty()) {
            return List.of();
        }
        List<Block> out = new ArrayList<>();
        out.add(new Block.Heading(2, HEADING));
        out.add(new Block.Paragraph(method(a)));
        for (String workload : attribution.workloads()) {
            List<PhaseAttribution> arms = arms(attribution, workload);
            out.add(new Block.Heading(3, workload + ", segment by segment"));
            String name = ChartRenderer.waterfallName(workload);
            charts.stream().filter(f -> f.name().equals(name)).findFirst().ifPresent(f -> out.add(new Block.Chart(f)));
            out.add(table(a, attribution, arms));
            List<String> sentences = arms.stream().filter(p -> p.reference() != null)
                    .map(p -> sentence(a, attribution, p)).toList();
            if (!sentences.isEmpty()) {
                out.add(new Block.Bullets(sentences));
            }
            List<PhaseAttribution> inside = attribution.inside().stream().filter(p -> p.workload().equals(workload))
                    .toList();
            if (!inside.isEmpty()) {
                out.add(new Block.Paragraph(INSIDE + " (" + workload + "): each milestone that runsc's own log"
                        + " timestamps (--debug-log, info level), as the time since the verb that holds it began;"
                        + " \"begin → end\" is the verb's whole time. Times since the verb's begin, not gaps: the"
                        + " gofer and the sandbox start side by side. No other runtime has these milestones, so they"
                        + " have medians but no differences. The milestones are those of this runsc's version; see"
                        + " the runtime caveats for which gVisor this is."));
                out.add(insideTable(inside));
            }
        }
        List<String> incomplete = incomplete(a, attribution);
        if (!incomplete.isEmpty()) {
            out.add(new Block.Paragraph("Samples with incomplete tracing: where a boundary was not traced, the two"
                    + " segments beside it are one in those samples, and the segments it would have parted count 0 ms"
                    + " there."));
            out.add(new Block.Bullets(incomplete));
        }
        return out;
    }

    private static String method(RunAnalysis a) {
        return "This run traced what happens inside each timed phase (--attribute) and cut each sample's phase into"
                + " segments. Every timestamp is on one clock, the " + Timeline.CLOCK + ". The boundaries: request and"
                + " reply are rtbench sending the phase's call and receiving its answer; a verb name (create, start,"
                + " kill, delete, exec) is the OCI runtime's verb, timed by rtbench's tracing wrapper around the"
                + " runtime's binary, and \"OCI create\" is the time inside that verb (a verb called twice is"
                + " named twice: kill#2); \"CNI ADD bridge\" is a call of a pod network's CNI plugin, timed by the"
                + " same wrapper around the plugin (a call inside another takes its time from its caller); a name"
                + " with a slash (tasks/create) is containerd's event, at containerd's own timestamp; \"A → B\" is the time from the end of A to the beginning of B; \"unattributed\" is the"
                + " sample's measured time outside its timeline. A sample without a segment spent 0 ms in it. Each"
                + " figure is the median over the samples with its " + Math.round(a.options().confidence() * 100)
                + "% block-bootstrap interval; a difference is the runtime's median minus its reference's, over the"
                + " blocks both measured. Each sample's segments sum to its phase exactly; medians are not additive,"
                + " so the last row sets the sum of a runtime's segment medians, with the sum of their intervals,"
                + " against its phase median and interval: \"within\" when either holds the other's figure.";
    }

    /** The inside of gVisor's verbs: each part's median per runtime that logged milestones. */
    private static Block insideTable(List<PhaseAttribution> arms) {
        List<String> header = new ArrayList<>(List.of("milestone, since its verb began"));
        arms.forEach(p -> header.add(p.runtime() + ": median [CI], ms"));
        List<List<String>> rows = new ArrayList<>();
        for (String segment : WaterfallChart.order(arms)) {
            List<String> row = new ArrayList<>(List.of(segment));
            for (PhaseAttribution p : arms) {
                row.add(p.segments().stream().filter(x -> x.segment().equals(segment)).findFirst()
                        .map(x -> Numbers.value(x.medianMs()) + " " + Numbers.interval(x.median())).orElse("0"));
            }
            rows.add(row);
        }
        boolean[] right = new boolean[header.size()];
        Arrays.fill(right, 1, right.length, true);
        return new Block.Table(header, rows, right);
    }

    private static Block table(RunAnalysis a, Attribution attribution, List<PhaseAttribution> arms) {
        List<String> header = new ArrayList<>(List.of("segment"));
        for (PhaseAttribution p : arms) {
            header.add(p.runtime() + ": median [CI], ms");
            if (p.reference() != null) {
                header.add(p.runtime() + " - " + p.reference() + " [CI]");
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (String segment : WaterfallChart.order(arms)) {
            List<String> row = new ArrayList<>(List.of(segment));
            for (PhaseAttribution p : arms) {
                Optional<SegmentEstimate> s = p.segments().stream().filter(x -> x.segment().equals(segment))
                        .findFirst();
                // a runtime that never had the segment spent 0 ms in it; no difference was estimated
                row.add(s.map(x -> Numbers.value(x.medianMs()) + " " + Numbers.interval(x.median())).orElse("0"));
                if (p.reference() != null) {
                    row.add(s.filter(SegmentEstimate::compared)
                            .map(x -> Numbers.difference(x.differenceMs(), x.difference(), "ms")).orElse(""));
                }
            }
            rows.add(row);
        }
        List<String> sum = new ArrayList<>(List.of("sum of segment medians vs phase median"));
        for (PhaseAttribution p : arms) {
            double[] range = p.segmentSumRange();
            sum.add(Numbers.value(p.segmentSumMs()) + (Double.isNaN(range[0]) ? "" : " [" + Numbers.value(range[0])
                    + ", " + Numbers.value(range[1]) + "]") + " vs " + Numbers.value(p.phaseMedianMs()) + " "
                    + Numbers.interval(p.phaseMedian()) + (p.sumsToPhase() ? ": within" : ": outside"));
            if (p.reference() != null) {
                sum.add("phase " + inAll(a, attribution, p));
            }
        }
        rows.add(sum);
        boolean[] right = new boolean[header.size()];
        Arrays.fill(right, 1, right.length, true);
        return new Block.Table(header, rows, right);
    }

    /**
     * {@code runsc's start: +95.1 ms [88.0, 101.2] in all; largest: OCI create +60.2 ms [55.0, 66.3], ...}: the
     * segments that hold most of a runtime's extra time in one phase.
     */
    static String sentence(RunAnalysis a, Attribution attribution, PhaseAttribution p) {
        List<SegmentEstimate> largest = extra(p, LARGEST);
        return p.runtime() + "'s " + p.workload() + ": " + inAll(a, attribution, p) + " in all; "
                + (largest.isEmpty() ? "no segment takes longer than under " + p.reference()
                        : "largest: " + String.join(", ", largest.stream().map(AttributionSection::segment).toList()));
    }

    /**
     * The console's lines, one per runtime with a reference and traced phase, e.g. {@code runsc start +95.1 ms
     * [88.0, 101.2]; largest OCI create +60.2 ms [55.0, 66.3]}.
     */
    static List<String> consoleLines(RunAnalysis a, Attribution attribution) {
        List<String> out = new ArrayList<>(attribution.phases().stream().filter(p -> p.reference() != null).map(p -> {
            List<SegmentEstimate> largest = extra(p, 1);
            return p.runtime() + " " + p.workload() + " " + inAll(a, attribution, p) + "; " + (largest.isEmpty()
                    ? "no segment longer than under " + p.reference() : "largest " + segment(largest.get(0)));
        }).toList());
        // inside gVisor's verbs: each verb's milestones, by their median time since the verb began
        for (PhaseAttribution p : attribution.inside()) {
            Map<String, List<String>> byVerb = new LinkedHashMap<>();
            for (SegmentEstimate s : p.segments()) {
                int at = s.segment().indexOf(Segments.WITHIN);
                String verb = s.segment().substring(0, at);
                String mark = s.segment().substring(at + Segments.WITHIN.length() + Segments.BEGIN.length() + 3);
                byVerb.computeIfAbsent(verb, v -> new ArrayList<>()).add(mark + " " + Numbers.value(s.medianMs()));
            }
            byVerb.forEach((verb, marks) -> out.add(p.runtime() + " " + p.workload() + " inside " + verb
                    + ", ms since it began: " + String.join(", ", marks)));
        }
        return out;
    }

    /** The segments that take longer than under the reference, most extra time first. */
    private static List<SegmentEstimate> extra(PhaseAttribution p, int n) {
        return p.largestOverheads(n).stream().filter(s -> s.differenceMs() > 0).toList();
    }

    private static String segment(SegmentEstimate s) {
        return s.segment() + " " + Numbers.difference(s.differenceMs(), s.difference(), "ms");
    }

    /**
     * The phase's whole extra time: the report's own paired difference of the phase against the same reference,
     * or, when the run did not compare them, the difference of the two phase medians of the traced samples.
     */
    static String inAll(RunAnalysis a, Attribution attribution, PhaseAttribution p) {
        MetricKey key = new MetricKey(p.workload(), MetricFamilies.WALL_TIME);
        Optional<OverheadEstimate> o = a.overheads(key).stream()
                .filter(x -> x.runtime().equals(p.runtime()) && x.reference().equals(p.reference())).findFirst();
        if (o.isPresent() && Double.isFinite(o.get().difference())) {
            return Numbers.difference(o.get());
        }
        double ref = attribution.phase(p.workload(), p.reference()).map(PhaseAttribution::phaseMedianMs)
                .orElse(Double.NaN);
        return Numbers.difference(p.phaseMedianMs() - ref, Interval.unknown(a.options().confidence()),
                "ms") + " (difference of the phase medians)";
    }

    /** {@code kata's start: 2 of 29 samples (containerd events: ...)}, for each arm with incomplete timelines. */
    private static List<String> incomplete(RunAnalysis a, Attribution attribution) {
        List<String> out = new ArrayList<>();
        for (PhaseAttribution p : attribution.phases()) {
            if (p.incomplete() == 0) {
                continue;
            }
            List<String> why = a.results().timelines().stream()
                    .filter(t -> t.ok() && t.workload().equals(p.workload()) && t.runtime().equals(p.runtime()))
                    .map(Timeline::missing).filter(Objects::nonNull).distinct().limit(3).toList();
            out.add(p.runtime() + "'s " + p.workload() + ": " + p.incomplete() + " of " + p.samples() + " samples"
                    + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")"));
        }
        return out;
    }

    private static List<PhaseAttribution> arms(Attribution attribution, String workload) {
        return attribution.phases().stream().filter(p -> p.workload().equals(workload)).toList();
    }
}
