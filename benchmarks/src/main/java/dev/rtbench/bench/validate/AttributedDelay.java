package dev.rtbench.bench.validate;

import dev.rtbench.harness.attribution.Attribution;
import dev.rtbench.harness.attribution.PhaseAttribution;
import dev.rtbench.harness.attribution.SegmentEstimate;
import dev.rtbench.harness.attribution.Segments;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code validate --attribute}: the known delay checked segment by segment. A delay injected at an OCI verb must
 * come back in that verb's segment of the phase that calls it ({@code OCI create} of {@code start}), with an
 * interval that holds it, and in no other segment of that phase. And the A/A pair, one runc with the tracing
 * wrapper and one without, states what the wrapper itself costs.
 */
final class AttributedDelay {

    private final RunResults run;
    private final double injectedMs;
    private final double knownMs;
    private final String verb;
    private final Validation.Landing landing;
    private final double tolerance;
    private final double confidence;
    private final String plain;
    private final String delayed;

    /**
     * @param injectedMs the nominal delay
     * @param knownMs    the delay the calibration wrapper delivered, which the segment must hold
     */
    AttributedDelay(RunResults run, double injectedMs, double knownMs, String verb, Validation.Landing landing,
            double tolerance, double confidence, String plain, String delayed) {
        this.run = run;
        this.injectedMs = injectedMs;
        this.knownMs = knownMs;
        this.verb = verb;
        this.landing = landing;
        this.tolerance = tolerance;
        this.confidence = confidence;
        this.plain = plain;
        this.delayed = delayed;
    }

    /** The segment that holds the verb's {@code k}-th call in its phase (from 1). */
    String segment(int k) {
        return Segments.OCI_PREFIX + verb + (k == 1 ? "" : "#" + k);
    }

    List<Validation.Check> checks() {
        String phase = landing.phase();
        Optional<PhaseAttribution> got = attribution().phase(phase, delayed);
        List<Validation.Check> out = new ArrayList<>();
        String where = String.format(Locale.ROOT, "attributed: %.1f ms injected at OCI %s lands in %s's segment",
                injectedMs, verb, phase);
        if (got.isEmpty() || got.get().reference() == null) {
            out.add(new Validation.Check(where, KnownDelay.Result.FAIL, "no timelines of " + phase + " under both"
                    + " calibration runtimes: was the run made with --attribute?"));
            return out;
        }
        PhaseAttribution p = got.get();
        List<String> landed = new ArrayList<>();
        for (int k = 1; k <= landing.calls(); k++) {
            String name = segment(k);
            landed.add(name);
            Optional<SegmentEstimate> s = p.segments().stream().filter(e -> e.segment().equals(name)).findFirst();
            if (s.isEmpty() || !s.get().compared()) {
                out.add(new Validation.Check(where + " " + name, KnownDelay.Result.FAIL, "no segment " + name
                        + " under both calibration runtimes; segments: " + p.segments().stream()
                        .map(SegmentEstimate::segment).toList()));
                continue;
            }
            SegmentEstimate e = s.get();
            KnownDelay.Judgement j = KnownDelay.judge(e.differenceMs(), e.difference(), knownMs, tolerance);
            out.add(new Validation.Check(where + " " + name, j.result(), String.format(Locale.ROOT,
                    "recovered %+.2f ms [%.2f, %.2f] (%s); %.1f%% interval%s", e.differenceMs(), e.difference().lower(),
                    e.difference().upper(), j.reason(), 100 * confidence, knownMs == injectedMs ? ""
                            : String.format(Locale.ROOT, "; known value: the %.2f ms the wrapper's sleep delivered",
                            knownMs))));
        }
        out.add(nowhereElse(p, landed));
        return out;
    }

    /**
     * The other segments of the phase: the delay leaked into one when its difference is clearly not 0 (the
     * interval excludes it) and larger than the tolerance; noise alone makes one of twenty intervals miss 0.
     */
    private Validation.Check nowhereElse(PhaseAttribution p, List<String> landed) {
        String name = String.format(Locale.ROOT, "attributed: nothing of the delay in %s's other segments",
                p.workload());
        double allowed = tolerance * injectedMs;
        List<SegmentEstimate> others = p.segments().stream().filter(SegmentEstimate::compared)
                .filter(e -> !landed.contains(e.segment())).toList();
        List<String> leaks = others.stream().filter(e -> !e.difference().contains(0)
                        && Math.abs(e.differenceMs()) > allowed)
                .map(AttributedDelay::describe).toList();
        Optional<SegmentEstimate> largest = others.stream()
                .max(Comparator.comparingDouble(e -> Math.abs(e.differenceMs())));
        String detail = String.format(Locale.ROOT, "%d other segments; the largest difference %s; a leak is a"
                + " difference whose interval excludes 0 and that exceeds +-%.2f ms", others.size(),
                largest.map(AttributedDelay::describe).orElse("-"), allowed);
        return leaks.isEmpty() ? new Validation.Check(name, KnownDelay.Result.PASS, detail)
                : new Validation.Check(name, KnownDelay.Result.FAIL, "the delay leaked into " + leaks + "; " + detail);
    }

    private static String describe(SegmentEstimate e) {
        return String.format(Locale.ROOT, "%s %+.2f ms [%.2f, %.2f]", e.segment(), e.differenceMs(),
                e.difference().lower(), e.difference().upper());
    }

    /** The timelines of the two calibration runtimes, the plain one the reference. */
    Attribution attribution() {
        return Attribution.of(Validation.pair(run, plain, delayed), Validation.at(confidence));
    }

    /**
     * What the wrapper costs, per phase: runc behind it against runc without it, the A/A pair of a traced
     * validate. A measurement, not a check: the wrapper forks a shell per verb, so it costs something.
     */
    static List<String> cost(RunAnalysis traced, String withWrapper, String without) {
        List<String> out = new ArrayList<>();
        for (OverheadEstimate o : traced.overheads()) {
            if (!o.key().metric().equals("time") || !o.tested()) {
                continue;
            }
            out.add(String.format(Locale.ROOT, "%s: %s with the wrapper against %s without it: %s %s, %+.2f ms"
                    + " [%.2f, %.2f], %s", o.key().workload(), withWrapper, without, OverheadEstimate.fmt(o.ratio()),
                    OverheadEstimate.formatInterval(o.ratioInterval()), o.difference(), o.differenceInterval().lower(),
                    o.differenceInterval().upper(), OverheadEstimate.formatP(o.pAdjusted())));
        }
        return out;
    }
}
