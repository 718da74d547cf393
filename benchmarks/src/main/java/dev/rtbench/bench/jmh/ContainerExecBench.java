package dev.rtbench.bench.jmh;

import dev.rtbench.harness.engine.ContainerDriver.EndedExec;
import dev.rtbench.harness.engine.ExecResult;
import dev.rtbench.workloads.Measurement;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.WorkloadKind;
import java.util.ArrayList;
import dev.rtbench.harness.results.Phase;
import dev.rtbench.harness.results.Timeline;
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
 * <p>Timed: one {@code docker exec} of the workload's command, from creating the exec until its output stream
 * ends (its process has exited). Not timed: the container (one per runtime, kept running for the whole run and
 * proved from inside when it started), the workload's setup and cleanup (execs of their own before and after
 * every sample: a file laid out and removed), reading the exit code, and parsing what the workload printed about
 * itself (its own figures, recorded beside the time). A network workload's server is started and stopped by its
 * script inside the timed exec, around its client: its figures are the client's own.
 *
 * <p>The workload's own elapsed time must lie inside the harness's: a sample where it does not fails loudly,
 * since one of the two clocks is then wrong. The difference, what the exec path adds, is recorded with it.
 *
 * <p>A workload that fails or times out is recorded as a failed sample and its container is replaced, because
 * whatever failed may still run in it and skew the next sample.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ContainerExecBench {

    static final String INSIDE_TIME = "inside-time";

    @Param({"runc"})
    public String runtime;

    @Param({"exec", "cpu-single", "cpu-all", "memory-1k", "memory-1m", "syscall", "syscall-null", "context-switch",
            "fork", "process", "hackbench", "file-read", "files-small", "fio-random", "fio-random-volume",
            "fio-sequential", "fio-sequential-volume", "fio-fsync", "fio-fsync-volume", "tcp-throughput", "redis",
            "http"})
    public String workload;

    private BenchContext ctx;
    private Workload w;
    private List<String> command;
    private List<String> warmupCommand;
    private boolean warmup;

    /**
     * Warm-up samples run the workload at this fraction of the run's scale: they are discarded, and what they are
     * for (the tool's binary and libraries read, the runtime's paths for it touched once) takes no full-size run.
     * At full size the warm-ups of the first round cost about 40 s of the default run.
     */
    static final double WARMUP_SCALE = 0.1;

    private ExecTarget target;
    private BenchContext.ImageRef image;
    private EndedExec ended;
    private long outsideNanos;
    private String failure;
    /** whether this is the exec phase, whose timeline {@code --attribute} records */
    private boolean isExecPhase;
    private InvocationRecord.Window window;

    @Setup(Level.Trial)
    public void trial() {
        ctx = BenchContext.get();
        w = ctx.workload(workload);
        isExecPhase = workload.equals(Phase.EXEC.label());
        image = ctx.imageOf(w);
        command = commandAt(ctx.setup.scale());
        warmupCommand = commandAt(ctx.setup.scale() * WARMUP_SCALE);
    }

    private List<String> commandAt(double scale) {
        return shelled(w.command(scale));
    }

    /** A command with the shell of the image it runs in: rtbench's image's, or a user workload's own. */
    private List<String> shelled(List<String> cmd) {
        return image == null ? ctx.withShell(cmd) : BenchContext.withShell(cmd, image.shell());
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        warmup = params.getType() == IterationType.WARMUP;
    }

    @Setup(Level.Invocation)
    public void prepare() {
        ended = null;
        window = null;
        outsideNanos = 0;
        target = ctx.target(runtime, image);
        failure = target.problem();
        if (failure == null && w.hasSetup()) {
            // the workload's preparation (a server started, a file laid out) in an exec of its own, untimed
            failure = untimed("setup", w.setup());
        }
    }

    /** Runs a workload's setup or cleanup in the target; null when it exited 0, else why the sample fails. */
    private String untimed(String what, List<String> cmd) {
        try {
            ExecResult r = ctx.driver(runtime).exec(target.containerId(), shelled(cmd), ctx.timeoutOf(w));
            return r.succeeded() ? null : "its " + what + " exited with " + r.exitCode() + ": "
                    + tail(r.stderr() + r.stdout());
        } catch (RuntimeException e) {
            return "its " + what + " failed: " + e.getMessage();
        }
    }

    @Benchmark
    public void exec() {
        if (failure != null) {
            return;
        }
        long sent = Timeline.nowMicros();
        long t0 = System.nanoTime();
        try {
            ended = ctx.driver(runtime).execUntilEnd(target.containerId(), warmup ? warmupCommand : command,
                    ctx.timeoutOf(w));
        } catch (RuntimeException e) {
            failure = e.getMessage();
        }
        outsideNanos = System.nanoTime() - t0;
        // the exec phase's timeline (--attribute); an execution workload's time is its command's, not the engine's
        window = isExecPhase ? new InvocationRecord.Window(sent, Timeline.nowMicros()) : null;
    }

    @TearDown(Level.Invocation)
    public void check() {
        List<InvocationRecord.Figure> figures = new ArrayList<>();
        double harnessMs = Double.NaN;
        if (failure == null && ended != null) {
            try {
                ExecResult result = ended.finish();
                if (!result.succeeded()) {
                    failure = "exited with " + result.exitCode() + ": " + tail(result.stderr() + result.stdout());
                } else if (w.kind() == WorkloadKind.EXECUTION && w.parser() != null) {
                    harnessMs = readFigures(result, figures);
                }
            } catch (RuntimeException e) {
                failure = failure != null ? failure : "its result could not be read: " + e.getMessage();
            }
        }
        if (w.hasCleanup() && target.problem() == null) {
            // always after the timed exec, whether it succeeded or not: the next sample must not meet leftovers
            String cleanupFailure = untimed("cleanup", w.cleanup());
            failure = failure != null ? failure : cleanupFailure;
        }
        ctx.record(new InvocationRecord("ContainerExecBench", runtime, workload, warmup, target.containerId(),
                failure == null ? target.verified() : null, failure, failure == null ? figures : List.of(),
                harnessMs, window));
        if (failure != null && target.problem() == null) {
            ctx.replaceTarget(runtime, image);
        }
    }

    /** Adds the workload's own figures and returns outside minus inside in ms (NaN when it has no own clock). */
    private double readFigures(ExecResult result, List<InvocationRecord.Figure> figures) {
        double harnessMs = Double.NaN;
        for (Measurement m : w.parser().parse(result.stdout(), result.stderr())) {
            if (m.metric().equals(INSIDE_TIME)) {
                // the script's own elapsed time gives exactly the ratio of its per-operation figure: a duplicate
                // comparison would only weaken the Holm correction of all the others; it serves the clock check
                double insideMs = InsideOutside.toMillis(m.value(), m.unit());
                String problem = InsideOutside.check(insideMs, outsideNanos / 1e6);
                if (problem != null) {
                    failure = problem;
                    return Double.NaN;
                }
                harnessMs = outsideNanos / 1e6 - insideMs;
                continue;
            }
            figures.add(new InvocationRecord.Figure(m.metric(), m.value(), m.unit(), m.higherIsBetter()));
        }
        return harnessMs;
    }

    private static String tail(String s) {
        s = s.strip();
        return s.length() > 300 ? "..." + s.substring(s.length() - 300) : s;
    }
}
