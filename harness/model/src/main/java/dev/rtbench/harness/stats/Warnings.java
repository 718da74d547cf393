package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The checks behind {@link StatsWarning}s: each says what is wrong and what to do. */
final class Warnings {

    private Warnings() {}

    static List<StatsWarning> forSummary(SampleSummary s, List<Sample> group, StatsOptions options) {
        List<StatsWarning> out = new ArrayList<>();
        MetricKey key = s.key();
        String rt = s.runtime();
        if (s.failures() > 0) {
            Map<String, Long> reasons = group.stream().filter(x -> !x.ok())
                    .map(x -> Objects.requireNonNullElse(x.failure(), "non-finite value"))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            String common = reasons.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse("unknown");
            out.add(new StatsWarning(StatsWarning.Kind.FAILED_SAMPLES, key, rt, String.format(Locale.ROOT,
                    "%d of %d samples failed (most often: \"%s\"); they are counted but left out of the statistics:"
                            + " check the run log and fix the cause before trusting this comparison",
                    s.failures(), s.failures() + s.n(), common)));
        }
        if (s.n() < options.minSamples()) {
            out.add(new StatsWarning(StatsWarning.Kind.TOO_FEW_SAMPLES, key, rt, String.format(Locale.ROOT,
                    "only %d successful samples: too few for a reliable %.0f%% interval of the median;"
                            + " collect at least %d (a longer profile, more forks or iterations)",
                    s.n(), options.confidence() * 100, options.minSamples())));
        }
        if (s.n() >= 2 && s.cv() > options.highVariationCv()) {
            out.add(new StatsWarning(StatsWarning.Kind.HIGH_VARIATION, key, rt, String.format(Locale.ROOT,
                    "high variation (CV %.0f%%, above %.0f%%): intervals are wide; stop other work on the machine,"
                            + " pin CPUs or disable frequency scaling, or collect more samples",
                    s.cv() * 100, options.highVariationCv() * 100)));
        }
        double[] values = s.values();
        if (values.length >= 3 && s.outliers().count() > 0) {
            OutlierFlags f = s.outliers();
            if (f.indices().contains(0) && worse(values[0], s.median(), s.direction())) {
                out.add(new StatsWarning(StatsWarning.Kind.SLOW_FIRST_SAMPLE, key, rt, String.format(Locale.ROOT,
                        "the first sample (%s %s) is an outlier against the median %s %s: a cold start (image or"
                                + " page cache, JIT); add warm-up iterations or a warm-up round before measuring",
                        OverheadEstimate.fmt(values[0]), s.unit(), OverheadEstimate.fmt(s.median()), s.unit())));
            }
            out.add(new StatsWarning(StatsWarning.Kind.OUTLIERS, key, rt, String.format(Locale.ROOT,
                    "%d of %d samples are outliers (|modified z| > %.1f); they are kept in the statistics:"
                            + " look for interference (other load, swapping) at those times",
                    f.count(), s.n(), OutlierFlags.THRESHOLD)));
        }
        return out;
    }

    /** Spread between blocks below this (2% on the log scale) is as good as a shared machine resolves. */
    static final double NEGLIGIBLE_LOG_SPREAD = Math.log(1.02);

    static List<StatsWarning> forComparison(OverheadEstimate o, int family, StatsOptions options) {
        List<StatsWarning> out = new ArrayList<>();
        if (o.n() == 0 || o.referenceN() == 0) {
            return out;
        }
        BlockEvidence b = o.blocks();
        boolean withinRun = o.test().method() == RankTest.Method.SIGNED_RANK_WITHIN_BLOCKS;
        if (withinRun && b.count() == 0) {
            out.add(new StatsWarning(StatsWarning.Kind.NO_SHARED_BLOCKS, o.key(), o.runtime(),
                    "no block in which both " + o.runtime() + " and " + o.reference() + " have successful samples:"
                            + " nothing can be compared side by side; fix the failures and rerun"));
            return out;
        }
        if (withinRun && b.resampling() != BlockEvidence.Resampling.SIGNED_RANK) {
            int fewest = HodgesLehmann.fewestFor(options.confidence());
            out.add(new StatsWarning(StatsWarning.Kind.FEW_BLOCKS, o.key(), o.runtime(), String.format(Locale.ROOT,
                    "only %d blocks in which both ran: a paired %.0f%% interval needs %d, so the interval shown"
                            + " bootstraps the pooled medians%s and is likely too narrow; run more blocks (a"
                            + " version-1 results file has one block per round)", b.count(),
                    options.confidence() * 100, fewest,
                    b.resampling() == BlockEvidence.Resampling.INDEPENDENT ? " as if samples were independent" : "")));
        }
        double spread = b.logIqr();
        if (spread > Math.max(Math.abs(Math.log(o.ratio())), NEGLIGIBLE_LOG_SPREAD)) {
            double[] r = b.ratios().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            out.add(new StatsWarning(StatsWarning.Kind.BLOCK_SPREAD, o.key(), o.runtime(), String.format(Locale.ROOT,
                    "blocks disagree more than the effect is large: per-block ratios %s to %s (IQR of log ratios"
                            + " %.3f, |log ratio| %.3f); the machine drifted between blocks: use more, shorter blocks"
                            + " and keep other load off the machine",
                    OverheadEstimate.fmt(r[0]), OverheadEstimate.fmt(r[r.length - 1]), spread,
                    Math.abs(Math.log(o.ratio())))));
        }
        if (!o.tested() || !o.primary()) {
            // a secondary metric's verdict says "not testable" itself: one warning per claim is enough
            return out;
        }
        if (!o.testable(options.alpha())) {
            String msg = withinRun
                    ? String.format(Locale.ROOT, "with %d blocks the within-block signed-rank test cannot reach"
                            + " p < %.2f after Holm's correction over %d primary comparisons, whatever the data:"
                            + " collect at least %d blocks (a longer profile, --rounds)",
                            b.count(), options.alpha(), family, RankTest.fewestBlocks(family, options.alpha()))
                    : String.format(Locale.ROOT, "with %d and %d samples the Mann-Whitney test cannot reach p < %.2f"
                            + " after Holm's correction over %d comparisons, whatever the data: collect at least %d"
                            + " per runtime (a longer profile)",
                            o.n(), o.referenceN(), options.alpha(), family, leastSamples(family, options.alpha()));
            out.add(new StatsWarning(StatsWarning.Kind.TOO_FEW_SAMPLES, o.key(), o.runtime(), msg));
        }
        return out;
    }

    /**
     * The least equal sample size per runtime at which the strictest Holm step could be met at all: computed, not
     * a rule of thumb, because it grows with the number of comparisons in the run.
     */
    static int leastSamples(int family, double alpha) {
        int n = 2;
        while (n < 10_000 && RankTest.smallestPossibleP(n, n) * Math.max(1, family) >= alpha) {
            n++;
        }
        return n;
    }

    private static boolean worse(double value, double median, Direction d) {
        return d == Direction.LOWER_IS_BETTER ? value > median : value < median;
    }
}
