package dev.rtbench.harness.results;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A step of a container's life that rtbench times: its name (the workload's and the results' name), the engines
 * that have a call for it, the OCI runtime calls that fall inside it through each, and where the charts put it.
 * Everything that knows a phase reads it here; adding a phase means a constant here and the bench that times it.
 *
 * <p>Through dockerd ({@code dockerd 20.10 to 26 with containerd's runc v2 shim}): dockerd does not call the runtime at
 * {@code docker create}: containerd's task, and with it the runtime's {@code create} and {@code start}, is made at
 * {@code docker start}; when the process exits, dockerd deletes the task (the runtime's {@code delete}) before it
 * reports the exit, so teardown falls in {@code wait} or {@code stop}, and {@code docker rm} of an exited container
 * calls no runtime at all. Checked on Docker 20.10 with a wrapper runtime that delays one verb
 * ({@code validate --inject-verb}): the delay appears in the phases listed here.
 *
 * <p>Through a CRI server (containerd 1.6's CRI plugin with the runc v2 shim; runsc and crun run through the same
 * shim): the names shared with dockerd are the same step of a container's life through the other engine. Checked on
 * containerd 1.6.20 with wrapper runtimes that delay one verb by 200 ms ({@code create}, {@code start},
 * {@code kill}, {@code delete}) run as handlers through {@code run --engine cri}: each delay appeared in the phases
 * listed here, as many times as listed, and in no other ({@code validate --engine cri} checks one verb again).
 *
 * <p>The constants' order is the order of a container's life, and the order every list of phases is given in.
 */
public enum Phase {
    POD_SANDBOX_START("pod-sandbox-start", Chart.PATH,
            "CRI RunPodSandbox: the pod's network set up (where the server has a pod network) and its sandbox (pause)"
                    + " container created and started, with its shim; where gVisor boots its sandbox kernel and Kata its"
                    + " VM",
            null,
            "RunPodSandbox: where the server has a pod network, first the pod's network namespace and the CNI plugins'"
                    + " ADD (veth, bridge port, address); then the sandbox container's create and start (the shim"
                    + " starts; gVisor boots its sandbox kernel, Kata its VM)"),
    CREATE("create", Chart.PATH,
            "docker create of a container running /bin/true: image, config and runtime-independent daemon work (the"
                    + " OCI runtime is not invoked yet)",
            "none (dockerd writes the container's config; the runtime is not called)",
            "CreateContainer in a ready pod: none (containerd prepares the snapshot and the OCI spec; the task is made"
                    + " at start)"),
    START("start", Chart.PATH,
            "docker start of a created container running /bin/true: the OCI runtime sets up the sandbox (runc:"
                    + " namespaces and cgroups; gVisor: sentry and gofer) and starts the process",
            "create, start (containerd makes the task: the shim runs the runtime's create, then start)",
            "StartContainer: create, start of the container in the running pod"),
    WAIT("wait", Chart.PATH,
            "from a started container running /bin/true until the daemon reports its exit: the process's exit and the"
                    + " runtime's teardown as docker run waits for them",
            "the process's exit, then delete (dockerd deletes the task before it reports the exit)", null),
    STOP("stop", Chart.END,
            "docker stop of a running container whose PID 1 shell traps SIGTERM and exits at once: signal delivery,"
                    + " exit and teardown, without the 10 s grace period",
            "kill (SIGTERM), the process's exit, then delete",
            "StopContainer: kill (SIGTERM; the runtime's kill is called twice), the process's exit, then delete"
                    + " (twice)"),
    REMOVE("remove", Chart.PATH,
            "docker rm of an exited container that ran /bin/true: deleting its filesystem layer and runtime state",
            "none (the task was deleted at exit; dockerd removes the container's layer)",
            "RemoveContainer of an exited container: none (metadata and snapshot only)"),
    RUN("run", Chart.NONE,
            "create + start + wait for the exit of /bin/true: what docker run --rm costs before the remove",
            "create, start, the process's exit, delete (create + start + wait)", null),
    FIRST_OUTPUT("first-output", Chart.NONE,
            "from start until the container's first line of output, \"" + Phase.FIRST_LINE + "\", reaches the harness:"
                    + " start-up plus the log path",
            "create, start, and the process's first write reaching the harness through the shim",
            "StartContainer's create, start, and the process's first write reaching the container's log file"),
    POD_FIRST_OUTPUT("pod-first-output", Chart.NONE,
            "from RunPodSandbox, through CreateContainer and StartContainer, until the container's first line, \""
                    + Phase.FIRST_LINE + "\", is in its log: what a kubelet waits for a new pod", null,
            "RunPodSandbox's create and start of the sandbox, then CreateContainer and StartContainer's create and"
                    + " start, until the first write reaches the log file"),
    POD_STOP("pod-stop", Chart.NONE,
            "CRI StopPodSandbox of a pod whose container runs a shell that traps SIGTERM: the container's and the"
                    + " sandbox's kill, exit and teardown, and the pod network's", null,
            "StopPodSandbox: kill (twice), exit and delete (twice) of the running container and of the sandbox"
                    + " container, then, with a pod network, the CNI plugins' DEL"),
    EXEC("exec", Chart.NONE,
            "docker exec of /bin/true into a running container (one running /bin/sh -c " + Phase.IDLE_SCRIPT + "): exec"
                    + " create, start, and exit",
            "exec (the runtime starts a process in the running container), and its exit",
            "ExecSync: exec (the runtime starts a process in the running container), and its exit");

    // the constants' texts name these as Phase.X: an enum's constants may not refer to its fields by their simple
    // names, as they are declared after them

    /** The line the containers of the first-output phases print first, which their timing waits for. */
    public static final String FIRST_LINE = "ready";

    /**
     * The script of an idle container's shell ({@code /bin/sh -c}): it traps SIGTERM (as PID 1 it would otherwise
     * ignore it, and a stop would wait its whole grace period) and waits on one sleep instead of polling, so it wakes
     * no process while workloads run and exits 0 at once when stopped.
     */
    public static final String IDLE_SCRIPT = "trap 'exit 0' TERM; sleep 2147483647 & wait";

    /** Where the charts put a phase. */
    private enum Chart {
        /** a step of one container's path, stacked in the lifecycle chart */
        PATH,
        /** the other end of a container (stopping a running one), a bar of its own beside the stack */
        END,
        NONE
    }

    private final String label;
    private final Chart chart;
    private final String stresses;
    private final String dockerCalls;
    private final String criCalls;

    Phase(String label, Chart chart, String stresses, String dockerCalls, String criCalls) {
        this.label = label;
        this.chart = chart;
        this.stresses = stresses;
        this.dockerCalls = dockerCalls;
        this.criCalls = criCalls;
    }

    /** The phase's name, as its workload and its results are named ({@code pod-sandbox-start}). */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** What the phase's workload stresses, as the catalogue and the report describe it. */
    public String stresses() {
        return stresses;
    }

    /** The phase named {@code name}, or empty when no phase is (an execution workload, density, a user's). */
    public static Optional<Phase> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.label.equals(name)).findFirst();
    }

    /**
     * The OCI runtime calls inside this phase through {@code engine} ({@link Arm#DOCKER}, {@link Arm#CRI}), or
     * empty when that engine has no call for it (dockerd has no pod; a CRI server has no wait and no run).
     */
    public Optional<String> calls(String engine) {
        return Optional.ofNullable(switch (engine) {
            case Arm.DOCKER -> dockerCalls;
            case Arm.CRI -> criCalls;
            default -> throw new IllegalArgumentException("unknown engine \"" + engine + "\"");
        });
    }

    /** Whether {@code engine} can time this phase. */
    public boolean through(String engine) {
        return calls(engine).isPresent();
    }

    /** The phases {@code engine} can time, in life order. */
    public static List<Phase> timedThrough(String engine) {
        return Arrays.stream(values()).filter(p -> p.through(engine)).toList();
    }

    /** Phase name to the OCI calls inside it through {@code engine}, in life order: what a run records. */
    public static Map<String, String> callsThrough(String engine) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Phase p : values()) {
            p.calls(engine).ifPresent(c -> m.put(p.label, c));
        }
        return m;
    }

    /** The steps of one container's path, stacked in the lifecycle chart in this order (a pod's sandbox first). */
    public static List<Phase> path() {
        return Arrays.stream(values()).filter(p -> p.chart == Chart.PATH).toList();
    }

    /** The other end of a container's path, measured on its own and never stacked on the path. */
    public boolean endsPath() {
        return chart == Chart.END;
    }

    /**
     * The phases whose latency is container start-up, in the order their distributions are drawn: the whole
     * {@code docker run} first, then its start, then start to the first output.
     */
    public static List<Phase> startLatencies() {
        return List.of(RUN, START, FIRST_OUTPUT);
    }
}
