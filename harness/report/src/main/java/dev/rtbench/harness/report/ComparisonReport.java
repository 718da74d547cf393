package dev.rtbench.harness.report;

import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.stats.FailureChange;
import dev.rtbench.harness.stats.RegressionGate;
import dev.rtbench.harness.stats.RunComparison;
import dev.rtbench.harness.stats.SafeText;
import dev.rtbench.harness.stats.StatsOptions;
import java.io.PrintStream;
import java.util.List;

/**
 * The change from a baseline run to a current one, per workload, metric and runtime, with its interval and
 * significance, judged by a {@link RegressionGate} so that it can gate a CI pipeline: {@code PASS} only when every
 * shared series rules out a regression beyond the bound, {@code FAIL} when some series shows a significant
 * regression beyond it, {@code INCONCLUSIVE} when neither (each undecided series named, with roughly the samples
 * that would decide it).
 */
public final class ComparisonReport {

    /** Default bound: a slowdown of more than 10% fails. */
    public static final double DEFAULT_MAX_REGRESSION = 0.10;

    /** Two runs that cannot be compared at all; the message says why. */
    public static final class NothingToCompare extends RuntimeException {
        NothingToCompare(String message) {
            super(message);
        }
    }

    private ComparisonReport() {}

    /**
     * Prints the comparison of {@code c} (current) with {@code b} (baseline run) to {@code out} and returns the
     * gate's verdict.
     *
     * @param repeat a second run of the baseline run's build, or null: it lets the runtimes' own figures be judged
     * @throws NothingToCompare when a run has no successful samples or the runs share no series
     */
    public static RegressionGate.Outcome print(RunResults b, RunResults c, RunResults repeat, double bound,
                                               PrintStream out) {
        String nothing = nothingToCompare(b, c);
        if (nothing != null) {
            throw new NothingToCompare(nothing);
        }
        String machines = machines(b, c);
        boolean twoMachines = fingerprint(b) != null && fingerprint(c) != null && machines != null;
        if (twoMachines && repeat != null) {
            // a runtime's own figures measure the machine as much as the runtime: across machines only the ratios
            // to the baseline runtime (a ratio of ratios) say something about the runtimes
            repeat = null;
        }
        StatsOptions options = StatsOptions.defaults();
        RunComparison cmp = RunComparison.of(b, c, repeat, options);
        if (cmp.changes().isEmpty() && cmp.unjudged().isEmpty()) {
            throw new NothingToCompare("the runs share no workload, metric and runtime: nothing to compare ("
                    + String.join("; ", cmp.notDiffable()) + ")");
        }
        RegressionGate gate = cmp.gate(bound);
        String limit = RegressionGate.percent(bound);
        out.println("Comparing " + SafeText.line(c.runId()) + " (current) with " + SafeText.line(b.runId())
                + " (baseline run); a ratio above 1 is worse; regression bound " + limit + "; each workload's"
                + " primary metric (secondary metrics are descriptive, not judged).");
        out.println("  method: each runtime's per-block ratio to the baseline runtime, one run's blocks against the"
                + " other's (Hodges-Lehmann shift, rank-sum interval, Mann-Whitney p), so what moved the whole"
                + " machine cancels; each block's worse tail (p90, p10 of rates) the same way; a runtime's own figures"
                + " only against a run-to-run component from a repeated run (--repeat); failure rates by Fisher's"
                + " exact test; p Holm-adjusted over all.");
        if (machines != null) {
            out.println("  machines: " + machines);
        }
        HostReferenceSection.sideBySide(b, c).ifPresent(line -> out.println("  " + line));
        if (cmp.medianComponent().known()) {
            out.println("  run-to-run component (from " + SafeText.line(repeat.runId()) + "): median "
                    + cmp.medianComponent().describe() + ", tail " + cmp.tailComponent().describe());
        }
        for (String note : cmp.notDiffable()) {
            out.println("  note: " + note);
        }
        for (String why : cmp.uncompared()) {
            out.println("  NOT COMPARED " + why);
        }
        for (RegressionGate.Decision d : gate.decisions()) {
            out.println("  " + d.change().label() + ": " + d.change().sentence() + "  " + tag(d, limit));
        }
        for (FailureChange f : cmp.failures()) {
            out.println("  failures: " + f.sentence() + (f.rose(options.alpha()) ? "  FAILING MORE OFTEN" : ""));
        }
        if (!cmp.unjudged().isEmpty()) {
            out.println("  not judged (" + cmp.unjudged().size() + "): " + String.join(", ", cmp.unjudged())
                    + ": a runtime's own figures move between runs by more than their samples show, and without a"
                    + " repeated run of the baseline's build (--repeat RUN) that movement is unknown; the ratios to"
                    + " the baseline runtime above do not depend on it");
        }
        long medians = gate.decisions().stream().filter(d -> !d.change().aspect().tail()).count();
        switch (gate.outcome()) {
            case PASS -> out.println("PASS: all " + medians + " medians rule out a regression beyond " + limit
                    + ", and no tail or failure rate shows one." + (cmp.unjudged().isEmpty() ? ""
                            : " Not judged: " + cmp.unjudged().size() + " series of a runtime's own figures (no"
                                    + " --repeat), so a slowdown of the whole machine is not in this verdict."));
            case FAIL -> out.println("FAIL: " + (gate.with(RegressionGate.Outcome.FAIL).size() + gate.risen().size())
                    + " significant regression(s) beyond " + limit + ".");
            default -> {
                List<RegressionGate.Decision> open = gate.with(RegressionGate.Outcome.INCONCLUSIVE);
                if (medians == 0) {
                    out.println("INCONCLUSIVE: nothing could be judged: the runs share no baseline runtime to take"
                            + " ratios to, and no repeated run gives the run-to-run component (--repeat RUN)");
                    return gate.outcome();
                }
                out.println("INCONCLUSIVE: " + (open.size() + gate.uncompared().size()) + " cannot rule out a"
                        + " regression beyond " + limit + " (nor show one):");
                for (String why : gate.uncompared()) {
                    out.println("  " + why + ": not compared, so not passed");
                }
                for (RegressionGate.Decision d : open) {
                    out.println("  " + d.change().label() + ": " + d.reason() + (d.samplesToDecide() > 0
                            ? "; roughly " + d.samplesToDecide() + " blocks per run would decide it (now "
                                    + Math.min(d.change().n(), d.change().m()) + ")"
                            : ""));
                }
            }
        }
        return gate.outcome();
    }

    /**
     * What a reader must know of the two runs' machines, or null when both ran on machines with one fingerprint.
     * Two machines differ in far more than noise (gVisor's system-call ratio was 234x on one of ours and 34x on
     * another), so across machines only the ratios to the baseline runtime are compared, never absolute figures.
     */
    public static String machines(RunResults before, RunResults current) {
        String b = fingerprint(before);
        String c = fingerprint(current);
        if (b != null && b.equals(c)) {
            return null;
        }
        String which = (b == null ? "the baseline run recorded no machine fingerprint" : "baseline run on " + b)
                + ", " + (c == null ? "the current run recorded none" : "current run on " + c);
        return b != null && c != null
                ? which + ": two machines; compared by each runtime's ratio to the baseline runtime (a ratio of"
                        + " ratios), never by absolute figures, and --repeat's judgement of a runtime's own figures is"
                        + " not made"
                : which + ": the same machine is not confirmed; the ratios to the baseline runtime hold across"
                        + " machines, a runtime's own figures (--repeat) only on one";
    }

    private static String fingerprint(RunResults r) {
        return Environment.fingerprintOf(r.environment()).orElse(null);
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

    private static String tag(RegressionGate.Decision d, String limit) {
        return switch (d.outcome()) {
            case PASS -> "ok (within " + limit + ")";
            case FAIL -> "REGRESSION beyond " + limit;
            default -> "UNDECIDED";
        };
    }
}
