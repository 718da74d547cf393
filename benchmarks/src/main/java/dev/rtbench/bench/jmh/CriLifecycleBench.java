package dev.rtbench.bench.jmh;

import dev.rtbench.harness.engine.ContainerDriver.FirstOutputWatch;
import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.Pods;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.Phase;
import dev.rtbench.harness.results.Timeline;
import dev.rtbench.workloads.Workloads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * The lifecycle of a pod as a kubelet drives it through the CRI, one phase timed at a time, with a fresh pod for
 * every sample. {@code runtime} is an arm through CRI ({@code runsc@cri}); its runtime is the pod's handler.
 *
 * <p>Timed, by {@code workload}: {@code pod-sandbox-start} (RunPodSandbox: the sandbox container's create and
 * start, where gVisor boots its kernel and Kata its VM); {@code create} (CreateContainer in a ready pod);
 * {@code start} (StartContainer of a created container running {@code true}); {@code first-output} (from sending
 * StartContainer until the container's first line is in its log); {@code pod-first-output} (RunPodSandbox,
 * CreateContainer and StartContainer until that first line: what a kubelet waits for a new pod); {@code stop}
 * (StopContainer of a container that said it is ready, its SIGTERM trap set); {@code remove} (RemoveContainer of
 * an exited container); {@code pod-stop} (StopPodSandbox of a pod whose container is running and ready). The
 * names shared with {@link LifecycleBench} are the same step through another engine, so a run through both engines
 * compares them in the same blocks; which OCI calls each holds: {@link dev.rtbench.harness.results.Phase}.
 *
 * <p>Not timed: making the pod and container ready for the phase, checking the handler the server records for the
 * pod, and removing the pod. A failed phase is a failed sample with its reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CriLifecycleBench {

    @Param({"runc@cri"})
    public String runtime;

    /** the phases a CRI server has, in life order, but exec ({@link ContainerExecBench} times it); LifecycleParamsTest */
    @Param({"pod-sandbox-start", "create", "start", "stop", "remove", "first-output", "pod-first-output", "pod-stop"})
    public String workload;

    private Phase timed;
    private BenchContext ctx;
    /** the arm's engine: its containers and, since it has pods, its pods */
    private ContainerDriver driver;
    private Pods pods;
    private String handler;
    private ContainerSpec spec;
    private Map<String, String> labels;
    private boolean warmup;

    private String pod;
    private String id;
    private FirstOutputWatch watch;
    private String failure;
    /** when the timed call was sent and answered: the window of its timeline ({@code --attribute}) */
    private InvocationRecord.Window window;

    @Setup(Level.Trial)
    public void trial() {
        timed = LifecycleBench.phaseOf(workload, Arm.CRI);
        ctx = BenchContext.get();
        driver = ctx.driver(runtime);
        pods = driver.pods().orElseThrow(() -> new IllegalArgumentException(runtime + " is measured through an"
                + " engine without pods; the pod phases need a CRI server (--engine cri or both)"));
        handler = Arm.runtimeOf(runtime);
        List<String> command = switch (timed) {
            case STOP, POD_STOP -> LifecycleBench.READY_THEN_IDLE;
            case POD_SANDBOX_START -> Workloads.IDLE_COMMAND;
            default -> Workloads.byName(workload).command(ctx.setup.scale());
        };
        spec = ctx.spec(runtime, workload, command);
        labels = spec.labels();
    }

    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        warmup = params.getType() == IterationType.WARMUP;
    }

    @Setup(Level.Invocation)
    public void prepare() {
        pod = null;
        id = null;
        watch = null;
        failure = null;
        window = null;
        try {
            if (!makesItsPod()) {
                pod = runPod();
            }
            switch (timed) {
                case POD_SANDBOX_START, POD_FIRST_OUTPUT, CREATE -> { }
                case START, FIRST_OUTPUT -> {
                    id = pods.createContainer(pod, spec);
                    watch = timed == Phase.FIRST_OUTPUT ? driver.prepareFirstOutput(id) : null;
                }
                case STOP, POD_STOP -> {
                    id = pods.createContainer(pod, spec);
                    FirstOutputWatch ready = driver.prepareFirstOutput(id);
                    driver.startUntilFirstOutput(ready);
                    ready.confirmStarted();
                }
                case REMOVE -> {
                    id = pods.createContainer(pod, spec);
                    pods.startContainer(id);
                    int code = driver.waitExit(id);
                    if (code != 0) {
                        failure = "the container exited with " + code;
                    }
                }
                default -> throw new IllegalArgumentException("not a CRI lifecycle phase: " + workload);
            }
        } catch (RuntimeException e) {
            failure = "preparing the pod failed: " + e.getMessage();
        }
    }

    /** Whether the timed phase runs the pod itself; every other phase gets a ready pod beforehand. */
    private boolean makesItsPod() {
        return timed == Phase.POD_SANDBOX_START || timed == Phase.POD_FIRST_OUTPUT;
    }

    private String runPod() {
        return pods.runPodSandbox("rtbench", handler, labels);
    }

    @Benchmark
    public void phase() {
        if (failure != null) {
            return;
        }
        long sent = Timeline.nowMicros();
        try {
            switch (timed) {
                case POD_SANDBOX_START -> pod = runPod();
                case CREATE -> id = pods.createContainer(pod, spec);
                case START -> pods.startContainer(id);
                case FIRST_OUTPUT -> driver.startUntilFirstOutput(watch);
                case POD_FIRST_OUTPUT -> {
                    pod = runPod();
                    id = pods.createContainer(pod, spec);
                    watch = driver.prepareFirstOutput(id);
                    driver.startUntilFirstOutput(watch);
                }
                case STOP -> pods.stopContainer(id, Duration.ofSeconds(10));
                case REMOVE -> pods.removeContainer(id);
                case POD_STOP -> pods.stopPodSandbox(pod);
                default -> throw new IllegalStateException(workload);
            }
        } catch (RuntimeException e) {
            failure = e.getMessage();
        } finally {
            window = new InvocationRecord.Window(sent, Timeline.nowMicros());
        }
    }

    @TearDown(Level.Invocation)
    public void check() {
        String verified = null;
        if (pod != null) {
            try {
                if (failure == null && watch != null) {
                    failure = LifecycleBench.firstOutputProblem(watch);
                }
                if (failure == null) {
                    // the server's record of the pod's handler: what a RuntimeClass selects
                    String recorded = pods.handlerOf(pod);
                    if (recorded.equals(handler)) {
                        verified = runtime;
                    } else {
                        failure = "runtime mismatch: the server ran pod " + pod + " under handler \"" + recorded
                                + "\", not \"" + handler + "\"";
                    }
                }
            } catch (RuntimeException e) {
                failure = failure != null ? failure : "could not check the pod: " + e.getMessage();
            }
            try {
                // removing the pod removes what is left in it
                pods.stopPodSandbox(pod);
                pods.removePodSandbox(pod);
            } catch (RuntimeException e) {
                failure = failure != null ? failure : "could not remove the pod: " + e.getMessage();
                driver.discard(id != null ? id : pod);
            }
        }
        ctx.record(new InvocationRecord("CriLifecycleBench", runtime, workload, warmup, id != null ? id : pod,
                verified, failure, List.of(), Double.NaN, window));
    }
}
