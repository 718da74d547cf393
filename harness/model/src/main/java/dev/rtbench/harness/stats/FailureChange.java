package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Sample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * A workload's failure rate under one runtime in the baseline run and in the current run, with the one-sided
 * Fisher exact p that the current run fails more often. A sample that failed has no value to compare, so a
 * regression that shows as failures would pass a gate that looks at values alone.
 *
 * @param workload   the workload
 * @param runtime    the runtime (arm)
 * @param failedThen failed samples in the baseline run
 * @param totalThen  samples in the baseline run
 * @param failedNow  failed samples in the current run
 * @param totalNow   samples in the current run
 * @param p          one-sided p that the current run fails more often
 * @param pAdjusted  after Holm's correction over everything {@code compare} judged
 */
public record FailureChange(String workload, String runtime, int failedThen, int totalThen, int failedNow,
                            int totalNow, double p, double pAdjusted) {

    /**
     * Every (workload, runtime) of the baseline run's primary workloads that failed in either run, counted on the
     * harness's wall-time samples (one per sample, failed or not).
     */
    static List<FailureChange> between(List<Sample> before, List<Sample> after, MetricFamilies families) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Set<String> workloads = new HashSet<>();
        families.primaries().forEach(k -> workloads.add(k.workload()));
        count(before, workloads, counts, 0);
        count(after, workloads, counts, 2);
        List<FailureChange> out = new ArrayList<>();
        counts.forEach((id, c) -> {
            if (c[0] + c[2] > 0 && c[1] > 0 && c[3] > 0) {
                String[] wr = id.split("\u0000", 2);
                int[][] table = {{c[2], c[3] - c[2]}, {c[0], c[1] - c[0]}};
                double p = FisherExactTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN).test(table)
                        .getPValue();
                out.add(new FailureChange(wr[0], wr[1], c[0], c[1], c[2], c[3], p, p));
            }
        });
        return out;
    }

    private static void count(List<Sample> samples, Set<String> workloads, Map<String, int[]> counts, int at) {
        for (Sample s : samples) {
            if (s.metric().equals(MetricFamilies.WALL_TIME) && workloads.contains(s.workload())) {
                int[] c = counts.computeIfAbsent(s.workload() + "\u0000" + s.runtime(), k -> new int[4]);
                c[at] += s.ok() ? 0 : 1;
                c[at + 1]++;
            }
        }
    }

    public FailureChange withAdjustedP(double adjusted) {
        return new FailureChange(workload, runtime, failedThen, totalThen, failedNow, totalNow, p, adjusted);
    }

    /** Whether the current run fails significantly more often. */
    public boolean rose(double alpha) {
        return pAdjusted < alpha;
    }

    /** {@code run under runsc: 5 of 90 samples failed, 0 of 90 before (p = 0.030)}. */
    public String sentence() {
        return String.format(Locale.ROOT, "%s under %s: %d of %d samples failed, %d of %d before (one-sided %s)",
                workload, runtime, failedNow, totalNow, failedThen, totalThen, OverheadEstimate.formatP(pAdjusted));
    }
}
