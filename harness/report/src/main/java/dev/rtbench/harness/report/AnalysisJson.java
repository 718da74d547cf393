package dev.rtbench.harness.report;

import dev.rtbench.harness.attribution.Attribution;
import dev.rtbench.harness.attribution.PhaseAttribution;
import dev.rtbench.harness.results.Machine;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RuntimeCaveats;
import dev.rtbench.harness.stats.Interval;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.StatsWarning;
import dev.rtbench.harness.stats.WorkloadClass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@code analysis.json}, written beside results.json: every comparison of the run with its figures and verdict,
 * so that scripts read verdicts without parsing Markdown. Numbers that could not be estimated are {@code null}
 * (JSON has no NaN). Re-derived from results.json alone, like the reports.
 */
public final class AnalysisJson {

    public static final String FILE_NAME = "analysis.json";

    /**
     * Bumped when a field changes meaning or is removed; adding fields keeps the version. 2: ratio and difference
     * are the paired (Hodges-Lehmann) estimates, {@code pooledRatio} keeps the ratio of pooled medians,
     * {@code worseShare} replaces {@code cliffsDelta}, and the verdict {@code not-testable} exists.
     */
    public static final int FORMAT_VERSION = 2;

    /**
     * The file's content.
     *
     * @param formatVersion {@link #FORMAT_VERSION}
     * @param runId         the run
     * @param baseline      the runtime every other is compared with
     * @param confidence    level of every interval
     * @param alpha         family-wise significance level (Holm)
     * @param ratioMeaning  how to read ratios and deltas
     * @param methods       the methods statement of the report
     * @param comparisons   one per (workload, metric, runtime other than the baseline)
     * @param warnings      every warning of the run, one line each
     * @param caveats       what a reader must know beside a runtime's figures (a configuration its project no longer
     *                      supports), one line each
     * @param machine       what the machine was (fingerprint, virtualisation, mitigations...), or null in older runs
     * @param hostReference each host reference workload's primary figure on the host itself, outside any container
     *                      (median, quartiles and rounds); empty in older runs
     * @param attribution   where each traced phase's time went, per runtime; empty unless the run traced its phases
     *                      ({@code --attribute})
     * @param inside        inside the verbs of a runtime that logs its own milestones (gVisor's runsc), each part's
     *                      median; no reference, no sum to the phase; empty otherwise
     */
    public record Document(int formatVersion, String runId, String baseline, double confidence, double alpha,
            String ratioMeaning, String methods, List<Comparison> comparisons, List<String> warnings,
            List<String> caveats, Machine machine, List<HostReferenceSection.HostFigure> hostReference,
            List<PhaseTime> attribution, List<PhaseTime> inside) {}

    /** A figure with its interval; null members could not be estimated. */
    public record Estimate(Double value, Double lower, Double upper, String unit) {}

    /**
     * One comparison.
     *
     * @param workloadClass the workload's class (lifecycle, CPU, memory, system calls, processes, files, storage,
     *                    network, density, bursts, or other), as the report's decision summary groups it
     * @param verdict     {@code worse}, {@code better}, {@code no-significant-difference}, {@code not-testable}
     *                    (too few blocks for any data to reach significance) or {@code not-tested}
     * @param pooledRatio ratio of the pooled medians, oriented like {@code ratio}: descriptive
     * @param smallestPossibleP the smallest raw p the test could give with these sizes
     * @param worseShare  share of blocks in which the runtime was worse (ties half), with Wilson's interval
     * @param sentence    the report's sentence for it
     * @param blocks      blocks in which both had successful samples (0 between runs)
     * @param resampling  {@code SIGNED_RANK} (interval inverts the test), or the fallback bootstrap:
     *                    {@code BLOCKS} (cluster) or {@code INDEPENDENT}
     * @param blockRatios each used block's ratio (oriented like {@code ratio}), in block order
     * @param warnings    the warnings about this workload, metric and runtime
     */
    public record Comparison(String workload, String workloadClass, String metric, String runtime, String baseline, String direction,
            int n, int baselineN, int blocks, String resampling, List<Integer> blockIndices, List<Double> blockRatios,
            Estimate ratio, Estimate difference, Double pooledRatio, String test, Double pRaw, Double pAdjusted,
            Double smallestPossibleP, Estimate worseShare, String verdict, String sentence, List<String> warnings) {}

    /**
     * Where one traced phase's time went under one runtime, every figure in ms (see the report's "Where the time
     * goes" for what the segments are).
     *
     * @param reference   the runtime its segments are compared with, or null (the baseline)
     * @param samples     the successful samples that have a timeline
     * @param blocks      the blocks they came from
     * @param incomplete  how many of them lack part of their tracing
     * @param phaseMedian the phase's median over those samples, with its block-bootstrap interval
     * @param segmentSum  the segments' medians summed; medians are not additive, so set against phaseMedian
     * @param sumsToPhase whether segmentSum lies within phaseMedian's interval, or the phase median within the sum of
     *                    the segments' intervals (each sample's segments sum to its phase exactly; medians do not)
     * @param segments    each segment in time order
     */
    public record PhaseTime(String workload, String runtime, String reference, int samples, int blocks,
            int incomplete, Estimate phaseMedian, Double segmentSum, boolean sumsToPhase, List<SegmentTime> segments) {}

    /**
     * One segment of a traced phase.
     *
     * @param median     its median and interval
     * @param difference its median minus the reference's, with its interval; null members without a reference
     */
    public record SegmentTime(String segment, Estimate median, Estimate difference) {}

    private AnalysisJson() {}

    public static Document document(RunAnalysis a) {
        return document(a, Attribution.of(a.results(), a.options()));
    }

    /** As {@link #document(RunAnalysis)}, with the run's attribution already estimated. */
    public static Document document(RunAnalysis a, Attribution attribution) {
        double alpha = a.options().alpha();
        List<Comparison> comparisons = a.overheads().stream().map(o -> comparison(o, a.warnings(), alpha)).toList();
        return new Document(FORMAT_VERSION, a.results().runId(), a.baseline(), a.options().confidence(), alpha,
                "ratio: above 1 is worse than the baseline, for every metric; worseShare: above 0.5 is worse;"
                        + " difference: runtime - baseline in the metric's unit (paired estimates over the blocks)",
                a.methods(), comparisons, a.warnings().stream().map(StatsWarning::text).toList(),
                RuntimeCaveats.of(a.results().environment()),
                a.results().environment() == null ? null : a.results().environment().machine(),
                HostReferenceSection.figures(a.results().hostReference()),
                attribution.phases().stream().map(AnalysisJson::phaseTime).toList(),
                attribution.inside().stream().map(AnalysisJson::phaseTime).toList());
    }

    static PhaseTime phaseTime(PhaseAttribution p) {
        return new PhaseTime(p.workload(), p.runtime(), p.reference(), p.samples(), p.blocks(), p.incomplete(),
                estimate(p.phaseMedianMs(), p.phaseMedian(), "ms"), num(p.segmentSumMs()), p.sumsToPhase(),
                p.segments().stream().map(s -> new SegmentTime(s.segment(), estimate(s.medianMs(), s.median(), "ms"),
                        estimate(s.differenceMs(), s.difference(), "ms"))).toList());
    }

    static Comparison comparison(OverheadEstimate o, List<StatsWarning> all, double alpha) {
        List<String> own = all.stream()
                .filter(w -> o.key().equals(w.key()) && Objects.equals(o.runtime(), w.runtime()))
                .map(StatsWarning::message).toList();
        return new Comparison(o.key().workload(), WorkloadClass.of(o.key().workload()), o.key().metric(), o.runtime(),
                o.reference(), o.direction().name(),
                o.n(), o.referenceN(), o.blocks().count(), o.blocks().resampling().name(), o.blocks().blocks(),
                o.blocks().ratios(), estimate(o.ratio(), o.ratioInterval(), null),
                estimate(o.difference(), o.differenceInterval(), o.unit()), num(o.pooledRatio()),
                o.test().method().label(), num(o.test().pValue()), num(o.pAdjusted()),
                num(o.test().smallestPossibleP()),
                estimate(o.worseShare().share(), o.worseShare().interval(), null), o.verdict(alpha).label(),
                o.sentence(alpha), own);
    }

    /** Writes {@code dir/analysis.json}. */
    public static Path write(RunAnalysis a, Path dir) {
        return write(a, Attribution.of(a.results(), a.options()), dir);
    }

    /** As {@link #write(RunAnalysis, Path)}, with the run's attribution already estimated. */
    public static Path write(RunAnalysis a, Attribution attribution, Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            ResultsJson.mapper().writeValue(file.toFile(), document(a, attribution));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static Estimate estimate(double value, Interval i, String unit) {
        return new Estimate(num(value), num(i.lower()), num(i.upper()), unit);
    }

    private static Double num(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
