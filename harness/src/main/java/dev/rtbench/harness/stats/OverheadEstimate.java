package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Direction;
import java.util.Locale;

/**
 * How much worse (or better) one runtime is than the reference on one {@link MetricKey}.
 *
 * <p><b>The ratio always reads "greater than 1 is worse"</b>: for lower-is-better metrics (times) it is
 * {@code median(runtime) / median(reference)}, so 1.66 means 1.66x slower; for higher-is-better metrics
 * (throughputs) it is {@code median(reference) / median(runtime)}, so 1.47 means the runtime achieves 1/1.47 of
 * the reference's throughput. The difference is always {@code median(runtime) - median(reference)} in the metric's
 * unit, whatever the direction.
 *
 * @param key                workload and metric
 * @param runtime            the runtime measured (in {@code compare}: the current run)
 * @param reference          what it is compared with (the baseline runtime, or the earlier run)
 * @param unit               unit of the metric and of the difference
 * @param direction          whether lower or higher values are better
 * @param n                  successful samples of the runtime
 * @param referenceN         successful samples of the reference
 * @param ratio              overhead ratio (greater than 1 is worse), see above
 * @param ratioInterval      bootstrap percentile interval of the ratio
 * @param difference         median(runtime) - median(reference)
 * @param differenceInterval bootstrap percentile interval of the difference
 * @param test               Mann-Whitney U test of runtime against reference
 * @param pAdjusted          the test's p-value after Holm's correction over every comparison in the run
 * @param cliffsDelta        Cliff's delta of runtime against reference (positive: runtime's values larger)
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
        double cliffsDelta) {

    /**
     * Estimates the overhead of {@code x} (runtime) over {@code y} (reference). The p-value is not yet adjusted:
     * {@code pAdjusted} equals the raw p until {@link #withAdjustedP} is applied over the whole family.
     */
    public static OverheadEstimate estimate(MetricKey key, String runtime, double[] x, String reference, double[] y,
            String unit, Direction direction, Bootstrap bootstrap, double confidence) {
        double mx = Quantiles.median(x);
        double my = Quantiles.median(y);
        Interval[] ci = bootstrap.ratioAndDifference(x, y, confidence);
        double ratio = mx / my;
        Interval ratioCi = ci[0];
        if (direction == Direction.HIGHER_IS_BETTER) {
            ratio = my / mx;
            ratioCi = ratioCi.reciprocal();
        }
        RankTest test = RankTest.of(x, y);
        return new OverheadEstimate(key, runtime, reference, unit, direction, x.length, y.length, ratio, ratioCi,
                mx - my, ci[1], test, test.pValue(), CliffsDelta.of(x, y));
    }

    public OverheadEstimate withAdjustedP(double adjusted) {
        return new OverheadEstimate(key, runtime, reference, unit, direction, n, referenceN, ratio, ratioInterval,
                difference, differenceInterval, test, adjusted, cliffsDelta);
    }

    /** Whether both groups had samples, so there is a ratio and a test. */
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
            return subject + ": not compared with " + than + " (" + (n == 0 ? subject : than)
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
