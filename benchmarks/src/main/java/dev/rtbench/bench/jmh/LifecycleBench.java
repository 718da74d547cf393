package dev.rtbench.bench.jmh;

import dev.rtbench.harness.engine.ContainerDriver.FirstOutputWatch;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.engine.Verification;
import dev.rtbench.harness.runtime.RuntimeProfile;
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
 * {@code wait} from a started one until the daemon reports its exit; {@code stop} of a running one (SIGTERM,
 * which its command obeys); {@code remove} of an exited one; {@code run}
 * (create, start and wait for {@code true} to exit: what {@code docker run --rm} costs before its removal);
 * {@code first-output} (start until the first output of the container reaches us, attached beforehand).
 * Not timed: preparing the container for the phase, checking which runtime it ran under, and removing it.
 *
 * <p>Single-shot: each measurement iteration is one invocation, one container. A failed phase is recorded as a
 * failed sample with its reason; the run goes on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LifecycleBench {

    @Param({"runc"})
    public String runtime;

    @Param({"create", "start", "wait", "stop", "remove", "run", "first-output"})
    public String workload;

    private ForkContext ctx;
    private RuntimeProfile profile;
    private ContainerSpec spec;
    private String trialProblem;
    private boolean warmup;

    private String id;
    private FirstOutputWatch watch;
    private String failure;
    private boolean removeVerified;

    @Setup(Level.Trial)
    public void trial() {
        ctx = ForkContext.open();
        profile = ctx.profile(runtime);
        var w = Workloads.byName(workload);
        spec = ctx.spec(runtime, workload, w.command(ctx.scale));
        // once per fork: a container under this runtime must prove it is what it claims to be
        try {
            Verification v = ctx.verifier.probe(profile, spec);
            trialProblem = v.ok() ? null : v.describe();
        } catch (EngineException e) {
            trialProblem = "the runtime could not run a proof container: " + e.getMessage();
        }
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
        failure = trialProblem;
        if (failure != null) {
            return;
        }
        try {
            switch (workload) {
                case "create", "run" -> { }
                case "start" -> id = ctx.engine.create(spec);
                case "wait", "stop" -> {
                    id = ctx.engine.create(spec);
                    ctx.engine.start(id);
                }
                case "remove" -> {
                    id = ctx.engine.create(spec);
                    ctx.engine.start(id);
                    ctx.engine.waitExit(id);
                    // once removed, the container can no longer be asked: check it now
                    Verification v = ctx.verifier.daemonRecord(id, runtime);
                    removeVerified = v.ok();
                    if (!v.ok()) {
                        failure = "runtime mismatch: " + v.describe();
                    }
                }
                case "first-output" -> {
                    id = ctx.engine.create(spec);
                    watch = ctx.engine.prepareFirstOutput(id);
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
        try {
            switch (workload) {
                case "create" -> id = ctx.engine.create(spec);
                case "start" -> ctx.engine.start(id);
                case "wait" -> {
                    int code = ctx.engine.waitExit(id);
                    if (code != 0) {
                        failure = "the container exited with " + code;
                    }
                }
                case "stop" -> ctx.engine.stop(id, Duration.ofSeconds(10));
                case "remove" -> ctx.engine.remove(id);
                case "run" -> {
                    id = ctx.engine.create(spec);
                    ctx.engine.start(id);
                    int code = ctx.engine.waitExit(id);
                    if (code != 0) {
                        failure = "the container exited with " + code;
                    }
                }
                case "first-output" -> ctx.engine.startUntilFirstOutput(watch);
                default -> throw new IllegalStateException(workload);
            }
        } catch (RuntimeException e) {
            failure = e.getMessage();
        }
    }

    @TearDown(Level.Invocation)
    public void check() {
        String verified = null;
        if (id != null) {
            try {
                if (failure == null && !workload.equals("remove")) {
                    Verification v = ctx.verifier.daemonRecord(id, runtime);
                    if (v.ok()) {
                        verified = runtime;
                    } else {
                        failure = "runtime mismatch: " + v.describe();
                    }
                }
            } catch (RuntimeException e) {
                failure = "could not check the container's runtime: " + e.getMessage();
            }
            if (watch != null) {
                watch.close();
            }
            try {
                ctx.engine.remove(id);
            } catch (RuntimeException e) {
                failure = failure != null ? failure : "could not remove the container: " + e.getMessage();
            }
            if (failure != null) {
                LeftoverProcesses.killFor(List.of(id));
            }
        }
        if (removeVerified && failure == null) {
            verified = runtime;
        }
        ctx.record(new InvocationRecord("LifecycleBench", runtime, workload, ProcessHandle.current().pid(), warmup,
                id, verified, failure, List.of()));
    }

    @TearDown(Level.Trial)
    public void done() {
        ctx.close();
    }
}
