package dev.rtbench.bench.validate;

import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.StatsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * rtbench's checks of itself, read from a run of runc, a second name for runc, and two calibration wrappers:
 * whether a known injected delay comes back (difference and its interval), whether two names for one runtime
 * come out alike (A/A), and what this machine can resolve. Pure: it reads results, so it is tested without Docker.
 */
final class Validation {

    /** One check: its name, what it concluded, and the figures behind it. */
    record Check(String name, KnownDelay.Result result, String detail) {
        boolean passed() {
            return result == KnownDelay.Result.PASS;
        }
    }

    /**
     * Where a verb's calls land: the phase whose time holds them and how many calls of the verb it holds (see
     * {@link dev.rtbench.harness.results.Phase}).
     */
    record Landing(String phase, int calls) {}

    /** Through dockerd: each verb once, in one phase. */
    static final Map<String, Landing> DOCKER = Map.of("create", new Landing("start", 1), "start",
            new Landing("start", 1), "kill", new Landing("stop", 1), "delete", new Landing("wait", 1), "exec",
            new Landing("exec", 1));

    /** Through CRI (containerd 1.6): StopContainer calls the runtime's kill and delete twice each. */
    static final Map<String, Landing> CRI = Map.of("create", new Landing("start", 1), "start",
            new Landing("start", 1), "kill", new Landing("stop", 2), "delete", new Landing("stop", 2), "exec",
            new Landing("exec", 1));

    /**
     * validate's own error budget, split in two: the A/A family is tested at alpha / 2 (Holm over the phases) and
     * the known delay's interval has level 1 - alpha / 2, so a correct instrument fails validate in at most about
     * alpha of runs (at 0.05 each half it failed 8.6% to 9.7% of resampled runs: FalseFailures).
     */
    static double aaAlpha(double alpha) {
        return alpha / 2;
    }

    /** The known delay's interval level: see {@link #aaAlpha}. */
    static double delayConfidence(double alpha) {
        return 1 - alpha / 2;
    }

    private final RunResults run;
    private final double injectedMs;
    private final String verb;
    private final double tolerance;
    private final double alpha;
    private final String engine;
    /** what the calibration wrappers' sleeps delivered ({@link CalibrationRuntimes#deliveredMs()}), or NaN */
    private final double deliveredMs;
    private RunAnalysis aaRun;

    /**
     * @param tolerance how far the recovered difference may be from the injected delay, relative to it
     */
    Validation(RunResults run, double injectedMs, String verb, double tolerance, double alpha) {
        this(run, injectedMs, verb, tolerance, alpha, Arm.DOCKER);
    }

    /** @param engine the engine the run measured through ({@link Arm}): where the calls land depends on it */
    Validation(RunResults run, double injectedMs, String verb, double tolerance, double alpha, String engine) {
        this(run, injectedMs, verb, tolerance, alpha, engine, Double.NaN);
    }

    /**
     * @param deliveredMs the delay the calibration wrappers' sleeps delivered, measured by the wrappers; NaN when
     *                    unknown (a recorded run): the checks then hold the recovered delay against the nominal one
     */
    Validation(RunResults run, double injectedMs, String verb, double tolerance, double alpha, String engine,
            double deliveredMs) {
        this.deliveredMs = deliveredMs;
        this.engine = engine;
        this.run = run;
        this.injectedMs = injectedMs;
        this.verb = verb;
        this.tolerance = tolerance;
        this.alpha = alpha;
    }

    /** The workloads a validation measures for a verb: every lifecycle phase and the exec path. */
    static List<String> workloads() {
        return List.of("create", "start", "wait", "stop", "remove", "exec");
    }

    /** The same through {@code engine}: through CRI the container phases and the pod's sandbox start. */
    static List<String> workloads(String engine) {
        return engine.equals(Arm.DOCKER) ? workloads()
                : List.of("create", "start", "stop", "remove", "exec", "pod-sandbox-start");
    }

    /** The verb's landing through this validation's engine. */
    Landing landing() {
        return landingOf(engine, verb);
    }

    /** Where {@code verb}'s calls land through {@code engine}. */
    static Landing landingOf(String engine, String verb) {
        Landing l = (engine.equals(Arm.DOCKER) ? DOCKER : CRI).get(verb);
        if (l == null) {
            throw new IllegalArgumentException("no OCI verb \"" + verb + "\": use create, start, kill, delete or exec");
        }
        return l;
    }

    /**
     * The phases to measure: {@code chosen} (empty for all of the engine's) in the engine's order, checked to be
     * phases of the engine and to hold the verb's phase, without which there is no known delay to recover.
     */
    static List<String> phases(String engine, String verb, List<String> chosen) {
        List<String> all = workloads(engine);
        if (chosen.isEmpty()) {
            return all;
        }
        for (String p : chosen) {
            if (!all.contains(p)) {
                throw new IllegalArgumentException("validate has no phase \"" + p + "\" through " + engine + ": its"
                        + " phases there are " + String.join(", ", all));
            }
        }
        String needed = landingOf(engine, verb).phase();
        if (!chosen.contains(needed)) {
            throw new IllegalArgumentException("OCI " + verb + " lands in " + needed + " through " + engine + ": add "
                    + needed + " to --phases, or leave --phases out to measure every phase");
        }
        return all.stream().filter(chosen::contains).toList();
    }

    /** A calibration runtime's arm name in this run. */
    private String arm(String runtime) {
        return new Arm(runtime, engine).name();
    }

    /**
     * The known delay and the A/A; in a traced run ({@code validate --attribute}) the known delay segment by
     * segment instead of the A/A, whose pair is then runc with the tracing wrapper and without it
     * ({@link #tracingCost}).
     */
    List<Check> checks() {
        List<Check> out = new ArrayList<>();
        out.add(knownEffect());
        if (traced()) {
            out.addAll(new AttributedDelay(run, injectedMs, knownMs(), verb, landing(), tolerance,
                    delayConfidence(alpha), arm(CalibrationRuntimes.PLAIN), arm(CalibrationRuntimes.DELAYED)).checks());
        } else {
            out.addAll(aa());
        }
        return out;
    }

    /** Whether the run recorded timelines. */
    boolean traced() {
        return !run.timelines().isEmpty();
    }

    /** In a traced run: what the tracing wrapper costs per phase, from the pair of runc with it and without. */
    List<String> tracingCost() {
        return traced() ? AttributedDelay.cost(aaAnalysis(), arm(CalibrationRuntimes.B), arm(CalibrationRuntimes.A))
                : List.of();
    }

    /** The delay the checks hold the recovered one against: what the wrappers delivered, where they measured it. */
    double knownMs() {
        return Double.isNaN(deliveredMs) ? injectedMs : deliveredMs;
    }

    /** What a check's detail says of the delivered delay: nothing when it was not measured. */
    String delivered() {
        return Double.isNaN(deliveredMs) ? "" : String.format(Locale.ROOT, "; known value: the %.2f ms the wrapper's"
                + " sleep delivered (the injected %.2f ms and the wake-up of a sleeping process)", deliveredMs,
                injectedMs);
    }

    /** The calibration pair on the verb's phase: the difference's interval holds the delay, the estimate is close. */
    Check knownEffect() {
        Landing landing = landing();
        String phase = landing.phase();
        // a phase that calls the verb twice holds the delay twice
        double expected = knownMs() * landing.calls();
        String name = String.format(Locale.ROOT, "known delay: %.1f ms injected at OCI %s, recovered in %s%s",
                injectedMs, verb, phase, landing.calls() == 1 ? "" : " (" + landing.calls() + " calls: "
                        + String.format(Locale.ROOT, "%.1f ms", injectedMs * landing.calls()) + ")");
        OverheadEstimate o = analysis(arm(CalibrationRuntimes.PLAIN), arm(CalibrationRuntimes.DELAYED),
                delayConfidence(alpha)).overhead(new MetricKey(phase, "time"), arm(CalibrationRuntimes.DELAYED))
                .orElse(null);
        if (o == null || !o.tested()) {
            return new Check(name, KnownDelay.Result.FAIL, "no successful samples of " + phase
                    + " under both calibration runtimes");
        }
        double d = o.difference();
        var ci = o.differenceInterval();
        KnownDelay.Judgement j = KnownDelay.judge(d, ci, expected, tolerance);
        String detail = String.format(Locale.ROOT, "recovered %+.2f ms [%.2f, %.2f] (%s), ratio %s %s;"
                + " tolerance +-%.0f%% of the delay; %.1f%% interval", d, ci.lower(), ci.upper(), j.reason(),
                OverheadEstimate.fmt(o.ratio()), OverheadEstimate.formatInterval(o.ratioInterval()), tolerance * 100,
                100 * delayConfidence(alpha)) + delivered();
        return new Check(name, j.result(), detail);
    }

    /**
     * runc under one name against runc under another, on every phase: no difference may come out. Family-wise:
     * a phase fails only when its difference is significant after Holm's correction over the phases, so a correct
     * instrument fails the A/A checks in at most alpha of runs, not in one of four (six 95% intervals each holding
     * 1 is a 26% chance of a miss). Whether each interval holds 1 is reported beside it.
     */
    List<Check> aa() {
        List<Check> out = new ArrayList<>();
        RunAnalysis a = aaAnalysis();
        for (OverheadEstimate o : a.overheads()) {
            if (!o.key().metric().equals("time")) {
                continue;
            }
            String name = "A/A on " + o.key().workload() + ": runc under two names";
            if (!o.tested()) {
                out.add(new Check(name, KnownDelay.Result.FAIL, "no successful samples under both names"));
                continue;
            }
            boolean holds1 = o.ratioInterval().contains(1.0);
            boolean quiet = !o.significant(aaAlpha(alpha));
            out.add(new Check(name, quiet ? KnownDelay.Result.PASS : KnownDelay.Result.FAIL, String.format(
                    Locale.ROOT, "ratio %s %s, difference %+.2f ms [%.2f, %.2f], %s (Holm over the phases, at %.3f)%s",
                    OverheadEstimate.fmt(o.ratio()), OverheadEstimate.formatInterval(o.ratioInterval()),
                    o.difference(), o.differenceInterval().lower(), o.differenceInterval().upper(),
                    OverheadEstimate.formatP(o.pAdjusted()), aaAlpha(alpha), !quiet ? "; significant: a false positive"
                            : holds1 ? "" : "; its 95% interval misses 1, which one phase in twenty does by chance")));
        }
        return out;
    }

    /** From the A/A spread: the smallest difference of each phase the run could tell from none. */
    List<String> sensitivity() {
        List<String> out = new ArrayList<>();
        RunAnalysis a = aaAnalysis();
        for (OverheadEstimate o : a.overheads()) {
            if (o.key().metric().equals("time") && o.tested() && o.differenceInterval().known()) {
                double half = (o.differenceInterval().upper() - o.differenceInterval().lower()) / 2;
                double median = a.summary(o.key(), arm(CalibrationRuntimes.A)).map(s -> s.median()).orElse(Double.NaN);
                out.add(String.format(Locale.ROOT, "%s: differences below %.2f ms (%.1f%% of its %.1f ms) are not"
                        + " resolvable on this machine with this design", o.key().workload(), half,
                        100 * half / median, median));
            }
        }
        return out;
    }

    /** runc under one name against the other: the A/A checks and the sensitivity both read it, made once. */
    private RunAnalysis aaAnalysis() {
        if (aaRun == null) {
            aaRun = analysis(arm(CalibrationRuntimes.A), arm(CalibrationRuntimes.B));
        }
        return aaRun;
    }

    /** The run seen as a comparison of two of its runtimes only, {@code reference} the baseline. */
    RunAnalysis analysis(String reference, String runtime) {
        return analysis(reference, runtime, StatsOptions.defaults().confidence());
    }

    /** The same with intervals at {@code confidence}. */
    RunAnalysis analysis(String reference, String runtime, double confidence) {
        return RunAnalysis.of(pair(run, reference, runtime), at(confidence));
    }

    /**
     * The run seen as a comparison of two of its runtimes only, {@code reference} the baseline: their samples and
     * timelines, in the run's blocks.
     */
    static RunResults pair(RunResults run, String reference, String runtime) {
        Set<String> two = Set.of(reference, runtime);
        RunConfig c = run.config();
        RunConfig config = new RunConfig(List.of(reference, runtime), reference, c.workloads(), c.profile(), c.image(),
                c.roundOrder(), c.blocks(), c.phaseCalls());
        return new RunResults(run.formatVersion(), run.runId(), run.started(), run.finished(), run.status(),
                run.environment(), config, run.samples().stream().filter(s -> two.contains(s.runtime())).toList(),
                run.notes(), List.of(), run.timelines().stream().filter(t -> two.contains(t.runtime())).toList());
    }

    /** The default statistics with intervals at {@code confidence}. */
    static StatsOptions at(double confidence) {
        StatsOptions d = StatsOptions.defaults();
        return new StatsOptions(confidence, d.alpha(), d.bootstrapResamples(), d.seed(), d.minSamples(),
                d.highVariationCv());
    }
}
