package dev.rtbench.bench.jmh;

import dev.rtbench.harness.engine.ExecResult;
import dev.rtbench.harness.engine.Verification;
import dev.rtbench.harness.runtime.RuntimeProfile;
import dev.rtbench.workloads.Measurement;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.WorkloadKind;
import dev.rtbench.workloads.Workloads;
import java.util.ArrayList;
import java.util.List;
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
 * Commands run inside a container that is already running: {@code exec} (exec {@code true}: what
 * {@code docker exec} itself costs) and the execution workloads (cpu, syscall, process, files, memory, network).
 *
 * <p>Timed: the whole {@code docker exec} of the workload's command, from the exec's creation until its exit code
 * is known. Not timed: starting the container (once per fork), proving its runtime from inside, and parsing what
 * the workload printed about itself (its per-operation figures, recorded beside the time).
 *
 * <p>A workload that fails or times out is recorded as a failed sample; after a time-out the container is
 * replaced, because the timed-out process still runs in it and would skew the next sample.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ContainerExecBench {

    private static final String INSIDE_TIME = "inside-time";

    @Param({"runc"})
    public String runtime;

    @Param({"exec", "cpu", "syscall", "process", "file-write", "file-read", "files-small", "memory",
            "net-throughput", "net-latency"})
    public String workload;

    private ForkContext ctx;
    private RuntimeProfile profile;
    private Workload w;
    private List<String> command;
    private String containerId;
    private String verified;
    private String containerProblem;
    private boolean warmup;

    private ExecResult result;
    private String failure;

    @Setup(Level.Trial)
    public void trial() {
        ctx = ForkContext.open();
        profile = ctx.profile(runtime);
        w = Workloads.byName(workload);
        command = ctx.withShell(w.command(ctx.scale));
        startContainer();
    }

    private void startContainer() {
        containerId = null;
        verified = null;
        containerProblem = null;
        try {
            containerId = ctx.engine.create(ctx.spec(runtime, workload, Workloads.IDLE_COMMAND));
            ctx.engine.start(containerId);
            Verification v = ctx.verifier.running(containerId, profile, ctx.timeout);
            if (v.ok()) {
                verified = runtime;
            } else {
                containerProblem = "runtime mismatch: " + v.describe();
            }
        } catch (RuntimeException e) {
            containerProblem = "could not start a container under " + runtime + ": " + e.getMessage();
        }
    }

    private void removeContainer() {
        if (containerId == null) {
            return;
        }
        ctx.engine.discard(containerId);
        containerId = null;
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        warmup = params.getType() == IterationType.WARMUP;
    }

    @Setup(Level.Invocation)
    public void prepare() {
        result = null;
        failure = containerProblem;
    }

    @Benchmark
    public void exec() {
        if (failure != null) {
            return;
        }
        try {
            result = ctx.engine.exec(containerId, command, ctx.timeout);
        } catch (RuntimeException e) {
            failure = e.getMessage();
        }
    }

    @TearDown(Level.Invocation)
    public void check() {
        List<InvocationRecord.Figure> figures = new ArrayList<>();
        if (failure == null && result != null) {
            if (!result.succeeded()) {
                failure = "exited with " + result.exitCode() + ": " + tail(result.stderr() + result.stdout());
            } else if (w.kind() == WorkloadKind.EXECUTION && w.parser() != null) {
                try {
                    for (Measurement m : w.parser().parse(result.stdout(), result.stderr())) {
                        if (m.metric().equals(INSIDE_TIME)) {
                            // the script's own elapsed time gives exactly the ratio of its per-operation figure;
                            // a duplicate comparison would only weaken the Holm correction of all the others
                            continue;
                        }
                        figures.add(new InvocationRecord.Figure(m.metric(), m.value(), m.unit(), m.higherIsBetter()));
                    }
                } catch (RuntimeException e) {
                    failure = "its output could not be read: " + e.getMessage();
                }
            }
        }
        ctx.record(new InvocationRecord("ContainerExecBench", runtime, workload, ProcessHandle.current().pid(),
                warmup, containerId, failure == null ? verified : null, failure, figures));
        if (failure != null && containerProblem == null) {
            // whatever failed may still run in the container: give the next sample a clean one
            removeContainer();
            startContainer();
        }
    }

    @TearDown(Level.Trial)
    public void done() {
        removeContainer();
        ctx.close();
    }

    private static String tail(String s) {
        s = s.strip();
        return s.length() > 300 ? "..." + s.substring(s.length() - 300) : s;
    }
}
