package dev.rtbench.bench.jmh;

import dev.rtbench.harness.engine.ContainerDriver.FirstOutputWatch;
import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.Verification;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.Phase;
import dev.rtbench.harness.results.Timeline;
import dev.rtbench.workloads.Workloads;
import java.time.Duration;
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
 * The container lifecycle, one phase timed at a time, with a fresh container for every sample.
 *
 * <p>Timed: only the phase named by {@code workload}: {@code create}; {@code start} of a created container;
 * {@code wait} from a started one until the daemon reports its exit; {@code stop} of a running container that
 * has said it is ready (its shell's SIGTERM trap is installed before it prints, so the signal is never ignored
 * and the sample never becomes the grace period); {@code remove} of an exited one; {@code run} (create, start
 * and wait for {@code true} to exit: what {@code docker run --rm} costs before its removal); {@code first-output}
 * (from sending the start, without waiting for its reply, until the container's first byte of output reaches
 * us, attached beforehand). Which OCI runtime calls fall in each phase: {@link dev.rtbench.harness.results.Phase}.
 *
 * <p>Not timed: preparing the container for the phase, checking the start's reply, checking which runtime the
 * daemon ran it under, and removing it. A failed phase is recorded as a failed sample with its reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LifecycleBench {

    /** The container {@code stop} stops: says "ready" once its trap is set, then waits without polling. */
    static final List<String> READY_THEN_IDLE = List.of("/bin/sh", "-c",
            "trap 'exit 0' TERM; echo " + Workloads.FIRST_OUTPUT_LINE + "; sleep 2147483647 & wait");

    @Param({"runc"})
    public String runtime;

    /** the phases dockerd has, in life order, but exec ({@link ContainerExecBench} times it); LifecycleParamsTest */
    @Param({"create", "start", "wait", "stop", "remove", "run", "first-output"})
    public String workload;

    private Phase timed;
    private BenchContext ctx;
    /** the engine of the arm: dockerd ({@link CriLifecycleBench} times the pod phases of an arm through CRI) */
    private ContainerDriver driver;
    private ContainerSpec spec;
    private boolean warmup;

    private String id;
    private FirstOutputWatch watch;
    private String failure;
    /** when the timed call was sent and answered: the window of its timeline ({@code --attribute}) */
    private InvocationRecord.Window window;
    private boolean removeVerified;

    @Setup(Level.Trial)
    public void trial() {
        timed = phaseOf(workload, Arm.DOCKER);
        ctx = BenchContext.get();
        driver = ctx.driver(runtime);
        List<String> command = timed == Phase.STOP ? READY_THEN_IDLE
                : Workloads.byName(workload).command(ctx.setup.scale());
        spec = ctx.spec(runtime, workload, command);
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        warmup = params.getType() == IterationType.WARMUP;
    }

    @Setup(Level.Invocation)
    public void prepare() {
        id = null;
        watch = null;
        removeVerified = false;
        failure = null;
        window = null;
        try {
            switch (timed) {
                case CREATE, RUN -> { }
                case START -> id = driver.create(spec);
                case WAIT -> {
                    id = driver.create(spec);
                    driver.start(id);
                }
                case STOP, FIRST_OUTPUT -> {
                    id = driver.create(spec);
                    watch = driver.prepareFirstOutput(id);
                    if (timed == Phase.STOP) {
                        driver.startUntilFirstOutput(watch);
                        watch.confirmStarted();
                    }
                }
                case REMOVE -> {
                    id = driver.create(spec);
                    driver.start(id);
                    driver.waitExit(id);
                    // once removed, the container can no longer be asked: check it now
                    Verification v = ctx.verifier(runtime).daemonRecord(id, Arm.runtimeOf(runtime));
                    removeVerified = v.ok();
                    if (!v.ok()) {
                        failure = "runtime mismatch: " + v.describe();
                    }
                }
                default -> throw new IllegalArgumentException("not a lifecycle workload: " + workload);
            }
        } catch (RuntimeException e) {
            failure = "preparing the container failed: " + e.getMessage();
        }
    }

    @Benchmark
    public void phase() {
        if (failure != null) {
            return;
        }
        long sent = Timeline.nowMicros();
        try {
            switch (timed) {
                case CREATE -> id = driver.create(spec);
                case START -> driver.start(id);
                case WAIT -> exitedZero(driver.waitExit(id));
                case STOP -> driver.stop(id, Duration.ofSeconds(10));
                case REMOVE -> driver.remove(id);
                case RUN -> {
                    id = driver.create(spec);
                    driver.start(id);
                    exitedZero(driver.waitExit(id));
                }
                case FIRST_OUTPUT -> driver.startUntilFirstOutput(watch);
                default -> throw new IllegalStateException(workload);
            }
        } catch (RuntimeException e) {
            failure = e.getMessage();
        } finally {
            window = new InvocationRecord.Window(sent, Timeline.nowMicros());
        }
    }

    /** The phase {@code workload} names, which {@code engine} has a call for and a lifecycle bench times. */
    static Phase phaseOf(String workload, String engine) {
        return Phase.byName(workload).filter(p -> p.through(engine) && p != Phase.EXEC).orElseThrow(() ->
                new IllegalArgumentException("not a lifecycle phase through " + engine + ": \"" + workload + "\""));
    }

    /**
     * Null when the start that {@code watch} timed succeeded and its first output is the line the first-output
     * workloads print, else what went wrong. Throws what the start's reply says.
     */
    static String firstOutputProblem(FirstOutputWatch watch) {
        watch.confirmStarted();
        return watch.firstOutput().startsWith(Workloads.FIRST_OUTPUT_LINE) ? null : "the first output was \""
                + watch.firstOutput().strip() + "\", not \"" + Workloads.FIRST_OUTPUT_LINE + "\"";
    }

    private void exitedZero(int code) {
        if (code != 0) {
            failure = "the container exited with " + code;
        }
    }

    @TearDown(Level.Invocation)
    public void check() {
        String verified = null;
        if (id != null) {
            try {
                if (failure == null && timed == Phase.FIRST_OUTPUT) {
                    failure = firstOutputProblem(watch);
                }
                if (failure == null && timed != Phase.REMOVE) {
                    Verification v = ctx.verifier(runtime).daemonRecord(id, Arm.runtimeOf(runtime));
                    if (v.ok()) {
                        verified = runtime;
                    } else {
                        failure = "runtime mismatch: " + v.describe();
                    }
                }
            } catch (RuntimeException e) {
                failure = failure != null ? failure : "could not check the container: " + e.getMessage();
            }
            if (watch != null) {
                watch.close();
            }
            if (failure != null) {
                driver.discard(id);
            } else {
                try {
                    driver.remove(id);
                } catch (RuntimeException e) {
                    failure = "could not remove the container: " + e.getMessage();
                    driver.discard(id);
                }
            }
        }
        if (removeVerified && failure == null) {
            verified = runtime;
        }
        ctx.record(new InvocationRecord("LifecycleBench", runtime, workload, warmup, id, verified, failure,
                List.of(), Double.NaN, window));
    }
}
