package dev.rtbench.bench.validate;

import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.stats.MetricKey;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunAnalysis;
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

    /** One check: its name, whether it held, and the figures behind it. */
    record Check(String name, boolean passed, String detail) {}

    /**
     * Where a verb's calls land: the phase whose time holds them and how many calls of the verb it holds (see
     * {@link dev.rtbench.harness.engine.PhaseCalls}).
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

    private final RunResults run;
    private final double injectedMs;
    private final String verb;
    private final double tolerance;
    private final double alpha;
    private final String engine;

    /**
     * @param tolerance how far the recovered difference may be from the injected delay, relative to it
     */
    Validation(RunResults run, double injectedMs, String verb, double tolerance, double alpha) {
        this(run, injectedMs, verb, tolerance, alpha, Arm.DOCKER);
    }

    /** @param engine the engine the run measured through ({@link Arm}): where the calls land depends on it */
    Validation(RunResults run, double injectedMs, String verb, double tolerance, double alpha, String engine) {
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
        return (engine.equals(Arm.DOCKER) ? DOCKER : CRI).get(verb);
    }

    /** A calibration runtime's arm name in this run. */
    private String arm(String runtime) {
        return new Arm(runtime, engine).name();
    }

    List<Check> checks() {
        List<Check> out = new ArrayList<>();
        out.add(knownEffect());
        out.addAll(aa());
        return out;
    }

    /** The calibration pair on the verb's phase: the difference's interval holds the delay, the estimate is close. */
    Check knownEffect() {
        Landing landing = landing();
        String phase = landing.phase();
        // a phase that calls the verb twice holds the delay twice
        double expected = injectedMs * landing.calls();
        String name = String.format(Locale.ROOT, "known delay: %.1f ms injected at OCI %s, recovered in %s%s",
                injectedMs, verb, phase, landing.calls() == 1 ? "" : " (" + landing.calls() + " calls: "
                        + String.format(Locale.ROOT, "%.1f ms", expected) + ")");
        OverheadEstimate o = pair(arm(CalibrationRuntimes.PLAIN), arm(CalibrationRuntimes.DELAYED), phase);
        if (o == null || !o.tested()) {
            return new Check(name, false, "no successful samples of " + phase + " under both calibration runtimes");
        }
        double d = o.difference();
        var ci = o.differenceInterval();
        boolean inInterval = ci.contains(expected);
        boolean close = Math.abs(d - expected) <= tolerance * expected;
        String detail = String.format(Locale.ROOT, "recovered %+.2f ms [%.2f, %.2f] (%s), ratio %s %s;"
                + " tolerance +-%.0f%% of the delay", d, ci.lower(), ci.upper(), inInterval
                ? "the interval holds the injected value" : "the interval MISSES the injected value",
                OverheadEstimate.fmt(o.ratio()), OverheadEstimate.formatInterval(o.ratioInterval()), tolerance * 100);
        return new Check(name, inInterval && close, detail + (close ? "" : String.format(Locale.ROOT,
                "; the estimate is off by %.2f ms, more than the tolerance", d - expected)));
    }

    /** runc under one name against runc under another, on every phase: no difference may come out. */
    List<Check> aa() {
        List<Check> out = new ArrayList<>();
        RunAnalysis a = analysis(arm(CalibrationRuntimes.A), arm(CalibrationRuntimes.B));
        for (OverheadEstimate o : a.overheads()) {
            if (!o.key().metric().equals("time")) {
                continue;
            }
            String name = "A/A on " + o.key().workload() + ": runc under two names";
            if (!o.tested()) {
                out.add(new Check(name, false, "no successful samples under both names"));
                continue;
            }
            boolean holds1 = o.ratioInterval().contains(1.0);
            boolean quiet = !o.significant(alpha);
            out.add(new Check(name, holds1 && quiet, String.format(Locale.ROOT,
                    "ratio %s %s, difference %+.2f ms [%.2f, %.2f], %s%s", OverheadEstimate.fmt(o.ratio()),
                    OverheadEstimate.formatInterval(o.ratioInterval()), o.difference(), o.differenceInterval().lower(),
                    o.differenceInterval().upper(), OverheadEstimate.formatP(o.pAdjusted()),
                    holds1 && quiet ? "" : quiet ? "; the interval misses 1" : "; significant: a false positive")));
        }
        return out;
    }

    /** From the A/A spread: the smallest difference of each phase the run could tell from none. */
    List<String> sensitivity() {
        List<String> out = new ArrayList<>();
        RunAnalysis a = analysis(arm(CalibrationRuntimes.A), arm(CalibrationRuntimes.B));
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

    private OverheadEstimate pair(String reference, String runtime, String workload) {
        return analysis(reference, runtime).overhead(new MetricKey(workload, "time"), runtime).orElse(null);
    }

    /** The run seen as a comparison of two of its runtimes only, {@code reference} the baseline. */
    RunAnalysis analysis(String reference, String runtime) {
        Set<String> two = Set.of(reference, runtime);
        List<Sample> samples = run.samples().stream().filter(s -> two.contains(s.runtime())).toList();
        RunConfig c = run.config();
        RunConfig config = new RunConfig(List.of(reference, runtime), reference, c.workloads(), c.profile(), c.image(),
                c.roundOrder(), c.blocks(), c.phaseCalls());
        return RunAnalysis.of(new RunResults(run.formatVersion(), run.runId(), run.started(), run.finished(),
                run.status(), run.environment(), config, samples, run.notes()));
    }
}
