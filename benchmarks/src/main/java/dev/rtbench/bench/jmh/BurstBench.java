package dev.rtbench.bench.jmh;

import dev.rtbench.bench.run.HostWorkloads;
import dev.rtbench.harness.engine.ConcurrentStarts;
import dev.rtbench.harness.engine.ContainerRemoval;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.Verification;
import dev.rtbench.harness.host.DaemonProcesses;
import dev.rtbench.harness.host.ProcessCpu;
import dev.rtbench.harness.host.ProcessTree;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.stats.Quantiles;
import dev.rtbench.workloads.Workloads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Bursts: K created idle containers started at the same moment, one thread each ({@code burst-K}).
 *
 * <p>Timed: from the release of the K starts until the last one returned, when every container runs. Also kept:
 * {@code start-median} and {@code start-max} (ms), each start's own time from the release; and the CPU time the
 * daemons spent from just before the release until just after the last start (read outside the timed region),
 * {@code dockerd-cpu} and {@code containerd-cpu} (ms, from the daemon threads' {@code /proc/PID/task/TID/schedstat},
 * nanoseconds: stat's 10 ms ticks read 0 for a small burst), when they run on this host. Through CRI the K are pods
 * made beforehand, K {@code StartContainer} calls are timed, and {@code containerd-cpu} is the CRI server's.
 *
 * <p>Not timed: creating the K containers beforehand, checking the runtime, removing them afterwards. Any start
 * that fails fails the sample, with how many started.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BurstBench {

    @Param({"runc"})
    public String runtime;

    @Param({"burst-4"})
    public String workload;

    private BenchContext ctx;
    private ContainerSpec spec;
    private int k;
    private boolean warmup;

    private final List<String> ids = new ArrayList<>();
    private List<ConcurrentStarts.Start> starts = List.of();
    private DaemonProcesses daemons;
    private Optional<Reading> dockerdBefore = Optional.empty();
    private Optional<Reading> containerdBefore = Optional.empty();
    private String failure;

    /** A daemon's CPU time at one moment. */
    private record Reading(long pid, long nanos) {
        static Optional<Reading> of(Optional<ProcessTree.Proc> p) {
            return p.flatMap(x -> {
                var ns = ProcessCpu.nanos(x.pid());
                return ns.isPresent() ? Optional.of(new Reading(x.pid(), ns.getAsLong())) : Optional.empty();
            });
        }
    }

    @Setup(Level.Trial)
    public void trial() {
        ctx = BenchContext.get();
        k = HostWorkloads.burstSize(workload);
        if (k < 1) {
            throw new IllegalArgumentException("not a burst workload: " + workload + " (burst-K, K >= 1)");
        }
        spec = ctx.spec(runtime, workload, Workloads.IDLE_COMMAND);
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        warmup = params.getType() == IterationType.WARMUP;
    }

    @Setup(Level.Invocation)
    public void prepare() {
        ids.clear();
        starts = List.of();
        failure = null;
        try {
            for (int i = 0; i < k; i++) {
                ids.add(ctx.driver(runtime).create(spec));
            }
        } catch (RuntimeException e) {
            failure = "creating container " + (ids.size() + 1) + " of " + k + " failed: " + e.getMessage();
        }
        // found once, outside the timed region; only their CPU counters are read around it
        daemons = daemons();
        dockerdBefore = Reading.of(daemons.dockerd());
        containerdBefore = Reading.of(daemons.containerd());
    }

    @Benchmark
    public void burst() {
        if (failure == null) {
            starts = ConcurrentStarts.startAll(ctx.driver(runtime), ids);
        }
    }

    @TearDown(Level.Invocation)
    public void record() {
        Optional<Reading> dockerdAfter = Reading.of(daemons.dockerd());
        Optional<Reading> containerdAfter = Reading.of(daemons.containerd());
        List<InvocationRecord.Figure> figures = new ArrayList<>();
        String verified = null;
        long started = starts.stream().filter(ConcurrentStarts.Start::ok).count();
        if (failure == null && started < k) {
            failure = "only " + started + " of " + k + " containers started: " + starts.stream()
                    .filter(s -> !s.ok()).map(ConcurrentStarts.Start::failure).findFirst().orElse("?");
        }
        double[] ends = starts.stream().filter(ConcurrentStarts.Start::ok)
                .mapToDouble(ConcurrentStarts.Start::endMs).toArray();
        if (ends.length > 0) {
            figures.add(new InvocationRecord.Figure("start-median", Quantiles.median(ends), "ms", false));
            figures.add(new InvocationRecord.Figure("start-max", Arrays.stream(ends).max().orElseThrow(),
                    "ms", false));
        }
        cpu(dockerdBefore, dockerdAfter)
                .ifPresent(ms -> figures.add(new InvocationRecord.Figure("dockerd-cpu", ms, "ms", false)));
        cpu(containerdBefore, containerdAfter)
                .ifPresent(ms -> figures.add(new InvocationRecord.Figure("containerd-cpu", ms, "ms", false)));
        if (failure == null) {
            try {
                Verification v = ctx.verifier(runtime).daemonRecord(ids.get(0), Arm.runtimeOf(runtime));
                if (v.ok()) {
                    verified = runtime;
                } else {
                    failure = "runtime mismatch: " + v.describe();
                }
            } catch (RuntimeException e) {
                failure = "could not check the container: " + e.getMessage();
            }
        }
        String removal = ContainerRemoval.removeAll(ctx.driver(runtime), ids);
        failure = failure != null ? failure : removal;
        ctx.record(new InvocationRecord("BurstBench", runtime, workload, warmup, ids.isEmpty() ? null : ids.get(0),
                verified, failure, figures, Double.NaN));
    }

    /** dockerd and its containerd, or through CRI the CRI server (reported as {@code containerd-cpu}). */
    private DaemonProcesses daemons() {
        return ctx.driver(runtime).daemons(ProcessTree.read());
    }

    /** Milliseconds of CPU between two readings of one daemon, from its threads' schedstat (nanoseconds). */
    private static Optional<Double> cpu(Optional<Reading> before, Optional<Reading> after) {
        if (before.isEmpty() || after.isEmpty() || before.get().pid() != after.get().pid()) {
            return Optional.empty();
        }
        long ns = after.get().nanos() - before.get().nanos();
        // never zero at this resolution; a negative difference means a thread ended in between: no figure
        return ns > 0 ? Optional.of(ns / 1e6) : Optional.empty();
    }
}
