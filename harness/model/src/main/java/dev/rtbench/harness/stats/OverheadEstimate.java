package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Direction;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How much worse (or better) one runtime is than the reference on one {@link MetricKey}.
 *
 * <p><b>The ratio always reads "greater than 1 is worse"</b>: for lower-is-better metrics (times) 1.66 means
 * 1.66x slower; for higher-is-better metrics (throughputs) 1.47 means the runtime achieves 1/1.47 of the
 * reference's throughput. The worse-share is oriented the same way. The difference is always runtime minus
 * reference in the metric's unit, whatever the direction.
 *
 * <p>Inside a run ({@link #withinBlocks}) every figure comes from the pairing the test uses: each block gives one
 * log ratio {@code log(median runtime / median reference)} and one difference of medians; the ratio is
 * {@code exp} of the Hodges-Lehmann estimate of the log ratios, the difference the Hodges-Lehmann estimate of the
 * differences, and both intervals invert the signed-rank test over the blocks ({@link HodgesLehmann}). So the
 * estimate, the interval and the test cannot disagree about which side of 1 the evidence lies. The ratio of the
 * pooled medians stays as a descriptive figure ({@code pooledRatio}). With too few blocks for a paired interval at
 * the level asked, the interval falls back to a bootstrap of the pooled medians (and the analysis warns). Between
 * runs ({@link #estimate}) no block holds both sides: samples are pooled and treated as independent groups.
 *
 * @param key                workload and metric
 * @param runtime            the runtime measured (in {@code compare}: the current run)
 * @param reference          what it is compared with (the baseline runtime, or the earlier run)
 * @param unit               unit of the metric and of the difference
 * @param direction          whether lower or higher values are better
 * @param n                  successful samples of the runtime in the estimate
 * @param referenceN         successful samples of the reference in the estimate
 * @param ratio              overhead ratio (greater than 1 is worse), see above
 * @param ratioInterval      its interval
 * @param difference         runtime - reference in the metric's unit
 * @param differenceInterval its interval
 * @param pooledRatio        ratio of the pooled medians, oriented like {@code ratio}: descriptive
 * @param test               the rank test (signed-rank within blocks, or Mann-Whitney between runs)
 * @param pAdjusted          the test's p-value after Holm's correction over its family
 * @param bestAdjustedP      the adjusted p this comparison would get if its own test gave the smallest p its
 *                           sizes allow (the others unchanged): at or above alpha, no data could have made it
 *                           significant
 * @param worseShare         in what share of blocks the runtime was worse, with its interval
 * @param blocks             the blocks used, each block's ratio, and how the interval was made
 * @param primary            whether it compares the workload's primary metric, a confirmatory claim; otherwise it
 *                           is descriptive and its p is adjusted within the secondary metrics ({@link MetricFamilies})
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
        double pooledRatio,
        RankTest test,
        double pAdjusted,
        double bestAdjustedP,
        WorseShare worseShare,
        BlockEvidence blocks,
        boolean primary) {

    /** Units of time: "slower" and "faster" describe these; other lower-is-better figures (MiB) are "higher". */
    static final Set<String> TIME_UNITS = Set.of("ns", "us", "\u00b5s", "ms", "s");

    /** Fewer blocks than this and the fallback bootstrap resamples samples instead (a cluster bootstrap of 2 is degenerate). */
    public static final int MIN_BLOCKS = 3;

    /**
     * Within one run: x (runtime) against y (reference) in counterbalanced blocks; see the class comment. The
     * test is the signed-rank test on the shared blocks' log ratios, exact with ties.
     */
    public static OverheadEstimate withinBlocks(MetricKey key, String runtime, String reference, BlockPairs pairs,
            double[] allX, double[] allY, String unit, Direction direction, Bootstrap bootstrap, double confidence) {
        boolean higher = direction == Direction.HIGHER_IS_BETTER;
        double[] perBlock = pairs.ratios();
        double[] logs = new double[perBlock.length];
        List<Double> oriented = new ArrayList<>();
        for (int i = 0; i < perBlock.length; i++) {
            logs[i] = Math.log(perBlock[i]);
            oriented.add(higher ? 1 / perBlock[i] : perBlock[i]);
        }
        HodgesLehmann logShift = HodgesLehmann.of(logs, confidence);
        HodgesLehmann shift = HodgesLehmann.of(pairs.differences(), confidence);
        boolean byBlock = pairs.size() >= MIN_BLOCKS;
        double[] x = byBlock ? pairs.pooledX() : allX;
        double[] y = byBlock ? pairs.pooledY() : allY;
        double pooled = Quantiles.median(x) / Quantiles.median(y);
        double ratio = pairs.size() == 0 ? pooled : Math.exp(logShift.estimate());
        double difference = pairs.size() == 0 ? Quantiles.median(x) - Quantiles.median(y) : shift.estimate();
        Interval ratioCi;
        Interval differenceCi;
        BlockEvidence.Resampling how;
        if (logShift.interval().known()) {
            ratioCi = new Interval(Math.exp(logShift.interval().lower()), Math.exp(logShift.interval().upper()),
                    confidence);
            differenceCi = shift.interval();
            how = BlockEvidence.Resampling.SIGNED_RANK;
        } else {
            Interval[] ci = byBlock ? bootstrap.blockRatioAndDifference(pairs.x(), pairs.y(), confidence)
                    : bootstrap.ratioAndDifference(x, y, confidence);
            ratioCi = ci[0];
            differenceCi = ci[1];
            how = byBlock ? BlockEvidence.Resampling.BLOCKS : BlockEvidence.Resampling.INDEPENDENT;
        }
        if (higher) {
            ratio = 1 / ratio;
            pooled = 1 / pooled;
            ratioCi = ratioCi.reciprocal();
        }
        RankTest test = RankTest.withinBlocks(logs);
        return new OverheadEstimate(key, runtime, reference, unit, direction, x.length, y.length, ratio, ratioCi,
                difference, differenceCi, pooled, test, test.pValue(), test.smallestPossibleP(),
                WorseShare.ofBlocks(oriented, confidence), new BlockEvidence(pairs.blocks(), oriented, how), true);
    }

    /**
     * Between runs: x (runtime) against y (reference) as independent groups, independent bootstrap and
     * Mann-Whitney test. The p-value is not yet adjusted: {@code pAdjusted} equals the raw p until
     * {@link #withAdjustedP} is applied over the whole family.
     */
    public static OverheadEstimate estimate(MetricKey key, String runtime, double[] x, String reference, double[] y,
            String unit, Direction direction, Bootstrap bootstrap, double confidence) {
        Interval[] ci = bootstrap.ratioAndDifference(x, y, confidence);
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
        RankTest test = RankTest.of(x, y);
        return new OverheadEstimate(key, runtime, reference, unit, direction, x.length, y.length, ratio, ratioCi,
                mx - my, ci[1], ratio, test, test.pValue(), test.smallestPossibleP(),
                WorseShare.ofPairs(delta, confidence), BlockEvidence.none(), true);
    }

    /**
     * With the p-value after its family's correction, the best this comparison could have had in it, and which
     * family that is.
     */
    public OverheadEstimate withAdjustedP(double adjusted, double bestAdjusted, boolean inPrimaryFamily) {
        return new OverheadEstimate(key, runtime, reference, unit, direction, n, referenceN, ratio, ratioInterval,
                difference, differenceInterval, pooledRatio, test, adjusted, bestAdjusted, worseShare, blocks,
                inPrimaryFamily);
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

    /** Whether some data could have made this comparison significant at {@code alpha}, given its sizes. */
    public boolean testable(double alpha) {
        return tested() && !(bestAdjustedP >= alpha);
    }

    /** What the comparison decided at {@code alpha}. */
    public Verdict verdict(double alpha) {
        if (!tested()) {
            return Verdict.NOT_TESTED;
        }
        if (significant(alpha)) {
            return ratio > 1 ? Verdict.WORSE : Verdict.BETTER;
        }
        return testable(alpha) ? Verdict.NO_SIGNIFICANT_DIFFERENCE : Verdict.NOT_TESTABLE;
    }

    /**
     * One honest sentence, e.g. {@code runsc: 1.66x slower than runc [1.61, 1.72], p < 0.001},
     * {@code runsc: no significant difference from runc (1.01x [0.98, 1.04], p = 0.420)} or
     * {@code runsc: 1.43x slower than runc [1.37, 1.48]; not testable with 6 blocks (...)}. An improvement is
     * stated as such ({@code 1.25x faster}), with the interval inverted to match.
     */
    public String sentence(double alpha) {
        return sentence(runtime, reference, alpha) + (primary ? "" : " (secondary metric: descriptive)");
    }

    /** {@link #sentence(double)} with other names for the two sides (e.g. "current" and "baseline run"). */
    public String sentence(String subject, String than, double alpha) {
        return subject + ": " + claim(subject, than, alpha);
    }

    /**
     * The sentence without its subject, e.g. {@code 1.66x slower than runc [1.61, 1.72], p < 0.001}: for a table
     * whose row already names the runtime. {@code subject} is named where the claim is about its samples.
     */
    public String claim(String subject, String than, double alpha) {
        Verdict v = verdict(alpha);
        if (v == Verdict.NOT_TESTED) {
            return n > 0 && referenceN > 0
                    ? "not tested against " + than + " (no block in which both had successful samples)"
                    : "not compared with " + than + " (" + (n == 0 ? subject : than) + " has no successful samples)";
        }
        String p = formatP(pAdjusted);
        if (v == Verdict.NO_SIGNIFICANT_DIFFERENCE) {
            return "no significant difference from " + than + " (" + fmt(ratio) + "x " + formatInterval(ratioInterval)
                    + ", " + p + ")";
        }
        if (v == Verdict.NOT_TESTABLE) {
            boolean clear = ratioInterval.known() && !ratioInterval.contains(1);
            String estimate = clear ? directed(than)
                    : fmt(ratio) + "x " + than + " " + formatInterval(ratioInterval) + " (above 1 is worse)";
            String sizes = test.method() == RankTest.Method.SIGNED_RANK_WITHIN_BLOCKS
                    ? test.n() + " blocks" : test.n() + " and " + test.m() + " samples";
            return estimate + "; not testable with " + sizes + ": no p below "
                    + String.format(Locale.ROOT, "%.2g", test.smallestPossibleP())
                    + " is possible, too few for the correction over the comparisons";
        }
        return directed(than) + ", " + p;
    }

    /** {@code 1.66x slower than runc [1.61, 1.72]}, with the unit note of a higher-is-better metric. */
    private String directed(String than) {
        boolean worse = ratio > 1;
        double factor = worse ? ratio : 1 / ratio;
        Interval shown = worse ? ratioInterval : ratioInterval.reciprocal();
        boolean time = TIME_UNITS.contains(unit);
        String word = direction == Direction.LOWER_IS_BETTER
                ? (time ? (worse ? "slower" : "faster") : (worse ? "higher" : "lower"))
                : (worse ? "lower" : "higher");
        String note = direction == Direction.HIGHER_IS_BETTER ? " (" + unit + ", higher is better)"
                : time ? "" : " (" + unit + ", lower is better)";
        return fmt(factor) + "x " + word + " than " + than + " " + formatInterval(shown) + note;
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
        return new BigDecimal(v).round(new MathContext(3)).toPlainString();
    }
}
