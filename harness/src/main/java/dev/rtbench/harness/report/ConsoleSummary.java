package dev.rtbench.harness.report;

import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SampleSummary;
import dev.rtbench.harness.stats.WarningDigest;
import java.util.List;
import java.util.Locale;

/**
 * The text a person reads first after a run, in the manner of hyperfine: per workload, each runtime's median and
 * spread (IQR), its range, and its ratio to the baseline with interval and verdict, the difference in the metric's
 * unit with its interval, and the per-block ratios; then the warnings.
 */
public final class ConsoleSummary {

    /** Keys named per warning line on the console; the rest are counted (report.md names them all). */
    static final int CONSOLE_NAMES = 6;

    private ConsoleSummary() {}

    public static String format(RunResults results) {
        return format(RunAnalysis.of(results));
    }

    public static String format(RunAnalysis a) {
        return format(a, List.of());
    }

    /** The summary, with a line for each chart that could not be drawn. */
    public static String format(RunAnalysis a, List<String> skippedCharts) {
        StringBuilder sb = new StringBuilder();
        RunResults r = a.results();
        sb.append("Run ").append(r.runId()).append(" (").append(r.status()).append("): ")
                .append(a.runtimes().size()).append(" runtimes, baseline ").append(a.baseline()).append('\n');
        int width = Math.max(8, a.runtimes().stream().mapToInt(String::length).max().orElse(8));
        double alpha = a.options().alpha();
        for (MetricKey k : a.keys()) {
            sb.append('\n').append(k.workload()).append(" / ").append(k.metric()).append(" (")
                    .append(a.unitLabel(k)).append(")\n");
            for (SampleSummary s : a.summaries(k)) {
                sb.append(String.format(Locale.ROOT, "  %-" + width + "s  median %10s %s   IQR %9s   range %s … %s   n=%d",
                        s.runtime(), Numbers.value(s.median()), s.unit(), Numbers.value(s.iqr()),
                        Numbers.value(s.min()), Numbers.value(s.max()), s.n()));
                if (s.failures() > 0) {
                    sb.append(" (").append(s.failures()).append(" failed)");
                }
                sb.append('\n');
            }
            for (OverheadEstimate o : a.overheads(k)) {
                sb.append("  ").append(o.sentence(alpha)).append("; difference ").append(Numbers.difference(o))
                        .append('\n');
                if (o.blocks().count() > 0) {
                    sb.append("    per block: ").append(Numbers.blockRatios(o)).append('\n');
                }
            }
        }
        if (!a.warnings().isEmpty()) {
            sb.append("\nWarnings:\n");
            // one line per kind and cause: with few samples the same warning fires for nearly every series
            for (String line : WarningDigest.lines(a.warnings(), CONSOLE_NAMES)) {
                sb.append("  ! ").append(line).append('\n');
            }
        }
        for (String skipped : skippedCharts) {
            sb.append("  chart skipped: ").append(skipped).append('\n');
        }
        return sb.toString();
    }
}
