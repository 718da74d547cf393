package dev.rtbench.bench.jmh;

import dev.rtbench.harness.engine.ContainerRemoval;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.Verification;
import dev.rtbench.harness.host.HostMemory;
import dev.rtbench.harness.host.ProcessTree;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.workloads.Workloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * Footprint: what N idle containers under one runtime cost the host, and how start-up slows as they pile up. One
 * invocation is one density measurement.
 *
 * <p>Timed: starting N idle containers one after another (create + start each, kept running): the time to reach
 * N, the sample's {@code time} (not recorded twice: a second figure of the same number would be a second
 * comparison counted against every other in Holm's correction). Each start's own latency is kept for a few k
 * ({@code start@k}, ms).
 *
 * <p>Not timed: before it, dropping the page cache and waiting for MemAvailable to settle; after it, waiting again,
 * then reading the memory figures, checking the runtime, and removing every container. Memory per container is
 * measured two ways, because neither gVisor's sandbox and gofer nor a VM shows in the container's cgroup:
 * {@code memavailable-per-container} (MiB) is the drop in the host's MemAvailable over N, which sees everything
 * the containers cost (kernel memory included) but also whatever else the host did meanwhile;
 * {@code pss-per-container} (MiB) is the sum of Pss over every process started for the containers (each one's
 * shim, found from its {@code State.Pid}, and all the shim's descendants) over N, which sees those processes
 * only, and each shared page once. {@code memavailable-drop@k} (MiB) is the unsettled drop after k containers.
 * Both MemAvailable figures are kept from {@link #MIN_MEMAVAILABLE_CONTAINERS} containers on: below that the
 * host's own movement is as large as the signal.
 *
 * <p>A runtime that cannot reach N (a start fails, a limit is hit) gives a failed sample that says how many it
 * reached and why, with its figures up to there; every container it started is removed, and any runtime
 * process left behind is ended. Warm-up invocations start two containers only: they warm the image and the
 * daemon's paths without doubling the run's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DensityBench {

    /** The k at which a start latency and an unsettled memory reading are kept (and N itself). */
    static final List<Integer> POINTS = List.of(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000);
    /** Two readings this far apart that agree make a settled reading: 1 s cost 4 s of every density block. */
    private static final Duration SETTLE_STEP = Duration.ofMillis(500);
    private static final long MIN_TOLERANCE_KIB = 2048;
    private static final double MIB = 1024.0;
    /**
     * The fewest containers whose MemAvailable drop is kept, per container or at k: fewer are within what the rest
     * of a quiet host moves between two readings. In the default run's 12 blocks of 5 containers, runc's drop was
     * 0.5 to 15 MiB per container and zero or negative (left out) in 5 blocks, gVisor's 8 to 31 MiB, while the
     * PSS of the same containers was 4.12-4.23 and 17.98-18.21 MiB: so below 20 containers only PSS is measured.
     */
    static final int MIN_MEMAVAILABLE_CONTAINERS = 20;

    @Param({"runc"})
    public String runtime;

    @Param({"density"})
    public String workload;

    private BenchContext ctx;
    private ContainerSpec spec;
    private final HostMemory memory = HostMemory.host();
    private boolean warmup;

    private int n;
    private int reached;
    private final List<String> ids = new ArrayList<>();
    private final Map<Integer, Double> startMs = new LinkedHashMap<>();
    private final Map<Integer, Double> dropAtKiB = new LinkedHashMap<>();
    private HostMemory.Settled before;
    private String failure;

    @Setup(Level.Trial)
    public void trial() {
        ctx = BenchContext.get();
        spec = ctx.spec(runtime, workload, Workloads.IDLE_COMMAND);
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        warmup = params.getType() == IterationType.WARMUP;
    }

    @Setup(Level.Invocation)
    public void prepare() {
        n = warmup ? Math.min(2, ctx.setup.density()) : ctx.setup.density();
        ids.clear();
        reached = 0;
        startMs.clear();
        dropAtKiB.clear();
        failure = null;
        before = null;
        if (n >= MIN_MEMAVAILABLE_CONTAINERS) {
            // where caches cannot be dropped (not root) the readings are still taken: the host note says so. Below
            // the threshold nothing reads MemAvailable, and the other workloads of the run keep their caches
            HostMemory.dropCaches();
            before = memory.settledMemAvailable(SETTLE_STEP, Duration.ofSeconds(10), MIN_TOLERANCE_KIB);
        }
    }

    @Benchmark
    public void fill() {
        for (int k = 1; k <= n; k++) {
            long s = System.nanoTime();
            try {
                ids.add(ctx.driver(runtime).create(spec));
                ctx.driver(runtime).start(ids.get(ids.size() - 1));
            } catch (RuntimeException e) {
                failure = "reached " + (k - 1) + " of " + n + " containers: starting container " + k + " failed: "
                        + e.getMessage();
                break;
            }
            reached = k;
            long e = System.nanoTime();
            if (k == n || POINTS.contains(k)) {
                startMs.put(k, (e - s) / 1e6);
                if (before != null && k >= MIN_MEMAVAILABLE_CONTAINERS) {
                    dropAtKiB.put(k, (double) (before.kib() - memory.memAvailableKiB()));
                }
            }
        }
    }

    @TearDown(Level.Invocation)
    public void measureAndRemove() {
        List<InvocationRecord.Figure> figures = new ArrayList<>();
        String verified = null;
        try {
            if (reached > 0) {
                figures.addAll(memoryFigures(reached));
                Verification first = ctx.verifier(runtime).daemonRecord(ids.get(0), Arm.runtimeOf(runtime));
                Verification last = ctx.verifier(runtime).daemonRecord(ids.get(reached - 1), Arm.runtimeOf(runtime));
                if (first.ok() && last.ok()) {
                    verified = runtime;
                } else if (failure == null) {
                    failure = "runtime mismatch: " + (first.ok() ? last : first).describe();
                }
            }
        } catch (RuntimeException e) {
            failure = failure != null ? failure : "could not measure the containers: " + e.getMessage();
        }
        startMs.forEach((k, ms) -> figures.add(new InvocationRecord.Figure("start@" + k, ms, "ms", false)));
        // a drop of zero or less means the rest of the host freed more than the containers took: no measurement,
        // and the statistics (ratios) need positive values, so it is left out rather than recorded
        dropAtKiB.forEach((k, kib) -> {
            if (kib > 0) {
                figures.add(new InvocationRecord.Figure("memavailable-drop@" + k, kib / MIB, "MiB", false));
            }
        });
        if (failure != null) {
            figures.add(new InvocationRecord.Figure("containers-reached", reached, "containers", true));
        }
        String removal = ContainerRemoval.removeAll(ctx.driver(runtime), ids);
        if (removal != null && failure == null) {
            failure = removal;
        }
        ctx.record(new InvocationRecord("DensityBench", runtime, workload, warmup, ids.isEmpty() ? null : ids.get(0),
                verified, failure, figures, Double.NaN));
    }

    /** The per-container memory of the {@code reached} containers now running. */
    private List<InvocationRecord.Figure> memoryFigures(int reached) {
        HostMemory.Settled after = null;
        if (before != null && reached >= MIN_MEMAVAILABLE_CONTAINERS) {
            // the tolerance grows with the signal: 1% of the drop so far, at least 2 MiB
            long dropSoFar = Math.max(0, before.kib() - memory.memAvailableKiB());
            after = memory.settledMemAvailable(SETTLE_STEP, Duration.ofSeconds(15),
                    Math.max(MIN_TOLERANCE_KIB, dropSoFar / 100));
        }
        ProcessTree tree = ProcessTree.read();
        Set<Long> pids = new LinkedHashSet<>();
        for (String id : ids.subList(0, reached)) {
            long init = ctx.driver(runtime).initPid(id);
            Set<Long> mine = tree.containerProcesses(init);
            if (mine.isEmpty()) {
                throw new IllegalStateException("container " + id.substring(0, 12) + " (State.Pid " + init
                        + ") has no process on this host: is the daemon on another machine?");
            }
            pids.addAll(mine);
        }
        long pss = memory.pssSumKiB(pids);
        List<InvocationRecord.Figure> out = new ArrayList<>();
        if (after != null && before.kib() > after.kib()) {
            out.add(new InvocationRecord.Figure("memavailable-per-container",
                    (before.kib() - after.kib()) / MIB / reached, "MiB", false));
        }
        out.add(new InvocationRecord.Figure("pss-per-container", pss / MIB / reached, "MiB", false));
        return out;
    }

    /** The k at which figures are kept for N containers, for charts and tests. */
    static Set<Integer> points(int n) {
        Set<Integer> out = new TreeSet<>();
        POINTS.stream().filter(k -> k <= n).forEach(out::add);
        out.add(n);
        return out;
    }
}
