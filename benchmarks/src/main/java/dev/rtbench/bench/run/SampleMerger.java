package dev.rtbench.bench.run;

import dev.rtbench.bench.jmh.InvocationRecord;
import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins JMH's per-iteration times with what each invocation recorded beside them.
 *
 * <p>In single-shot mode with batch size 1 each measurement iteration is one invocation, so the n-th measurement
 * iteration of a fork is the n-th non-warm-up record of that fork's process. Records without a time (a fork that
 * died, a Ctrl-C) become failed samples: they are reported, not dropped.
 */
public final class SampleMerger {
    private SampleMerger() {}

    /** JMH's measured times for one (benchmark, runtime, workload): one list of iteration scores per fork. */
    public record Timed(String benchmark, String runtime, String workload, String unit, List<List<Double>> forks) {}

    public static List<Sample> merge(List<Timed> timed, List<InvocationRecord> records, int round, boolean interrupted) {
        List<Sample> out = new ArrayList<>();
        Map<String, Map<Long, List<InvocationRecord>>> byKey = new LinkedHashMap<>();
        for (InvocationRecord r : records) {
            if (r.warmup()) {
                continue;
            }
            byKey.computeIfAbsent(key(r.benchmark(), r.runtime(), r.workload()), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.pid(), p -> new ArrayList<>()).add(r);
        }
        for (Timed t : timed) {
            List<List<InvocationRecord>> forks = new ArrayList<>(
                    byKey.getOrDefault(key(t.benchmark(), t.runtime(), t.workload()), Map.of()).values());
            byKey.remove(key(t.benchmark(), t.runtime(), t.workload()));
            for (int f = 0; f < t.forks().size(); f++) {
                List<Double> scores = t.forks().get(f);
                List<InvocationRecord> recs = f < forks.size() ? forks.get(f) : List.of();
                for (int i = 0; i < scores.size(); i++) {
                    InvocationRecord r = i < recs.size() ? recs.get(i) : null;
                    addSamples(out, t.runtime(), t.workload(), scores.get(i), t.unit(), round, f, i, r, interrupted);
                }
                for (int i = scores.size(); i < recs.size(); i++) {
                    addSamples(out, t.runtime(), t.workload(), Double.NaN, t.unit(), round, f, i, recs.get(i), interrupted);
                }
            }
        }
        // invocations JMH has no time for: their fork ended before JMH could report it
        for (Map<Long, List<InvocationRecord>> forks : byKey.values()) {
            int f = 0;
            for (List<InvocationRecord> recs : forks.values()) {
                for (int i = 0; i < recs.size(); i++) {
                    InvocationRecord r = recs.get(i);
                    addSamples(out, r.runtime(), r.workload(), Double.NaN, "ms", round, f, i, r, interrupted);
                }
                f++;
            }
        }
        return out;
    }

    private static void addSamples(List<Sample> out, String runtime, String workload, double score, String unit,
            int round, int fork, int iteration, InvocationRecord r, boolean interrupted) {
        String failure;
        String container = r == null ? null : r.containerId();
        String verified = r == null ? null : r.verifiedRuntime();
        if (r == null) {
            failure = "no record of this invocation: its runtime was not verified";
        } else if (r.failure() != null) {
            failure = r.failure();
        } else if (Double.isNaN(score)) {
            failure = interrupted ? "interrupted before JMH reported the time"
                    : "the JMH fork ended before reporting the time";
        } else if (!runtime.equals(verified)) {
            failure = "the container's runtime was not verified";
        } else {
            failure = null;
        }
        boolean ok = failure == null;
        out.add(new Sample(runtime, workload, "time", ok ? score : Double.NaN, unit, Direction.LOWER_IS_BETTER,
                round, round, fork, iteration, container, verified, failure, interrupted && !ok));
        if (r != null) {
            for (InvocationRecord.Figure fig : r.extra()) {
                out.add(new Sample(runtime, workload, fig.metric(), ok ? fig.value() : Double.NaN, fig.unit(),
                        fig.higherIsBetter() ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER,
                        round, round, fork, iteration, container, verified, failure, interrupted && !ok));
            }
        }
    }

    private static String key(String benchmark, String runtime, String workload) {
        return benchmark + "\u0000" + runtime + "\u0000" + workload;
    }
}
