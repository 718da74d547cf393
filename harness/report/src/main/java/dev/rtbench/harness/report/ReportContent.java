package dev.rtbench.harness.report;

import dev.rtbench.harness.attribution.Attribution;
import dev.rtbench.harness.chart.ChartFile;
import dev.rtbench.harness.chart.ChartRenderer;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SampleSummary;
import dev.rtbench.harness.stats.WarningDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Builds the blocks of a run's report: the decision summary and headline chart, the machine, every comparison,
 * warnings, charts, where the traced phases' time goes, one table per workload, methods, and the full forest plot
 * as an appendix.
 */
final class ReportContent {

    private ReportContent() {}

    static List<Block> build(RunAnalysis a, Attribution attribution, List<ChartFile> charts,
            List<String> skippedCharts) {
        RunResults r = a.results();
        double alpha = a.options().alpha();
        List<Block> out = new ArrayList<>();
        out.add(new Block.Heading(1, "rtbench report: " + r.runId()));
        RunConfig c = r.config();
        out.add(new Block.Paragraph("Status " + r.status() + "; " + when(r) + "; profile " + c.profile()
                + "; image " + c.image() + "; runtimes " + String.join(", ", a.runtimes()) + "; baseline "
                + a.baseline() + "."));
        out.addAll(EnvironmentSection.caveats(r.environment()));
        // the first screen: the decisions and the headline chart; the machine right after, then the evidence
        out.addAll(DecisionSummary.blocks(a, chart(charts, ChartRenderer.HEADLINE)));
        out.addAll(EnvironmentSection.blocks(r.environment()));
        out.addAll(HostReferenceSection.blocks(a));

        out.add(new Block.Heading(2, "Every comparison"));
        out.add(new Block.Paragraph("Runtimes are compared within counterbalanced blocks, and every figure comes"
                + " from the blocks' pairs. Overhead ratio: the typical block's ratio of the runtime's median to "
                + a.baseline() + "'s (Hodges-Lehmann); above 1 is worse. For higher-is-better metrics (throughput)"
                + " it is " + a.baseline() + " over the runtime, so above 1 still means worse. \"Worse in\" counts"
                + " the blocks in which the runtime did worse than " + a.baseline() + ". The difference is runtime -"
                + " " + a.baseline() + " in the metric's unit. Intervals are " + Math.round(a.options().confidence()
                * 100) + "% and invert the test; p-values are Wilcoxon signed-rank on the per-block log ratios"
                + " (exact, ties included), Holm-corrected over the "
                + a.overheads().stream().filter(o -> o.tested() && o.primary()).count() + " comparisons of each"
                + " workload's primary metric, the claims; the other metrics are descriptive and corrected among"
                + " themselves. \"Not"
                + " testable\" means that with this run's blocks no data could have passed that correction. The"
                + " verdicts are also in analysis.json."));
        for (boolean primary : new boolean[] {true, false}) {
            List<List<String>> rows = new ArrayList<>();
            for (MetricKey k : a.keys()) {
                for (OverheadEstimate o : a.overheads(k)) {
                    if (o.primary() != primary) {
                        continue;
                    }
                    rows.add(List.of(k.workload(), k.metric(), o.runtime(), o.reference(),
                            a.summary(k, o.runtime()).map(s -> Numbers.value(s.median()) + " " + s.unit()).orElse(""),
                            Numbers.value(o.ratio()) + " " + Numbers.interval(o.ratioInterval()),
                            Numbers.difference(o),
                            OverheadEstimate.formatP(o.pAdjusted()),
                            o.worseShare().text(),
                            o.sentence(alpha)));
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            out.add(new Block.Heading(3, primary ? "Decisions: the primary metric of each workload"
                    : "Secondary metrics (descriptive; p corrected among themselves)"));
            out.add(new Block.Table(List.of("workload", "metric", "runtime", "against", "median", "ratio [CI]",
                    "difference [CI]", "p (Holm)", "worse in", "verdict"), rows,
                    new boolean[] {false, false, false, false, true, true, true, true, true, false}));
        }
        if (a.comparesEngines()) {
            out.addAll(engines(a));
        }
        out.add(new Block.Heading(3, "Per-block ratios"));
        out.add(new Block.Paragraph("Each block's ratio of medians (above 1 is worse), in block order: the"
                + " evidence the test counts. Blocks that scatter widely around 1 mean the machine, not the runtime,"
                + " moved the result."));
        List<List<String>> blockRows = new ArrayList<>();
        for (OverheadEstimate o : a.overheads()) {
            blockRows.add(List.of(o.key().workload(), o.key().metric(), o.runtime(), o.reference(),
                    Numbers.blockRatios(o)));
        }
        out.add(new Block.Table(List.of("workload", "metric", "runtime", "against", "per-block ratios"), blockRows,
                new boolean[5]));

        if (!a.warnings().isEmpty()) {
            out.add(new Block.Heading(2, "Warnings"));
            // grouped by kind and cause, every key named; the single warnings stay in RunAnalysis.warnings()
            out.add(new Block.Bullets(WarningDigest.lines(a.warnings(), Integer.MAX_VALUE)));
        }
        List<ChartFile> overview = charts.stream()
                .filter(f -> f.name().equals("lifecycle-phases") || f.name().startsWith("cdf-")).toList();
        if (!overview.isEmpty() || !c.phaseCalls().isEmpty()) {
            out.add(new Block.Heading(2, "Start-up and lifecycle"));
            overview.forEach(f -> out.add(new Block.Chart(f)));
        }
        if (!c.phaseCalls().isEmpty()) {
            out.add(new Block.Paragraph("OCI runtime calls inside each lifecycle phase with this run's engine"
                    + " (phase@engine for an engine other than dockerd):"));
            List<String> calls = new ArrayList<>();
            c.phaseCalls().forEach((phase, oci) -> calls.add(phase + ": " + oci));
            out.add(new Block.Bullets(calls));
        }
        // inside the phases, after the phases themselves
        out.addAll(AttributionSection.blocks(a, attribution, charts));
        if (!skippedCharts.isEmpty()) {
            out.add(new Block.Heading(2, "Charts not drawn"));
            out.add(new Block.Bullets(skippedCharts));
        }

        out.add(new Block.Heading(2, "Workloads"));
        for (MetricKey k : a.keys()) {
            out.add(new Block.Heading(3, k.workload() + ": " + k.metric() + " (" + a.unitLabel(k) + ")"));
            out.add(workloadTable(a, k));
            List<String> verdicts = a.overheads(k).stream()
                    .map(o -> o.sentence(alpha) + "; difference " + Numbers.difference(o)).toList();
            if (!verdicts.isEmpty()) {
                out.add(new Block.Bullets(verdicts));
            }
            chart(charts, "box-" + ChartRenderer.fileName(k)).ifPresent(f -> out.add(new Block.Chart(f)));
        }

        out.add(new Block.Heading(2, "Method"));
        out.add(new Block.Paragraph(a.methods()));
        if (!r.notes().isEmpty()) {
            out.add(new Block.Heading(2, "Notes from the run"));
            out.add(new Block.Bullets(r.notes()));
        }
        chart(charts, "overhead").ifPresent(f -> {
            out.add(new Block.Heading(2, "Appendix: every metric's overhead"));
            out.add(new Block.Paragraph("The forest plot of every compared metric, primary and secondary, in the"
                    + " run's order; the headline above holds the primary ones."));
            out.add(new Block.Chart(f));
        });
        return out;
    }

    /**
     * The engines side by side: each runtime's overhead against the baseline runtime through each engine, then
     * what an engine adds to the same runtime (one runtime through two engines, in the same blocks).
     */
    private static List<Block> engines(RunAnalysis a) {
        List<Block> out = new ArrayList<>();
        out.add(new Block.Heading(2, "Engines compared"));
        List<String> engines = a.runtimes().stream().map(r -> Arm.parse(r).engine()).distinct().toList();
        String base = Arm.runtimeOf(a.baseline());
        List<String> runtimes = a.runtimes().stream().map(Arm::runtimeOf).distinct().filter(r -> !r.equals(base))
                .toList();
        out.add(new Block.Paragraph("Each runtime against " + base + " through each engine: the runtime's own cost"
                + " as dockerd and as a Kubernetes node (CRI) run it. A phase one engine does not have is blank."));
        List<String> header = new ArrayList<>(List.of("workload", "metric", "runtime"));
        engines.forEach(e -> header.add("through " + e + ": ratio to " + new Arm(base, e).name() + " [CI], p (Holm)"));
        List<List<String>> rows = new ArrayList<>();
        for (MetricKey k : a.keys()) {
            for (String r : runtimes) {
                List<String> row = new ArrayList<>(List.of(k.workload(), k.metric(), r));
                boolean any = false;
                for (String e : engines) {
                    String arm = new Arm(r, e).name();
                    String ref = new Arm(base, e).name();
                    Optional<OverheadEstimate> o = a.overheads(k).stream()
                            .filter(x -> x.runtime().equals(arm) && x.reference().equals(ref)).findFirst();
                    any |= o.isPresent();
                    row.add(o.map(ReportContent::ratioCell).orElse(""));
                }
                if (any) {
                    rows.add(row);
                }
            }
        }
        boolean[] right = new boolean[header.size()];
        Arrays.fill(right, 3, right.length, true);
        out.add(new Block.Table(header, rows, right));
        // a reader takes a 3x faster CRI start for work saved; it is work done earlier, in the pod's sandbox
        out.add(new Block.Paragraph("What the engine adds: the same runtime through another engine against it"
                + " through " + Arm.parse(a.baseline()).engine() + ", measured in the same blocks."
                + (engines.contains(Arm.CRI) ? " A phase of the same name is the same step of a container's life,"
                        + " not the same work: through CRI a container is created and started in a pod whose sandbox"
                        + " already holds its namespaces and network (made in pod-sandbox-start), where dockerd makes"
                        + " them in its start. A pod's whole path is pod-first-output." : "")));
        List<List<String>> added = new ArrayList<>();
        for (OverheadEstimate o : a.overheads()) {
            if (!RunAnalysis.isEngineComparison(o)) {
                continue;
            }
            MetricKey k = o.key();
            added.add(List.of(k.workload(), k.metric(), o.reference(),
                    a.summary(k, o.reference()).map(s -> Numbers.value(s.median()) + " " + s.unit()).orElse(""),
                    o.runtime(),
                    a.summary(k, o.runtime()).map(s -> Numbers.value(s.median()) + " " + s.unit()).orElse(""),
                    ratioCell(o), Numbers.difference(o)));
        }
        out.add(new Block.Table(List.of("workload", "metric", "through", "median", "through", "median",
                "ratio [CI], p (Holm)", "difference [CI]"), added,
                new boolean[] {false, false, false, true, false, true, true, true}));
        return out;
    }

    private static String ratioCell(OverheadEstimate o) {
        return Numbers.value(o.ratio()) + " " + Numbers.interval(o.ratioInterval()) + ", "
                + OverheadEstimate.formatP(o.pAdjusted());
    }

    private static Block workloadTable(RunAnalysis a, MetricKey k) {
        List<List<String>> rows = new ArrayList<>();
        for (SampleSummary s : a.summaries(k)) {
            rows.add(List.of(s.runtime(), String.valueOf(s.n()), String.valueOf(s.failures()),
                    Numbers.value(s.median()) + " " + Numbers.interval(s.medianInterval()),
                    Numbers.value(s.mean()), Numbers.value(s.sd()), Numbers.percent(s.cv()),
                    Numbers.value(s.min()), Numbers.value(s.p5()), Numbers.value(s.p25()), Numbers.value(s.p75()),
                    Numbers.value(s.p95()), Numbers.value(s.p99()), Numbers.value(s.max()),
                    String.valueOf(s.outliers().count())));
        }
        boolean[] right = new boolean[15];
        Arrays.fill(right, 1, 15, true);
        return new Block.Table(List.of("runtime", "n", "failed", "median [CI]", "mean", "sd", "CV", "min", "p5",
                "p25", "p75", "p95", "p99", "max", "outliers"), rows, right);
    }

    /** {@code started 2026-12-02 08:36:21 UTC, finished after 8 min 2 s}: to the second, which is what a reader reads. */
    private static String when(RunResults r) {
        if (r.started() == null) {
            return "start not recorded";
        }
        String start = "started " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                .format(r.started().atOffset(ZoneOffset.UTC));
        if (r.finished() == null) {
            return start + ", not finished";
        }
        long s = Duration.between(r.started(), r.finished()).toSeconds();
        return start + ", finished after " + (s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s");
    }

    private static Optional<ChartFile> chart(List<ChartFile> charts, String name) {
        return charts.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
