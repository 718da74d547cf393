package dev.rtbench.harness.stats;

import java.util.List;
import java.util.Locale;

/**
 * How much a runtime's own figure moves from one run of a build to the next, beyond what its samples explain: the
 * run-to-run component of variance, on the log scale, from a repeated run of the baseline run's build.
 *
 * <p>Two runs of one build differ in each series by {@code d = log(stat_repeat / stat_baseline)}, whose expected
 * square is {@code 2 s^2 + var_baseline + var_repeat}, s^2 the run-to-run component and the vars each run's own
 * (block-bootstrap) variance. Averaged over the series the two runs share, floored at 0:
 * {@code s^2 = mean(d^2 - var_baseline - var_repeat) / 2}. One component for every series: a single repeat gives
 * one difference per series, too few to estimate one each. A run against its own repeat in 9 minutes showed runc's
 * fio reads 5-8% apart, which samples alone called significant.
 *
 * @param variance the component s^2 (log scale)
 * @param series   how many series it was estimated from
 */
public record RunToRun(double variance, int series) {

    /** Nothing to estimate from. */
    public static final RunToRun UNKNOWN = new RunToRun(Double.NaN, 0);

    /** From the paired statistics of the series both runs have: baseline run first, repeat second. */
    public static RunToRun of(List<LogStatistic[]> pairs) {
        if (pairs.isEmpty()) {
            return UNKNOWN;
        }
        double sum = 0;
        for (LogStatistic[] p : pairs) {
            double d = p[1].value() - p[0].value();
            sum += d * d - p[0].variance() - p[1].variance();
        }
        return new RunToRun(Math.max(0, sum / pairs.size() / 2), pairs.size());
    }

    public boolean known() {
        return series > 0;
    }

    /** {@code 3.1% from 10 series}. */
    public String describe() {
        return String.format(Locale.ROOT, "%.1f%% (one run's standard deviation, from %d series)",
                100 * (Math.exp(Math.sqrt(variance)) - 1), series);
    }
}
