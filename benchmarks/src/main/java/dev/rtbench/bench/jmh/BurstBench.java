package dev.rtbench.bench.jmh;

import dev.rtbench.harness.engine.ConcurrentStarts;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.DockerEngine;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.engine.Verification;
import dev.rtbench.harness.host.DaemonProcesses;
import dev.rtbench.harness.host.ProcessTree;
import dev.rtbench.harness.stats.Quantiles;
import dev.rtbench.workloads.Workloads;
import java.util.ArrayList;
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
 * daemons spent from just before the release until just after the last start (read outside the timed region), {@code dockerd-cpu} and {@code containerd-cpu} (ms, from
 * {@code /proc/PID/stat} utime + stime, 10 ms resolution), when they run on this host.
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
    private DaemonProcesses daemonsBefore;
    private DaemonProcesses daemonsAfter;
    private String failure;

    @Setup(Level.Trial)
    public void trial() {
        ctx = BenchContext.get();
        k = dev.rtbench.bench.run.HostWorkloads.burstSize(workload);
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
                ids.add(ctx.engine.create(spec));
            }
        } catch (RuntimeException e) {
            failure = "creating container " + (ids.size() + 1) + " of " + k + " failed: " + e.getMessage();
        }
        daemonsBefore = daemons();
    }

    @Benchmark
    public void burst() {
        if (failure == null) {
            starts = ConcurrentStarts.startAll(ctx.engine, ids);
        }
    }

    @TearDown(Level.Invocation)
    public void record() {
        daemonsAfter = daemons();
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
            figures.add(new InvocationRecord.Figure("start-max", java.util.Arrays.stream(ends).max().orElseThrow(),
                    "ms", false));
        }
        cpu(daemonsBefore.dockerd(), daemonsAfter.dockerd())
                .ifPresent(ms -> figures.add(new InvocationRecord.Figure("dockerd-cpu", ms, "ms", false)));
        cpu(daemonsBefore.containerd(), daemonsAfter.containerd())
                .ifPresent(ms -> figures.add(new InvocationRecord.Figure("containerd-cpu", ms, "ms", false)));
        if (failure == null) {
            try {
                Verification v = ctx.verifier.daemonRecord(ids.get(0), runtime);
                if (v.ok()) {
                    verified = runtime;
                } else {
                    failure = "runtime mismatch: " + v.describe();
                }
            } catch (RuntimeException e) {
                failure = "could not check the container: " + e.getMessage();
            }
        }
        for (String id : ids) {
            try {
                ctx.engine.remove(id);
            } catch (RuntimeException e) {
                failure = failure != null ? failure : "could not remove a container: " + e.getMessage();
                ctx.engine.discard(id);
            }
        }
        LeftoverProcesses.killFor(ids);
        ctx.record(new InvocationRecord("BurstBench", runtime, workload, warmup, ids.isEmpty() ? null : ids.get(0),
                verified, failure, figures, Double.NaN));
    }

    private DaemonProcesses daemons() {
        String host = ctx.engine instanceof DockerEngine d ? d.host() : null;
        return DaemonProcesses.find(ProcessTree.read(), host);
    }

    private static Optional<Double> cpu(Optional<ProcessTree.Proc> before, Optional<ProcessTree.Proc> after) {
        if (before.isEmpty() || after.isEmpty() || before.get().pid() != after.get().pid()) {
            return Optional.empty();
        }
        return Optional.of(after.get().cpuMillis() - before.get().cpuMillis());
    }
}
