package dev.rtbench.bench.validate;

import dev.rtbench.harness.stats.Interval;
import java.util.Locale;

/**
 * When a recovered delay shows that the instrument works. It passes only when its interval excludes 0 (the delay
 * is seen at all), holds the injected value (no bias the interval cannot explain) and is narrower than the
 * tolerance (half-width at most the tolerated error, so that holding the value means something: an interval of
 * [-50, 300] holds 25 ms and says nothing). An interval that holds 0 or is wider than the tolerance is
 * inconclusive: more blocks narrow it. Only a narrow interval that misses the injected value is a failure.
 */
final class KnownDelay {

    /** What a check concluded. */
    enum Result { PASS, FAIL, INCONCLUSIVE }

    /** The rule's answer and the reason in words. */
    record Judgement(Result result, String reason) {}

    private KnownDelay() {}

    static Judgement judge(double estimate, Interval ci, double expected, double tolerance) {
        if (!ci.known()) {
            return new Judgement(Result.INCONCLUSIVE, "no interval: too few blocks");
        }
        double half = (ci.upper() - ci.lower()) / 2;
        double allowed = tolerance * expected;
        if (ci.lower() <= 0) {
            return new Judgement(Result.INCONCLUSIVE, "the interval holds 0: the delay is not yet told from none;"
                    + " more blocks narrow it");
        }
        if (half > allowed) {
            return new Judgement(Result.INCONCLUSIVE, String.format(Locale.ROOT, "the interval is +-%.2f ms, wider"
                    + " than the tolerance of +-%.2f ms; more blocks narrow it", half, allowed));
        }
        if (!ci.contains(expected)) {
            return new Judgement(Result.FAIL, String.format(Locale.ROOT, "the interval MISSES the injected %.2f ms",
                    expected));
        }
        if (Math.abs(estimate - expected) > allowed) {
            return new Judgement(Result.FAIL, String.format(Locale.ROOT, "the estimate is off by %.2f ms, more than"
                    + " the tolerance", estimate - expected));
        }
        return new Judgement(Result.PASS, "the interval excludes 0, holds the injected value and is narrower than"
                + " the tolerance");
    }
}
