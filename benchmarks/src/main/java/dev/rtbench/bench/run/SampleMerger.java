package dev.rtbench.bench.run;

import dev.rtbench.bench.jmh.InvocationRecord;
import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins JMH's per-iteration times of one slot with what each invocation recorded beside them.
 *
 * <p>In single-shot mode with batch size 1 each measurement iteration is one invocation, so the n-th measured
 * time is the n-th non-warm-up record. Records without a time (a JMH run that failed, a Ctrl-C) and times
 * without a record become failed samples: they are reported, not dropped.
 */
public final class SampleMerger {
    private SampleMerger() {}

    /** Where in the run a slot's samples belong. */
    public record Place(int round, int block, int position) {}

    public static List<Sample> merge(String runtime, String workload, String unit, List<Double> scores,
            List<InvocationRecord> records, Place place, boolean interrupted) {
        List<InvocationRecord> measured = records.stream().filter(r -> !r.warmup()).toList();
        List<Sample> out = new ArrayList<>();
        int n = Math.max(scores.size(), measured.size());
        for (int i = 0; i < n; i++) {
            double score = i < scores.size() ? scores.get(i) : Double.NaN;
            InvocationRecord r = i < measured.size() ? measured.get(i) : null;
            addSamples(out, runtime, workload, score, unit, place, i, r, interrupted);
        }
        return out;
    }

    private static void addSamples(List<Sample> out, String runtime, String workload, double score, String unit,
            Place place, int iteration, InvocationRecord r, boolean interrupted) {
        String failure;
        String container = r == null ? null : r.containerId();
        String verified = r == null ? null : r.verifiedRuntime();
        if (r == null) {
            failure = "no record of this invocation: its runtime was not verified";
        } else if (r.failure() != null) {
            failure = r.failure();
        } else if (Double.isNaN(score)) {
            failure = interrupted ? "interrupted before JMH reported the time" : "JMH reported no time for it";
        } else if (!runtime.equals(verified)) {
            failure = "the container's runtime was not verified";
        } else {
            failure = null;
        }
        boolean ok = failure == null;
        out.add(new Sample(runtime, workload, "time", ok ? score : Double.NaN, unit, Direction.LOWER_IS_BETTER,
                place.round(), place.block(), place.position(), iteration, container, verified, failure,
                interrupted && !ok));
        if (r != null) {
            for (InvocationRecord.Figure fig : r.extra()) {
                // a benchmark that failed midway may still report what it measured up to the failure (a density
                // run that reached 3 of 5): kept for readers, while the failure keeps it out of every statistic
                double value = ok || r.failure() != null ? fig.value() : Double.NaN;
                out.add(new Sample(runtime, workload, fig.metric(), value, fig.unit(),
                        fig.higherIsBetter() ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER,
                        place.round(), place.block(), place.position(), iteration, container, verified, failure,
                        interrupted && !ok));
            }
        }
    }
}
