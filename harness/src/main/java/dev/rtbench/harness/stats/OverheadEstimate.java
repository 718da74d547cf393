package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much worse (or better) one runtime is than the reference on one {@link MetricKey}.
 *
 * <p><b>The ratio always reads "greater than 1 is worse"</b>: for lower-is-better metrics (times) it is
 * {@code median(runtime) / median(reference)}, so 1.66 means 1.66x slower; for higher-is-better metrics
 * (throughputs) it is {@code median(reference) / median(runtime)}, so 1.47 means the runtime achieves 1/1.47 of
 * the reference's throughput. Cliff's delta is oriented the same way: positive means worse than the reference.
 * The difference is always {@code median(runtime) - median(reference)} in the metric's unit, whatever the direction.
 *
 * <p>Inside a run ({@link #withinBlocks}) the medians are of the samples of the blocks where both sides ran, the
 * interval resamples whole blocks and the test compares within blocks. Between runs ({@link #estimate}) the samples
 * of each run are pooled and treated as independent groups.
 *
 * @param key                workload and metric
 * @param runtime            the runtime measured (in {@code compare}: the current run)
 * @param reference          what it is compared with (the baseline runtime, or the earlier run)
 * @param unit               unit of the metric and of the difference
 * @param direction          whether lower or higher values are better
 * @param n                  successful samples of the runtime in the estimate
 * @param referenceN         successful samples of the reference in the estimate
 * @param ratio              overhead ratio (greater than 1 is worse), see above
 * @param ratioInterval      bootstrap percentile interval of the ratio
 * @param difference         median(runtime) - median(reference)
 * @param differenceInterval bootstrap percentile interval of the difference
 * @param test               the rank test (signed-rank within blocks, or Mann-Whitney between runs)
 * @param pAdjusted          the test's p-value after Holm's correction over every comparison in the run
 * @param cliffsDelta        Cliff's delta over the pooled samples, positive = worse than the reference
 * @param blocks             the blocks used, each block's ratio, and how the interval resampled
 */
public record OverheadEstimate(
        MetricKey key,
        String runtime,
        String reference,
        String unit,
        Direction direction,
        int n,
        int referenceN,
        double ratio,
        Interval ratioInterval,
        double difference,
        Interval differenceInterval,
        RankTest test,
        double pAdjusted,
        double cliffsDelta,
        BlockEvidence blocks) {

    /** Fewer blocks than this and the bootstrap resamples samples instead (a cluster bootstrap of 2 is degenerate). */
    public static final int MIN_BLOCKS = 3;

    /**
     * Within one run: x (runtime) against y (reference) in counterbalanced blocks. With at least {@link #MIN_BLOCKS}
     * blocks where both ran, medians, interval (block bootstrap) and delta use the samples of those blocks; with
     * fewer, the samples of all blocks are resampled independently (the caller warns). The test is always the
     * signed-rank test on the shared blocks' log ratios.
     */
    public static OverheadEstimate withinBlocks(MetricKey key, String runtime, String reference, BlockPairs pairs,
            double[] allX, double[] allY, String unit, Direction direction, Bootstrap bootstrap, double confidence) {
        boolean byBlock = pairs.size() >= MIN_BLOCKS;
        double[] x = byBlock ? pairs.pooledX() : allX;
        double[] y = byBlock ? pairs.pooledY() : allY;
        Interval[] ci = byBlock ? bootstrap.blockRatioAndDifference(pairs.x(), pairs.y(), confidence)
                : bootstrap.ratioAndDifference(x, y, confidence);
        double[] perBlock = pairs.ratios();
        double[] logs = new double[perBlock.length];
        List<Double> oriented = new ArrayList<>();
        for (int i = 0; i < perBlock.length; i++) {
            logs[i] = Math.log(perBlock[i]);
            oriented.add(direction == Direction.HIGHER_IS_BETTER ? 1 / perBlock[i] : perBlock[i]);
        }
        BlockEvidence evidence = new BlockEvidence(pairs.blocks(), oriented,
                byBlock ? BlockEvidence.Resampling.BLOCKS : BlockEvidence.Resampling.INDEPENDENT);
        return make(key, runtime, reference, x, y, ci, RankTest.withinBlocks(logs), unit, direction, evidence);
    }

    /**
     * Between runs: x (runtime) against y (reference) as independent groups, independent bootstrap and
     * Mann-Whitney test. The p-value is not yet adjusted: {@code pAdjusted} equals the raw p until
     * {@link #withAdjustedP} is applied over the whole family.
     */
    public static OverheadEstimate estimate(MetricKey key, String runtime, double[] x, String reference, double[] y,
            String unit, Direction direction, Bootstrap bootstrap, double confidence) {
        return make(key, runtime, reference, x, y, bootstrap.ratioAndDifference(x, y, confidence), RankTest.of(x, y),
                unit, direction, BlockEvidence.none());
    }

    private static OverheadEstimate make(MetricKey key, String runtime, String reference, double[] x, double[] y,
            Interval[] ci, RankTest test, String unit, Direction direction, BlockEvidence evidence) {
        double mx = Quantiles.median(x);
        double my = Quantiles.median(y);
        double ratio = mx / my;
        Interval ratioCi = ci[0];
        double delta = CliffsDelta.of(x, y);
        if (direction == Direction.HIGHER_IS_BETTER) {
            ratio = my / mx;
            ratioCi = ratioCi.reciprocal();
            delta = -delta;
        }
        return new OverheadEstimate(key, runtime, reference, unit, direction, x.length, y.length, ratio, ratioCi,
                mx - my, ci[1], test, test.pValue(), delta, evidence);
    }

    public OverheadEstimate withAdjustedP(double adjusted) {
        return new OverheadEstimate(key, runtime, reference, unit, direction, n, referenceN, ratio, ratioInterval,
                difference, differenceInterval, test, adjusted, cliffsDelta, blocks);
    }

    /** Whether both groups had samples and there was something to test. */
    public boolean tested() {
        return n > 0 && referenceN > 0 && !Double.isNaN(pAdjusted);
    }

    /** Significant at {@code alpha} after Holm's correction. */
    public boolean significant(double alpha) {
        return tested() && pAdjusted < alpha;
    }

    /** Significant and worse than the reference. */
    public boolean significantlyWorse(double alpha) {
        return significant(alpha) && ratio > 1;
    }

    /**
     * One honest sentence, e.g. {@code runsc: 1.66x slower than runc [1.61, 1.72], p < 0.001}, or
     * {@code runsc: no significant difference from runc (1.01x [0.98, 1.04], p = 0.420)}. An improvement is stated
     * as such ({@code 1.25x faster}), with the interval inverted to match.
     */
    public String sentence(double alpha) {
        return sentence(runtime, reference, alpha);
    }

    /** {@link #sentence(double)} with other names for the two sides (e.g. "current" and "baseline run"). */
    public String sentence(String subject, String than, double alpha) {
        if (!tested()) {
            return n > 0 && referenceN > 0
                    ? subject + ": not tested against " + than + " (no block in which both had successful samples)"
                    : subject + ": not compared with " + than + " (" + (n == 0 ? subject : than)
                            + " has no successful samples)";
        }
        String p = formatP(pAdjusted);
        if (!significant(alpha)) {
            return subject + ": no significant difference from " + than + " (" + fmt(ratio) + "x "
                    + formatInterval(ratioInterval) + ", " + p + ")";
        }
        boolean worse = ratio > 1;
        double factor = worse ? ratio : 1 / ratio;
        Interval shown = worse ? ratioInterval : ratioInterval.reciprocal();
        String word = direction == Direction.LOWER_IS_BETTER
                ? (worse ? "slower" : "faster")
                : (worse ? "lower" : "higher");
        String note = direction == Direction.HIGHER_IS_BETTER ? " (" + unit + ", higher is better)" : "";
        return subject + ": " + fmt(factor) + "x " + word + " than " + than + " " + formatInterval(shown) + note
                + ", " + p;
    }

    /** {@code p < 0.001} or {@code p = 0.042}. */
    public static String formatP(double p) {
        if (Double.isNaN(p)) {
            return "p n/a";
        }
        return p < 0.001 ? "p < 0.001" : "p = " + String.format(Locale.ROOT, "%.3f", p);
    }

    /** {@code [1.61, 1.72]}, three significant digits. */
    public static String formatInterval(Interval i) {
        return i.known() ? "[" + fmt(i.lower()) + ", " + fmt(i.upper()) + "]" : "[n/a]";
    }

    /** Three significant digits without exponent for the usual range: 1.66, 20.3, 0.987. */
    public static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "n/a" : (v > 0 ? "inf" : "-inf");
        }
        double a = Math.abs(v);
        if (a >= 1000 || a == 0) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a < 0.001) {
            return String.format(Locale.ROOT, "%.2e", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).toPlainString();
    }
}
