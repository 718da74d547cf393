package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.Sample;
import org.apache.commons.math3.distribution.NormalDistribution;

/** How {@link RunComparison} estimates each {@link RunChange.Aspect}; oriented so that above 1 is worse. */
final class ChangeEstimates {

    private static final NormalDistribution NORMAL = new NormalDistribution();

    private ChangeEstimates() {}

    /**
     * The runtime's per-block log ratios to the reference in the current run against those of the baseline run:
     * the two-sample Hodges-Lehmann shift, its rank-sum interval and the Mann-Whitney p (blocks are the units).
     */
    static RunChange ratio(Sample like, String reference, BlockPairs before, BlockPairs now, double confidence) {
        TwoSampleShift shift = TwoSampleShift.of(now.logRatios(), before.logRatios(), confidence);
        return oriented(like, reference, RunChange.Aspect.RATIO, Math.exp(shift.estimate()), exp(shift.interval()),
                shift.p(), now.size(), before.size());
    }

    /**
     * The same for each block's worse tail (p90 of a lower-is-better figure, p10 of a higher-is-better one; of two
     * samples, nearly the worse): per-block log ratios of the tails, one run's against the other's by the same
     * rank-sum shift. A bootstrap of the runs' pooled p90s was tried first: with 10 to 20 blocks it understated the
     * quantile's variance, and two default runs of one build "regressed" in a quarter of resampled pairs.
     */
    static RunChange ratioTail(Sample like, String reference, BlockPairs before, BlockPairs now, double confidence) {
        double q = like.direction() == Direction.HIGHER_IS_BETTER ? 0.1 : 0.9;
        TwoSampleShift shift = TwoSampleShift.of(now.logRatios(q), before.logRatios(q), confidence);
        return oriented(like, reference, RunChange.Aspect.RATIO_TAIL, Math.exp(shift.estimate()),
                exp(shift.interval()), shift.p(), now.size(), before.size());
    }

    /** A runtime's own median or tail, with the run-to-run component counted twice (one for each run). */
    static RunChange own(Sample like, LogStatistic then, LogStatistic current, RunToRun component, boolean tail,
                         double confidence) {
        double variance = then.blocks() < 2 || current.blocks() < 2 ? Double.NaN
                : 2 * component.variance() + then.variance() + current.variance();
        return normal(like, null, tail ? RunChange.Aspect.OWN_TAIL : RunChange.Aspect.OWN,
                current.value() - then.value(), variance, confidence, current.blocks(), then.blocks());
    }

    private static RunChange normal(Sample like, String reference, RunChange.Aspect aspect, double logChange,
                                    double variance, double confidence, int n, int m) {
        double sd = Math.sqrt(variance);
        // no spread to judge by (one block, or every resample alike): no interval, and no evidence either way
        boolean known = sd > 0 && Double.isFinite(logChange);
        double z = NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
        Interval ci = known ? new Interval(Math.exp(logChange - z * sd), Math.exp(logChange + z * sd), confidence)
                : Interval.unknown(confidence);
        double p = known ? 2 * NORMAL.cumulativeProbability(-Math.abs(logChange) / sd) : 1;
        return oriented(like, reference, aspect, Math.exp(logChange), ci, p, n, m);
    }

    private static RunChange oriented(Sample like, String reference, RunChange.Aspect aspect, double ratio,
                                      Interval ci, double p, int n, int m) {
        boolean higher = like.direction() == Direction.HIGHER_IS_BETTER;
        return new RunChange(new MetricKey(like.workload(), like.metric()), like.runtime(), reference, aspect,
                like.unit(), like.direction(), higher ? 1 / ratio : ratio, higher && ci.known() ? ci.reciprocal() : ci,
                p, p, n, m);
    }

    private static Interval exp(Interval logScale) {
        return logScale.known() ? new Interval(Math.exp(logScale.lower()), Math.exp(logScale.upper()),
                logScale.confidence()) : logScale;
    }
}
