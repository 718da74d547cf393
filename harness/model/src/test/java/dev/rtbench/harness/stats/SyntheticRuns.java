package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.RuntimeEnvironment;
import dev.rtbench.harness.results.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * SYNTHETIC test fixtures: runs made by a seeded generator, not measured. Overheads are shaped after published
 * figures (gVisor and Kata start-up, gVisor syscalls, iperf throughput) so the charts look like a real run's,
 * but no number here is a measurement.
 */
public final class SyntheticRuns {

    private SyntheticRuns() {}

    /** One synthetic workload: baseline median, per-runtime factor on the median, unit and direction. */
    record Spec(String workload, String metric, String unit, Direction direction, double baseMedian,
            Map<String, Double> factor) {}

    public static final List<String> RUNTIMES = List.of("runc", "runsc", "kata");

    static final List<Spec> SPECS = List.of(
            new Spec("create", "time", "ms", Direction.LOWER_IS_BETTER, 45, Map.of("runsc", 1.3, "kata", 1.5)),
            new Spec("start", "time", "ms", Direction.LOWER_IS_BETTER, 120, Map.of("runsc", 2.6, "kata", 4.2)),
            new Spec("stop", "time", "ms", Direction.LOWER_IS_BETTER, 30, Map.of("runsc", 1.8, "kata", 3.0)),
            new Spec("remove", "time", "ms", Direction.LOWER_IS_BETTER, 25, Map.of("runsc", 1.2, "kata", 2.0)),
            new Spec("run", "time", "ms", Direction.LOWER_IS_BETTER, 188, Map.of("runsc", 3.0, "kata", 5.7)),
            new Spec("cpu", "time", "ms", Direction.LOWER_IS_BETTER, 900, Map.of("runsc", 1.01, "kata", 1.0)),
            new Spec("syscall", "syscall-time", "ns", Direction.LOWER_IS_BETTER, 190, Map.of("runsc", 20.0, "kata", 1.4)),
            new Spec("net-throughput", "tcp-throughput", "MiB/s", Direction.HIGHER_IS_BETTER, 2400,
                    Map.of("runsc", 0.68, "kata", 0.9)));

    /** A complete synthetic run: 3 runtimes, 8 workloads, {@code rounds} x 3 samples each. */
    public static RunResults run(long seed, int rounds) {
        RandomGenerator rng = new Well19937c(seed);
        List<Sample> samples = new ArrayList<>();
        List<List<String>> order = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            order.add(RUNTIMES);
            for (String rt : RUNTIMES) {
                for (Spec spec : SPECS) {
                    for (int it = 0; it < 3; it++) {
                        double median = spec.baseMedian() * spec.factor().getOrDefault(rt, 1.0);
                        double value = median * Math.exp(0.05 * rng.nextGaussian());
                        if (round == 0 && it == 0 && rt.equals("runsc") && spec.workload().equals("run")) {
                            value = median * 4; // a cold first start
                        }
                        String failure = null;
                        if (rt.equals("kata") && spec.workload().equals("start") && round == 1 && it == 1) {
                            failure = "timeout after 60s waiting for the container to start";
                            value = Double.NaN;
                        }
                        samples.add(new Sample(rt, spec.workload(), spec.metric(), value, spec.unit(),
                                spec.direction(), round, round, 0, it, "c" + samples.size(), rt, failure, false));
                    }
                }
            }
        }
        List<String> workloads = SPECS.stream().map(Spec::workload).toList();
        RunConfig config = new RunConfig(RUNTIMES, "runc", workloads, "quick", "rtbench/bench:1", order, null, null);
        Environment env = new Environment("bench-host", "Debian GNU/Linux 12", "6.1.0-18-amd64",
                "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz", 2, 24L << 30, "24.0.7", "1.43", "1.6.24", "rootful",
                List.of(new RuntimeEnvironment("runc", "runc", "1.1.12", null, Map.of()),
                        new RuntimeEnvironment("runsc", "gvisor", "release-20240212.0", "systrap",
                                Map.of("path", "/usr/local/bin/runsc")),
                        new RuntimeEnvironment("kata", "kata", "3.2.0", "qemu",
                                Map.of("runtimeType", "io.containerd.kata.v2"))),
                "17.0.10", "0.1.0-SNAPSHOT", "abc1234", false);
        return new RunResults(RunResults.FORMAT_VERSION, "synthetic-" + seed, Instant.parse("2024-03-01T10:00:00Z"),
                Instant.parse("2024-03-01T10:42:00Z"), "complete", env, config, samples, List.of("synthetic fixture"));
    }

    /** The same run with every runtime's values scaled by {@code factor} on one workload (a regression). */
    public static RunResults withSlowdown(RunResults base, String runtime, String workload, double factor) {
        List<Sample> out = base.samples().stream().map(s -> s.runtime().equals(runtime) && s.workload().equals(workload)
                ? new Sample(s.runtime(), s.workload(), s.metric(), s.value() * factor, s.unit(), s.direction(),
                        s.round(), s.block(), s.fork(), s.iteration(), s.containerId(), s.verifiedRuntime(), s.failure(),
                        s.interrupted())
                : s).toList();
        return new RunResults(base.formatVersion(), base.runId() + "-slow", base.started(), base.finished(),
                base.status(), base.environment(), base.config(), out, base.notes());
    }
}
