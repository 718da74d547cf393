package dev.rtbench.harness.report;

import dev.rtbench.harness.stats.Headline;
import dev.rtbench.harness.stats.Interval;
import dev.rtbench.harness.stats.OverheadEstimate;
import dev.rtbench.harness.stats.RunAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A published run against its rerun on another machine (or the same one later): each primary comparison's ratio
 * to the baseline runtime there and here, and whether the two intervals overlap. Ratios, never absolute figures:
 * a machine moves a runtime's own times far more than it moves the runtime's cost against runc measured in the
 * same blocks.
 *
 * @param lines     one per primary comparison found in both runs, in the headline's order
 * @param overlap   how many of them have overlapping intervals
 * @param missing   the published comparisons the rerun does not have, each with its key
 */
public record Replication(List<String> lines, int overlap, List<String> missing) {

    public Replication {
        lines = List.copyOf(lines);
        missing = List.copyOf(missing);
    }

    public static Replication of(RunAnalysis published, RunAnalysis rerun) {
        List<String> lines = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int overlap = 0;
        for (Headline.Line l : Headline.of(published).lines()) {
            OverheadEstimate there = l.comparison();
            String label = there.key().label() + ", " + there.runtime() + " against " + there.reference();
            Optional<OverheadEstimate> here = rerun.overheads(there.key()).stream()
                    .filter(o -> o.runtime().equals(there.runtime()) && o.reference().equals(there.reference()))
                    .findFirst();
            if (here.isEmpty()) {
                missing.add(label);
                continue;
            }
            Interval a = there.ratioInterval();
            Interval b = here.get().ratioInterval();
            boolean meets = a.known() && b.known() && a.lower() <= b.upper() && b.lower() <= a.upper();
            overlap += meets ? 1 : 0;
            lines.add(label + ": there " + ratio(there) + ", here " + ratio(here.get()) + (meets
                    ? ": intervals overlap" : a.known() && b.known() ? ": intervals DO NOT overlap"
                            : ": an interval is unknown"));
        }
        return new Replication(lines, overlap, missing);
    }

    private static String ratio(OverheadEstimate o) {
        return OverheadEstimate.fmt(o.ratio()) + "x " + OverheadEstimate.formatInterval(o.ratioInterval());
    }

    /** {@code 9 of 10 primary ratios' intervals overlap the published ones}. */
    public String summary() {
        return overlap + " of " + lines.size() + " primary ratios' intervals overlap the published ones"
                + (missing.isEmpty() ? "" : "; " + missing.size() + " published comparisons not measured here");
    }
}
