package dev.rtbench.harness.report;

import dev.rtbench.harness.chart.ChartFile;
import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.Machine;
import dev.rtbench.harness.stats.Headline;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report's first screen: what each runtime costs, by workload class, on which machine, and how sure. One line
 * per primary comparison (the run's claims) with its ratio, difference and interval and what the test decided,
 * then the headline chart. Everything else (secondary metrics, per-block evidence, the full forest plot) follows
 * it.
 *
 * <p>A long table puts the chart first: the publication run (six arms, 38 workloads) had 241 rows, and its page's
 * first 2,400 pixels in Chromium were the top of the table, with the chart far below it.
 */
final class DecisionSummary {

    /** Rows of the table above which the headline chart comes before it: about two screens at 1280 px. */
    static final int ROWS_BEFORE_CHART = 30;

    private DecisionSummary() {}

    static List<Block> blocks(RunAnalysis a, Optional<ChartFile> chart) {
        return blocks(a, chart, ROWS_BEFORE_CHART);
    }

    static List<Block> blocks(RunAnalysis a, Optional<ChartFile> chart, int rowsBeforeChart) {
        double alpha = a.options().alpha();
        Headline h = Headline.of(a);
        List<Block> out = new ArrayList<>();
        out.add(new Block.Heading(2, "Decision summary"));
        if (h.lines().isEmpty()) {
            out.add(new Block.Paragraph("This run compared nothing: no workload had samples of two runtimes."));
            return out;
        }
        long family = h.lines().stream().filter(l -> l.comparison().tested()).count();
        out.add(new Block.Paragraph("Each workload's primary metric, by class: what the test decided (Wilcoxon"
                + " signed-rank over the blocks, Holm over these " + family + " comparisons, alpha " + alpha + "), the"
                + " ratio to " + a.baseline() + " in words with its " + Math.round(a.options().confidence() * 100)
                + "% interval, and the difference in the metric's unit. Measured on " + machine(a) + "."));
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, List<Headline.Line>> e : h.byClass().entrySet()) {
            boolean first = true;
            for (Headline.Line l : e.getValue()) {
                OverheadEstimate o = l.comparison();
                rows.add(List.of(first ? e.getKey() : "", o.key().label(), o.runtime(),
                        o.verdict(alpha).label().replace('-', ' '), o.claim(o.runtime(), o.reference(), alpha),
                        Numbers.difference(o)));
                first = false;
            }
        }
        Block.Table table = new Block.Table(List.of("class", "workload (metric)", "runtime", "decided",
                "ratio [CI], p (Holm)", "difference [CI]"), rows, new boolean[] {false, false, false, false, false,
                true});
        Block.Paragraph decided = new Block.Paragraph("Decided: " + ConsoleSummary.counts(
                h.lines().stream().map(Headline.Line::comparison).toList(), alpha) + ".");
        boolean chartFirst = chart.isPresent() && rows.size() > rowsBeforeChart;
        if (chartFirst) {
            out.add(decided);
            out.add(new Block.Chart(chart.get()));
            out.add(new Block.Paragraph(holds(h, "below") + " The table has " + rows.size() + " rows."));
            out.add(table);
            return out;
        }
        out.add(table);
        out.add(decided);
        chart.ifPresent(f -> out.add(new Block.Chart(f)));
        if (!h.left().isEmpty()) {
            out.add(new Block.Paragraph(holds(h, "above")));
        }
        return out;
    }

    private static String holds(Headline h, String where) {
        if (h.left().isEmpty()) {
            return "The chart holds every workload; the table " + where + " has each comparison's figures.";
        }
        return "The chart holds " + h.rows().size() + " of the " + (h.rows().size() + h.left().size())
                + " workloads, each class's standard ones first; the table " + where + " has them all, and the"
                + " appendix's chart every metric.";
    }

    /** {@code machine m-53a05e4d62 (Intel Xeon ..., 2 CPUs, KVM guest)}, or what is known of it. */
    static String machine(RunAnalysis a) {
        Environment env = a.results().environment();
        if (env == null) {
            return "a machine this run did not record";
        }
        Machine m = env.machine();
        String cpu = env.cpuModel() + ", " + env.cpus() + " CPUs, " + (env.memoryBytes() >> 30) + " GiB, kernel "
                + env.kernel();
        return m == null ? cpu : "machine " + m.fingerprint() + " (" + cpu + ", " + m.virtualization() + ")";
    }
}
