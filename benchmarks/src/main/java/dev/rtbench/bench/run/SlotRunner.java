package dev.rtbench.bench.run;

import dev.rtbench.bench.jmh.BurstBench;
import dev.rtbench.bench.jmh.ContainerExecBench;
import dev.rtbench.bench.jmh.CriLifecycleBench;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.Phase;
import dev.rtbench.bench.jmh.DensityBench;
import dev.rtbench.bench.jmh.InvocationRecord;
import dev.rtbench.bench.jmh.LifecycleBench;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.WorkloadKind;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one slot of a block, some samples of one workload under one runtime, as a JMH run in this JVM
 * ({@code forks(0)}; see {@link dev.rtbench.bench.jmh.BenchContext} for why), and returns JMH's times with what
 * each invocation recorded.
 */
final class SlotRunner {

    /**
     * What one slot gave: the times JMH measured and the records of the invocations, in order, and the wall time of
     * its warm-up (none when it had none).
     */
    record Outcome(String unit, List<Double> scores, List<InvocationRecord> records, String error, Duration warmups) {}

    private final ConcurrentLinkedQueue<InvocationRecord> inbox = new ConcurrentLinkedQueue<>();
    private final PrintStream jmhLog;

    SlotRunner(PrintStream jmhLog) {
        this.jmhLog = jmhLog;
        // JMH takes a machine-wide lock (/tmp/jmh.lock) for each run and fails when another JMH holds it: with a
        // JMH run per slot, any other JMH on the machine would fail slots at random. Other load shows in the
        // intervals and the block-spread warnings instead.
        System.setProperty("jmh.ignoreLock", "true");
    }

    /** Where the benchmarks hand their records: install it in the run's context. */
    void accept(InvocationRecord r) {
        inbox.add(r);
    }

    /** The records handed in so far and not yet taken: what an interrupted slot had done. */
    List<InvocationRecord> drain() {
        List<InvocationRecord> out = new ArrayList<>();
        for (InvocationRecord r; (r = inbox.poll()) != null; ) {
            out.add(r);
        }
        return out;
    }

    /** The benchmark class that measures {@code w} under {@code arm}: a pod's phases through CRI. */
    static Class<?> benchmarkOf(String arm, Workload w) {
        Class<?> bench = benchmarkOf(w);
        return bench == LifecycleBench.class && !Arm.parse(arm).engine().equals(Arm.DOCKER) ? CriLifecycleBench.class
                : bench;
    }

    /** The benchmark class that measures {@code w} through dockerd. */
    static Class<?> benchmarkOf(Workload w) {
        if (HostWorkloads.isDensity(w.name())) {
            return DensityBench.class;
        }
        if (HostWorkloads.isBurst(w.name())) {
            return BurstBench.class;
        }
        // exec is timed like the execution workloads: a command in a running container
        return w.kind() == WorkloadKind.EXECUTION || w.name().equals(Phase.EXEC.label()) ? ContainerExecBench.class
                : LifecycleBench.class;
    }

    Outcome run(String runtime, Workload workload, int samples, int warmups) {
        drain();
        Class<?> bench = benchmarkOf(runtime, workload);
        var options = new OptionsBuilder()
                .include("^" + bench.getName().replace(".", "\\.") + "\\.")
                .param("runtime", runtime)
                .param("workload", workload.name())
                .forks(0)
                .warmupIterations(warmups)
                .warmupBatchSize(1)
                .measurementIterations(samples)
                .measurementBatchSize(1)
                .timeout(TimeValue.minutes(30))
                .shouldFailOnError(false)
                .build();
        Collection<RunResult> results;
        String error = null;
        BenchmarkListener listener = BenchmarkListener.to(jmhLog);
        try {
            results = new Runner(options, listener).run();
        } catch (RunnerException | RuntimeException e) {
            results = List.of();
            error = "JMH failed: " + e.getMessage();
        }
        List<Double> scores = new ArrayList<>();
        String unit = "ms";
        for (RunResult rr : results) {
            for (var br : rr.getBenchmarkResults()) {
                for (IterationResult ir : br.getIterationResults()) {
                    scores.add(ir.getPrimaryResult().getScore());
                    // single-shot scores are times of one operation: JMH says "ms/op", the results say "ms"
                    unit = ir.getPrimaryResult().getScoreUnit().replace("/op", "");
                }
            }
        }
        return new Outcome(unit, scores, drain(), error, listener.warmups());
    }
}
