package dev.rtbench.bench.run;

import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.stats.Bootstrap;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.StatsOptions;
import java.util.List;
import java.util.Locale;

/**
 * Whether each primary comparison's ratio interval is as narrow as the profile asks: the adaptive stopping rule.
 * It looks at interval widths only (never at p-values or at which runtime is ahead), so stopping on it does not
 * inflate false positives the way stopping on significance would. Only the primary metrics count (the claims);
 * the intervals are the paired ones the report shows.
 */
final class Precision {

    /** One comparison's precision: the interval's larger relative half-width around the ratio. */
    record Width(String workload, String comparison, double halfWidth, boolean reached) {}

    private Precision() {}

    /** Bootstrap resamples for the stopping check: the run's report recomputes with the full count. */
    private static final int RESAMPLES = 1000;

    static List<Width> of(RunResults results, double target) {
        RunAnalysis a = RunAnalysis.of(results, new StatsOptions(0.95, 0.05, RESAMPLES, Bootstrap.DEFAULT_SEED, 10,
                0.10));
        return a.overheads().stream().filter(OverheadEstimate::primary).map(o -> width(o, target)).toList();
    }

    private static Width width(OverheadEstimate o, double target) {
        String name = o.key().workload() + "/" + o.key().metric() + " " + o.runtime();
        if (!o.tested() || !o.ratioInterval().known() || !(o.ratio() > 0)) {
            return new Width(o.key().workload(), name, Double.POSITIVE_INFINITY, false);
        }
        double half = Math.max(o.ratioInterval().upper() / o.ratio() - 1, 1 - o.ratioInterval().lower() / o.ratio());
        return new Width(o.key().workload(), name, half, half <= target);
    }

    static boolean allReached(List<Width> widths) {
        return !widths.isEmpty() && widths.stream().allMatch(Width::reached);
    }

    /** One line for the notes: how many reached the target, and the widest of those that did not. */
    static String summary(List<Width> widths, double target) {
        long reached = widths.stream().filter(Width::reached).count();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "precision: %d of %d primary comparisons reached a ratio interval of +-%.0f%%", reached, widths.size(),
                target * 100));
        List<Width> missed = widths.stream().filter(w -> !w.reached())
                .sorted((x, y) -> Double.compare(y.halfWidth(), x.halfWidth())).toList();
        if (!missed.isEmpty()) {
            b.append("; not reached: ");
            for (int i = 0; i < missed.size(); i++) {
                Width w = missed.get(i);
                b.append(i == 0 ? "" : ", ").append(w.comparison()).append(Double.isFinite(w.halfWidth())
                        ? String.format(Locale.ROOT, " +-%.1f%%", w.halfWidth() * 100) : " (no interval)");
            }
        }
        return b.toString();
    }
}
