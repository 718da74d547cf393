package dev.rtbench.harness.report;

import dev.rtbench.harness.results.ResultsFormatException;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunComparison;
import dev.rtbench.harness.stats.StatsOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code compare BASELINE CURRENT [--max-regression 10%]}: per workload, metric and runtime, the change from the
 * baseline run to the current one with its interval and significance. Exit status 1 when a significant
 * regression (Holm-adjusted p below 0.05) exceeds the bound, so it can gate a CI pipeline; 0 otherwise; 2 on a
 * usage error or an unreadable results file.
 */
public final class CompareCommand {

    /** Default bound: a slowdown of more than 10% fails. */
    public static final double DEFAULT_MAX_REGRESSION = 0.10;

    static final String USAGE = """
            usage: compare BASELINE CURRENT [--max-regression 10%]
              Compares two runs (folders holding results.json, or results.json paths) per workload,
              metric and runtime. Exits 1 when a significant regression exceeds the bound.
            options:
              --max-regression P   largest tolerated slowdown, e.g. 10% or 5.5% (default 10%)
              -h, --help           show this help
            """;

    private CompareCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String before = null;
        String after = null;
        double bound = DEFAULT_MAX_REGRESSION;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-h") || a.equals("--help")) {
                out.print(USAGE);
                return 0;
            }
            if (a.equals("--max-regression") || a.startsWith("--max-regression=")) {
                String v;
                if (a.contains("=")) {
                    v = a.substring(a.indexOf('=') + 1);
                } else if (i + 1 < args.size()) {
                    v = args.get(++i);
                } else {
                    return usage(err, "--max-regression needs a value, e.g. 10%");
                }
                try {
                    bound = parsePercent(v);
                } catch (IllegalArgumentException e) {
                    return usage(err, e.getMessage());
                }
            } else if (a.startsWith("-")) {
                return usage(err, "unknown option " + a);
            } else if (before == null) {
                before = a;
            } else if (after == null) {
                after = a;
            } else {
                return usage(err, "two runs expected, got also " + a);
            }
        }
        if (after == null) {
            return usage(err, "give two runs: the baseline run and the current one");
        }
        RunResults b;
        RunResults c;
        try {
            b = ResultsJson.read(Path.of(before));
            c = ResultsJson.read(Path.of(after));
        } catch (ResultsFormatException e) {
            err.println("compare: " + e.getMessage());
            return 2;
        }
        StatsOptions options = StatsOptions.defaults();
        RunComparison cmp = RunComparison.of(b, c, options);
        List<OverheadEstimate> regressions = cmp.regressions(bound);
        out.println("Comparing " + c.runId() + " (current) with " + b.runId() + " (baseline run); a ratio above 1 is"
                + " worse; regression bound " + percent(bound) + ".");
        for (String note : cmp.notDiffable()) {
            out.println("  note: " + note);
        }
        for (OverheadEstimate o : cmp.changes()) {
            String line = o.key().label() + " / " + o.runtime() + ": "
                    + o.sentence("now", "the baseline run", options.alpha());
            if (regressions.contains(o)) {
                line += "  REGRESSION beyond " + percent(bound);
            }
            out.println("  " + line);
        }
        if (regressions.isEmpty()) {
            out.println("No significant regression beyond " + percent(bound) + ".");
            return 0;
        }
        out.println(regressions.size() + " significant regression(s) beyond " + percent(bound) + ".");
        return 1;
    }

    /** {@code 10%}, {@code 10} (percent) or {@code 2.5%} to a fraction. */
    static double parsePercent(String s) {
        String t = s.trim();
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).trim();
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-regression: \"" + s + "\" is not a percentage, e.g. 10%");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("--max-regression must be a percentage of 0 or more, was " + s);
        }
        return v / 100;
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.4g%%", v * 100).replaceAll("\\.?0+%$", "%");
    }

    private static int usage(PrintStream err, String problem) {
        err.println("compare: " + problem);
        err.print(USAGE);
        return 2;
    }
}
