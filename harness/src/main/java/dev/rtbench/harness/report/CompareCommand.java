package dev.rtbench.harness.report;

import dev.rtbench.harness.results.ResultsFormatException;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RegressionGate;
import dev.rtbench.harness.stats.RunComparison;
import dev.rtbench.harness.stats.SafeText;
import dev.rtbench.harness.stats.StatsOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code compare BASELINE CURRENT [--max-regression 10%]}: per workload, metric and runtime, the change from the
 * baseline run to the current one with its interval and significance, judged by a {@link RegressionGate} so that it
 * can gate a CI pipeline. Exit status 0 only when every shared series rules out a regression beyond the bound; 1 when
 * some series shows a significant regression beyond it; 3 when neither (each undecided series named, with roughly
 * the samples that would decide it); 2 on a usage error, an unreadable results file, or nothing to compare.
 */
public final class CompareCommand {

    /** Default bound: a slowdown of more than 10% fails. */
    public static final double DEFAULT_MAX_REGRESSION = 0.10;

    static final String USAGE = """
            usage: compare BASELINE CURRENT [--max-regression 10%]
              Compares two runs (folders holding results.json, or results.json paths) per workload,
              metric and runtime. Exit 0: every shared series rules out a regression beyond
              the bound; 1: a significant regression beyond it; 3: inconclusive (more samples
              needed); 2: usage error or nothing to compare.
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
        String nothing = nothingToCompare(b, c);
        if (nothing != null) {
            err.println("compare: " + nothing);
            return 2;
        }
        StatsOptions options = StatsOptions.defaults();
        RunComparison cmp = RunComparison.of(b, c, options);
        if (cmp.changes().isEmpty()) {
            err.println("compare: the runs share no workload, metric and runtime: nothing to compare ("
                    + String.join("; ", cmp.notDiffable()) + ")");
            return 2;
        }
        RegressionGate gate = cmp.gate(bound);
        String limit = RegressionGate.percent(bound);
        out.println("Comparing " + SafeText.line(c.runId()) + " (current) with " + SafeText.line(b.runId())
                + " (baseline run); a ratio above 1 is worse; regression bound " + limit
                + "; samples of each run pooled, independent bootstrap and Mann-Whitney between runs.");
        for (String note : cmp.notDiffable()) {
            out.println("  note: " + note);
        }
        for (RegressionGate.Decision d : gate.decisions()) {
            OverheadEstimate o = d.change();
            out.println("  " + label(o) + ": " + o.sentence("now", "the baseline run", options.alpha())
                    + "; difference " + Numbers.difference(o) + "  " + tag(d, limit));
        }
        switch (gate.outcome()) {
            case PASS -> {
                out.println("PASS: all " + gate.decisions().size() + " series rule out a regression beyond " + limit
                        + ".");
                return 0;
            }
            case FAIL -> {
                out.println("FAIL: " + gate.with(RegressionGate.Outcome.FAIL).size() + " significant regression(s)"
                        + " beyond " + limit + ".");
                return 1;
            }
            default -> {
                List<RegressionGate.Decision> open = gate.with(RegressionGate.Outcome.INCONCLUSIVE);
                out.println("INCONCLUSIVE: " + open.size() + " series cannot rule out a regression beyond " + limit
                        + " (nor show one):");
                for (RegressionGate.Decision d : open) {
                    out.println("  " + label(d.change()) + ": " + d.reason() + (d.samplesToDecide() > 0
                            ? "; roughly " + d.samplesToDecide() + " samples per run would decide it (now "
                                    + Math.min(d.change().n(), d.change().referenceN()) + ")"
                            : ""));
                }
                return 3;
            }
        }
    }

    /** Why two runs cannot be compared at all, or null if they can. */
    static String nothingToCompare(RunResults before, RunResults current) {
        if (current.samples().isEmpty()) {
            return "the current run " + SafeText.line(current.runId()) + " has no samples";
        }
        if (current.samples().stream().noneMatch(Sample::ok)) {
            return "every one of the " + current.samples().size() + " samples of the current run "
                    + SafeText.line(current.runId()) + " failed (first failure: "
                    + SafeText.line(String.valueOf(current.samples().get(0).failure())) + ")";
        }
        if (before.samples().stream().noneMatch(Sample::ok)) {
            return "the baseline run " + SafeText.line(before.runId()) + " has no successful samples";
        }
        return null;
    }

    private static String label(OverheadEstimate o) {
        return o.key().label() + " / " + o.runtime();
    }

    private static String tag(RegressionGate.Decision d, String limit) {
        return switch (d.outcome()) {
            case PASS -> "ok (within " + limit + ")";
            case FAIL -> "REGRESSION beyond " + limit;
            default -> "UNDECIDED";
        };
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

    private static int usage(PrintStream err, String problem) {
        err.println("compare: " + problem);
        err.print(USAGE);
        return 2;
    }
}
