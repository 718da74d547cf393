package dev.rtbench.harness.report;

import dev.rtbench.harness.attribution.Attribution;
import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.RuntimeCaveats;
import dev.rtbench.harness.stats.Headline;
import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.SampleSummary;
import dev.rtbench.harness.stats.StatsWarning;
import dev.rtbench.harness.stats.Verdict;
import dev.rtbench.harness.stats.WarningDigest;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text a person reads first after a run. First the decisions: one line per workload for its primary metric,
 * with the verdict, the ratio and its interval, and how many of each verdict; when the run traced its phases, the
 * segment that holds most of each runtime's extra time in each; then what to do, the warnings about those claims
 * grouped by remedy; then each primary series in full, in the manner of hyperfine (median, IQR,
 * range, per-block ratios). Secondary metrics are counted here and shown in full in report.md.
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
        return format(a, Attribution.of(a.results(), a.options()), skippedCharts);
    }

    /** As {@link #format(RunAnalysis, List)}, with the run's attribution already estimated. */
    public static String format(RunAnalysis a, Attribution attribution, List<String> skippedCharts) {
        StringBuilder sb = new StringBuilder();
        RunResults r = a.results();
        sb.append("Run ").append(r.runId()).append(" (").append(r.status()).append("): ")
                .append(a.runtimes().size()).append(" runtimes, baseline ").append(a.baseline());
        Environment.fingerprintOf(r.environment()).ifPresent(f -> sb.append(", machine ").append(f));
        sb.append('\n');
        for (String caveat : RuntimeCaveats.of(r.environment())) {
            sb.append("Caveat: ").append(caveat).append('\n');
        }
        HostReferenceSection.line(r.hostReference()).ifPresent(line -> sb.append(line).append('\n'));
        double alpha = a.options().alpha();
        List<OverheadEstimate> primaries = a.overheads().stream().filter(OverheadEstimate::primary).toList();
        List<OverheadEstimate> secondaries = a.overheads().stream().filter(o -> !o.primary()).toList();
        if (!primaries.isEmpty()) {
            long family = primaries.stream().filter(OverheadEstimate::tested).count();
            sb.append(String.format(Locale.ROOT, "%nDecisions: the primary metric of each workload, by class (Holm"
                    + " over %d, alpha %.2f)%n", family, alpha));
            int width = primaries.stream().mapToInt(o -> o.key().label().length()).max().orElse(10);
            Headline.of(a).byClass().forEach((cls, lines) -> {
                sb.append("  ").append(cls).append('\n');
                for (Headline.Line l : lines) {
                    OverheadEstimate o = l.comparison();
                    sb.append(String.format(Locale.ROOT, "    %-26s  %-" + width + "s  %s%n",
                            o.verdict(alpha).label(), o.key().label(), o.sentence(alpha)));
                }
            });
            sb.append("  ").append(counts(primaries, alpha)).append('\n');
        }
        if (!secondaries.isEmpty()) {
            sb.append("  Secondary metrics (descriptive, corrected among themselves): ").append(counts(secondaries, alpha))
                    .append("; each in report.md\n");
        }
        List<String> traced = AttributionSection.consoleLines(a, attribution);
        if (!traced.isEmpty()) {
            sb.append("\nWhere the time goes (each traced phase's largest extra segment; report.md has them all):\n");
            traced.forEach(line -> sb.append("  ").append(line).append('\n'));
        }
        remedies(sb, a);
        sb.append("\nPrimary series in full:\n");
        int width = Math.max(8, a.runtimes().stream().mapToInt(String::length).max().orElse(8));
        for (MetricKey k : a.keys()) {
            if (!a.families().primary(k)) {
                continue;
            }
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
        for (String skipped : skippedCharts) {
            sb.append("  chart skipped: ").append(skipped).append('\n');
        }
        if (primaries.size() > 3) {
            // the decisions scrolled away above: the last line repeats them in short
            sb.append("\nDecisions (top of this summary): ").append(counts(primaries, alpha)).append('\n');
        }
        return sb.toString();
    }

    /** The warnings about the claims (primary metrics and the whole run), grouped by what to do about them. */
    private static void remedies(StringBuilder sb, RunAnalysis a) {
        List<StatsWarning> claims = a.warnings().stream()
                .filter(w -> w.key() == null || a.families().primary(w.key())).toList();
        long others = a.warnings().size() - claims.size();
        if (claims.isEmpty() && others == 0) {
            return;
        }
        sb.append("\nWhat to do:\n");
        for (StatsWarning.Remedy remedy : StatsWarning.Remedy.values()) {
            List<StatsWarning> these = claims.stream().filter(w -> w.kind().remedy() == remedy).toList();
            if (these.isEmpty()) {
                continue;
            }
            sb.append("  ").append(remedy.label()).append(":\n");
            // one line per kind and cause: with few samples the same warning fires for nearly every series
            for (String line : WarningDigest.lines(these, CONSOLE_NAMES)) {
                sb.append("    ! ").append(line).append('\n');
            }
        }
        if (others > 0) {
            sb.append("  ").append(others).append(claims.isEmpty() ? "" : " more")
                    .append(" warnings about secondary metrics: report.md\n");
        }
    }

    /** {@code 25 worse, 7 no-significant-difference}: each verdict that occurs, with its count. */
    static String counts(List<OverheadEstimate> comparisons, double alpha) {
        Map<Verdict, Long> n = comparisons.stream()
                .collect(Collectors.groupingBy(o -> o.verdict(alpha), () -> new EnumMap<>(Verdict.class),
                        Collectors.counting()));
        return n.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
    }
}
