package dev.rtbench.harness.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * A regression gate between two runs that cannot pass by ignorance. For every judged median ({@link RunComparison}):
 * <ul>
 *   <li>{@link Outcome#PASS} when the data rule out a regression beyond the bound: the upper end of the interval is
 *       at most {@code 1 + bound}. "No significant regression" is not enough: three noisy samples are never
 *       significant, and would let any regression through.
 *   <li>{@link Outcome#FAIL} when it is significantly worse (Holm over everything judged) and the lower end of its
 *       interval is above {@code 1 + bound}: the regression is real and larger than tolerated.
 *   <li>{@link Outcome#INCONCLUSIVE} otherwise, with roughly how many blocks per run would decide it.
 * </ul>
 * The worse tail can fail the gate the same way, or hold a pass back when it is significantly worse with its
 * estimate beyond the bound; it cannot pass the gate by itself, its interval being wide at the sizes of a run. A
 * failure rate that rose significantly fails the gate.
 *
 * <p>The gate passes only when every decision passes, nothing of the baseline run went uncompared and some median was
 * judged. That is an intersection-union test (Berger 1982): each series judged at the interval's own level is
 * enough for the joint claim, so no multiplicity correction is needed to pass; failing is a claim about some series,
 * so it uses the Holm-adjusted p.
 *
 * @param bound      largest tolerated regression as a fraction (0.10 for 10%)
 * @param decisions  one per judged change
 * @param failures   the failure rates that differ, the ones that rose significantly failing the gate
 * @param uncompared series of the baseline run that could not be compared, and why: the gate cannot pass over them
 * @param alpha      the significance level
 */
public record RegressionGate(double bound, List<Decision> decisions, List<FailureChange> failures,
                             List<String> uncompared, double alpha) {

    /** The gate's answer. */
    public enum Outcome { PASS, FAIL, INCONCLUSIVE }

    /**
     * The decision on one change.
     *
     * @param change          the current run against the earlier one (ratio above 1 is worse)
     * @param outcome         pass, fail or inconclusive
     * @param reason          why, in a few words
     * @param samplesToDecide rough blocks per run that would decide an inconclusive median; 0 when decided or not
     *                        a matter of more blocks, -1 when none can be estimated
     */
    public record Decision(RunChange change, Outcome outcome, String reason, int samplesToDecide) {}

    public RegressionGate {
        decisions = List.copyOf(decisions);
        failures = List.copyOf(failures);
        uncompared = List.copyOf(uncompared);
    }

    public static RegressionGate of(RunComparison cmp, double bound) {
        double alpha = cmp.options().alpha();
        return new RegressionGate(bound, cmp.changes().stream().map(o -> decide(o, bound, alpha)).toList(),
                cmp.failures(), cmp.uncompared(), alpha);
    }

    static Decision decide(RunChange o, double bound, double alpha) {
        double limit = 1 + bound;
        Interval ci = o.interval();
        if (o.significantlyWorse(alpha) && ci.known() && ci.lower() > limit) {
            return new Decision(o, Outcome.FAIL, "regression beyond " + percent(bound), 0);
        }
        if (o.aspect().tail()) {
            if (o.significantlyWorse(alpha) && o.ratio() > limit) {
                return new Decision(o, Outcome.INCONCLUSIVE, String.format(Locale.ROOT, "the tail is significantly"
                        + " worse (p = %s), %sx, beyond %s, but its interval %s reaches below: likely a regression of"
                        + " the slowest samples", OverheadEstimate.fmt(o.pAdjusted()), OverheadEstimate.fmt(o.ratio()),
                        OverheadEstimate.fmt(limit), OverheadEstimate.formatInterval(o.interval())), 0);
            }
            return new Decision(o, Outcome.PASS, "no sign of a tail regression beyond " + percent(bound), 0);
        }
        if (!ci.known()) {
            return new Decision(o, Outcome.INCONCLUSIVE, "too few blocks for an interval", 10);
        }
        if (ci.upper() <= limit) {
            return new Decision(o, Outcome.PASS, "interval rules out more than " + percent(bound), 0);
        }
        if (ci.lower() > limit) {
            // the interval says worse, the test cannot say so yet: a constant series 10x worse in three blocks
            return new Decision(o, Outcome.INCONCLUSIVE, String.format(Locale.ROOT, "%sx worse, and its whole"
                    + " interval %s lies beyond %s, but %d blocks per run cannot make that significant (p = %s):"
                    + " likely a regression; more blocks decide it", OverheadEstimate.fmt(o.ratio()),
                    OverheadEstimate.formatInterval(ci), OverheadEstimate.fmt(limit), Math.min(o.n(), o.m()),
                    OverheadEstimate.fmt(o.pAdjusted())), Math.max(10, 2 * Math.min(o.n(), o.m())));
        }
        return new Decision(o, Outcome.INCONCLUSIVE, "interval " + OverheadEstimate.formatInterval(ci)
                + " straddles " + OverheadEstimate.fmt(limit), samplesToDecide(o, limit));
    }

    /**
     * Interval half-widths shrink about as {@code 1/sqrt(n)}: to move the whole interval (log scale) to one side of
     * the limit, n must grow by {@code (half-width / distance of the estimate from the limit)^2}. Rough, and said
     * to be; capped at 100 times the present blocks when the estimate sits on the limit.
     */
    static int samplesToDecide(RunChange o, double limit) {
        Interval ci = o.interval();
        int now = Math.min(o.n(), o.m());
        double half = (Math.log(ci.upper()) - Math.log(ci.lower())) / 2;
        double distance = Math.abs(Math.log(o.ratio()) - Math.log(limit));
        double factor = distance > 0 ? Math.pow(half / distance, 2) : Double.POSITIVE_INFINITY;
        return (int) Math.ceil(now * Math.min(100, Math.max(1.1, factor)));
    }

    public Outcome outcome() {
        if (decisions.stream().anyMatch(d -> d.outcome() == Outcome.FAIL) || !risen().isEmpty()) {
            return Outcome.FAIL;
        }
        boolean judged = decisions.stream().anyMatch(d -> !d.change().aspect().tail());
        return judged && uncompared.isEmpty() && decisions.stream().allMatch(d -> d.outcome() == Outcome.PASS)
                ? Outcome.PASS : Outcome.INCONCLUSIVE;
    }

    public List<Decision> with(Outcome outcome) {
        return decisions.stream().filter(d -> d.outcome() == outcome).toList();
    }

    /** The failure rates that rose significantly. */
    public List<FailureChange> risen() {
        return failures.stream().filter(f -> f.rose(alpha)).toList();
    }

    /** A bound as the user gave it: {@code 10%}, {@code 5.5%}, {@code 1000%} (never rounded to "1%"). */
    public static String percent(double fraction) {
        return new BigDecimal(Double.toString(fraction * 100)).round(new MathContext(10))
                .stripTrailingZeros().toPlainString() + "%";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s within %s (%d decisions)", outcome(), percent(bound), decisions.size());
    }
}
