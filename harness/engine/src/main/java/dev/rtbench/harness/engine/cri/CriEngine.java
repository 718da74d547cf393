package dev.rtbench.harness.engine.cri;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.util.concurrent.ListenableFuture;
import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineTimeoutException;
import dev.rtbench.harness.engine.ExecResult;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.engine.cri.v1.Container;
import dev.rtbench.harness.io.FileTrees;
import dev.rtbench.harness.io.Subprocess;
import dev.rtbench.harness.engine.cri.v1.ContainerConfig;
import dev.rtbench.harness.engine.cri.v1.ContainerFilter;
import dev.rtbench.harness.engine.cri.v1.ContainerMetadata;
import dev.rtbench.harness.engine.cri.v1.ContainerStatusRequest;
import dev.rtbench.harness.engine.cri.v1.ContainerStatusResponse;
import dev.rtbench.harness.engine.cri.v1.CreateContainerRequest;
import dev.rtbench.harness.engine.cri.v1.ExecSyncRequest;
import dev.rtbench.harness.engine.cri.v1.ExecSyncResponse;
import dev.rtbench.harness.engine.cri.v1.ImageSpec;
import dev.rtbench.harness.engine.cri.v1.LinuxContainerConfig;
import dev.rtbench.harness.engine.cri.v1.ListContainersRequest;
import dev.rtbench.harness.engine.cri.v1.Mount;
import dev.rtbench.harness.engine.cri.v1.RemoveContainerRequest;
import dev.rtbench.harness.engine.cri.v1.StartContainerRequest;
import dev.rtbench.harness.engine.cri.v1.StartContainerResponse;
import dev.rtbench.harness.engine.cri.v1.StopContainerRequest;
import dev.rtbench.harness.engine.cri.v1.VersionResponse;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A container engine that speaks the Kubernetes Container Runtime Interface (CRI, gRPC over a unix socket) to
 * containerd's CRI plugin or cri-o: the way a kubelet runs pods, so a runtime is measured as a cluster runs it.
 *
 * <p>What each CRI call holds, with containerd's runc v2 shim (runsc and crun run through the same shim):
 * <ul>
 * <li><b>pod sandbox start</b>, {@link #runPodSandbox}: {@code RunPodSandbox} creates and starts the sandbox
 *     ("pause") container: the OCI runtime's {@code create} and {@code start} of it, and with them the shim. This
 *     is where gVisor boots its sandbox kernel and Kata its VM, so it is where they cost most.</li>
 * <li><b>container create</b>, {@link #createContainer}: {@code CreateContainer} prepares the rootfs snapshot and
 *     the OCI spec; containerd 1.6 calls no runtime yet (it creates the task at start).</li>
 * <li><b>container start</b>, {@link #startContainer}: {@code StartContainer}: the runtime's {@code create} and
 *     {@code start} of the container inside the pod (gVisor adds it to the running sandbox).</li>
 * <li><b>start to first output</b>, {@link #startUntilFirstOutput}: from sending {@code StartContainer} to the
 *     first line the server writes to the container's log file.</li>
 * <li><b>stop</b>, {@link #stopContainer}: {@code StopContainer}: the runtime's {@code kill}, the process's exit,
 *     and the task's {@code delete}; {@link #stopPodSandbox} does the same for every container and the
 *     sandbox.</li>
 * <li><b>remove</b>, {@link #removeContainer} and {@link #removePodSandbox}: metadata and the rootfs snapshot;
 *     no runtime call for containers that have stopped.</li>
 * </ul>
 * {@link dev.rtbench.harness.results.Phase} lists the same for reports.
 *
 * <p>As a {@link ContainerDriver}, a container is a pod of its own: {@link #create} runs a pod sandbox under the
 * spec's runtime as the handler and creates the container in it, {@link #remove} removes both; so the exec
 * workloads run unchanged. The pod-level calls are public for the CRI lifecycle phases.
 *
 * <p>Pods get the server's pod network when the server says it is ready, or are told to share the node's
 * ({@link #usePodNetwork}). Every pod and container carries {@link #OWNER_LABEL}, and this engine removes only what
 * it created, so a CRI server that was running before ({@code --cri-endpoint}) is left as it was.
 * Every call is bounded by a gRPC deadline; a failure is an {@link EngineException} that names the call.
 */
public final class CriEngine implements ContainerDriver {

    /** On every pod and container rtbench creates, so that a sweep finds them and nothing else. */
    public static final String OWNER_LABEL = "rtbench.owner";
    public static final String OWNER = "rtbench";

    /** The Kubernetes namespace recorded in the pods' metadata. */
    public static final String POD_NAMESPACE = "rtbench";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(5);
    /** How long past its own timeout an ExecSync may take to answer. */
    private static final Duration EXEC_GRACE = Duration.ofSeconds(5);

    private final CriCalls calls;
    private final CriState state;
    private final CriServer server;
    private final CriPods pods;
    /** whether this is a view of another engine with another call timeout, which closes nothing */
    private final boolean view;
    private volatile boolean closed;

    private CriEngine(CriCalls calls, CriState state, boolean view) {
        this.calls = calls;
        this.state = state;
        this.server = new CriServer(calls, state);
        this.pods = new CriPods(calls, server, state);
        this.view = view;
    }

    /**
     * The same engine, connection and containers with another call timeout; closing it closes nothing (close
     * the engine it came from).
     */
    public CriEngine withCallTimeout(Duration timeout) {
        return new CriEngine(calls.withCallTimeout(timeout), state, true);
    }

    /**
     * A client of the CRI server at {@code endpoint}; every call is bounded by {@code callTimeout}. Connecting is
     * lazy: the first call says whether the server is there.
     */
    public static CriEngine connect(CriEndpoint endpoint, Duration callTimeout) {
        Objects.requireNonNull(endpoint, "endpoint was not specified");
        Objects.requireNonNull(callTimeout, "call timeout was not specified");
        Path scratch;
        try {
            // short, under /tmp, and root's alone: the server writes the logs of our containers here
            scratch = Files.createTempDirectory(Path.of("/tmp"), "rtbcri-");
        } catch (IOException e) {
            throw new EngineException("cannot make a folder for the CRI engine's pod logs under /tmp: "
                    + e.getMessage(), e);
        }
        return new CriEngine(new CriCalls(endpoint, callTimeout), new CriState(scratch), false);
    }

    public CriEndpoint endpoint() {
        return calls.endpoint();
    }

    public Duration callTimeout() {
        return calls.callTimeout();
    }

    /** The private folder of the pods' logs and volumes; {@link #close()} removes it. */
    public Path scratch() {
        return state.scratch;
    }

    // ------------------------------------------------------------------ server: CriServer

    public VersionResponse version() {
        return server.version();
    }

    public boolean runtimeReady() {
        return server.runtimeReady();
    }

    public boolean networkReady() {
        return server.networkReady();
    }

    public boolean podNetwork() {
        return server.podNetwork();
    }

    public void usePodNetwork(boolean pod) {
        server.usePodNetwork(pod);
    }

    public List<String> conditions() {
        return server.conditions();
    }

    public boolean hasImage(String reference) {
        return server.hasImage(reference);
    }

    // ------------------------------------------------------------------ pods: CriPods

    public String runPodSandbox(String name, String handler, Map<String, String> labels) {
        return pods.runPodSandbox(name, handler, labels);
    }

    public void stopPodSandbox(String podId) {
        pods.stopPodSandbox(podId);
    }

    public void removePodSandbox(String podId) {
        pods.removePodSandbox(podId);
    }

    public String handlerOf(String podId) {
        return pods.handlerOf(podId);
    }

    public String podIp(String podId) {
        return pods.podIp(podId);
    }

    public boolean podReady(String podId) {
        return pods.podReady(podId);
    }

    public List<String> podsLabelled(String label, String value) {
        return pods.podsLabelled(label, value);
    }

    // ------------------------------------------------------------------ containers

    /**
     * Creates a container in a pod this engine runs (container create) and returns its id. The spec's runtime is
     * the pod's business: a container runs under its pod's handler.
     */
    public String createContainer(String podId, ContainerSpec spec) {
        CriPods.Pod pod = pods.pod(podId);
        if (pod == null) {
            throw new EngineException("CreateContainer: pod " + podId + " was not run by this engine");
        }
        String name = "c" + UUID.randomUUID().toString().substring(0, 8);
        ContainerConfig.Builder c = ContainerConfig.newBuilder()
                .setMetadata(ContainerMetadata.newBuilder().setName(name))
                .setImage(ImageSpec.newBuilder().setImage(spec.image()))
                .addAllCommand(spec.command())
                .putAllLabels(spec.labels())
                .putLabels(OWNER_LABEL, OWNER)
                .setLogPath(name + ".log")
                .setLinux(LinuxContainerConfig.newBuilder()
                        .setResources(CriConfigs.resources(spec))
                        .setSecurityContext(CriConfigs.securityContext(spec.hardening(), server.networkMode())));
        int n = 0;
        for (String path : spec.volumes()) {
            c.addMounts(Mount.newBuilder().setContainerPath(path).setHostPath(scratchVolume(pod, name, n++).toString()));
        }
        // a CRI container has no tmpfs mounts of its own: a fresh host folder stands in for each
        for (String path : spec.hardening().tmpfs().keySet()) {
            c.addMounts(Mount.newBuilder().setContainerPath(path).setHostPath(scratchVolume(pod, name, n++).toString()));
        }
        String id = calls.call("CreateContainer", "in pod " + podId, () -> calls.runtime().createContainer(
                CreateContainerRequest.newBuilder().setPodSandboxId(podId).setConfig(c)
                        .setSandboxConfig(pod.config()).build())).getContainerId();
        state.logOf.put(id, pod.logDir().resolve(name + ".log"));
        return id;
    }

    /** Starts a created container (container start: the runtime's create and start of it). */
    public void startContainer(String id) {
        calls.call("StartContainer", id, () -> calls.runtime().startContainer(
                StartContainerRequest.newBuilder().setContainerId(id).build()));
    }

    /** Stops a container: its stop signal, SIGKILL after {@code grace} (whole seconds, at least 0). */
    public void stopContainer(String id, Duration grace) {
        Duration bound = calls.callTimeout().plus(grace);
        calls.callIgnoringNotFound("StopContainer", id, bound, () -> calls.runtime(bound)
                .stopContainer(StopContainerRequest.newBuilder().setContainerId(id)
                .setTimeout(grace.toSeconds()).build()));
    }

    /** Removes a container, running or not (a container that is gone is not an error). */
    public void removeContainer(String id) {
        calls.callIgnoringNotFound("RemoveContainer", id, () -> calls.runtime().removeContainer(
                RemoveContainerRequest.newBuilder().setContainerId(id).build()));
        state.logOf.remove(id);
    }

    /** The server's view of a container; {@code pid} from the verbose info, where the server gives it. */
    public CriContainerStatus containerStatus(String id) {
        ContainerStatusResponse r = calls.call("ContainerStatus", id, () -> calls.runtime().containerStatus(
                ContainerStatusRequest.newBuilder().setContainerId(id).setVerbose(true).build()));
        var s = r.getStatus();
        String state = switch (s.getState()) {
            case CONTAINER_CREATED -> "created";
            case CONTAINER_RUNNING -> "running";
            case CONTAINER_EXITED -> "exited";
            default -> "unknown";
        };
        return new CriContainerStatus(s.getId(), state, s.getExitCode(), pidFrom(r.getInfoMap()), s.getReason());
    }

    /** containerd (and cri-o) put a JSON document with the process's host pid under "info" when asked verbosely. */
    static long pidFrom(Map<String, String> info) {
        String doc = info.get("info");
        if (doc == null) {
            return 0;
        }
        try {
            JsonNode pid = JSON.readTree(doc).path("pid");
            return pid.asLong(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The ids of containers carrying {@code label} (with {@code value}, or any value when null). */
    public List<String> containersLabelled(String label, String value) {
        ContainerFilter.Builder f = ContainerFilter.newBuilder();
        if (value != null) {
            f.putLabelSelector(label, value);
        }
        return calls.call("ListContainers", label, () -> calls.runtime().listContainers(ListContainersRequest
                .newBuilder().setFilter(f).build())).getContainersList().stream().filter(c -> c.containsLabels(label))
                .map(Container::getId).toList();
    }

    /** Runs a command in a running container ({@code ExecSync}) and returns its output and exit code. */
    public ExecResult execSync(String id, List<String> command, Duration timeout) {
        // the server's own timeout ends the command; the deadline a little later bounds the call if it does not
        // (under gVisor, containerd kills the host's `runsc exec`, but the command inside the sandbox holds the
        // output open, and containerd waits for it: the call would last as long as the command)
        Duration bound = timeout.plus(calls.callTimeout().compareTo(EXEC_GRACE) < 0 ? calls.callTimeout() : EXEC_GRACE);
        ExecSyncResponse r = calls.call("ExecSync", id, bound, () -> calls.runtime(bound)
                .execSync(ExecSyncRequest.newBuilder().setContainerId(id)
                .addAllCmd(command).setTimeout(Math.max(1, (timeout.toMillis() + 999) / 1000)).build()));
        return new ExecResult(r.getExitCode(), r.getStdout().toString(StandardCharsets.UTF_8),
                r.getStderr().toString(StandardCharsets.UTF_8));
    }

    /**
     * The proof command's output from inside a running container: kernel release and the first lines of dmesg
     * ({@link dev.rtbench.harness.runtime.RuntimeProfile#PROOF_COMMAND}); judge it with the profile.
     */
    public ExecResult proof(String id, Duration timeout) {
        return execSync(id, RuntimeProfile.PROOF_COMMAND, timeout);
    }

    // ------------------------------------------------------------------ ContainerDriver

    /** Runs a pod under the spec's runtime as the handler, and creates the container in it. */
    @Override
    public String create(ContainerSpec spec) {
        return named("create", spec.image() + " under " + spec.runtime(), () -> {
            String pod = runPodSandbox("rtbench", spec.runtime(), spec.labels());
            try {
                String id = createContainer(pod, spec);
                state.ownPodOf.put(id, pod);
                return id;
            } catch (RuntimeException e) {
                pods.discard(pod);
                throw e;
            }
        });
    }

    @Override
    public void start(String id) {
        named("start", id, () -> {
            startContainer(id);
            return null;
        });
    }

    @Override
    public void stop(String id, Duration grace) {
        named("stop", id, () -> {
            stopContainer(id, grace);
            return null;
        });
    }

    @Override
    public int waitExit(String id) {
        long until = System.nanoTime() + calls.callTimeout().toNanos();
        while (true) {
            CriContainerStatus s = named("wait for", id, () -> containerStatus(id));
            if (s.exited()) {
                return s.exitCode();
            }
            if (System.nanoTime() > until) {
                throw new EngineTimeoutException("wait for " + id, calls.callTimeout());
            }
            CriCalls.sleep(POLL);
        }
    }

    /** Removes the container and, when {@link #create} made a pod for it, the pod. */
    @Override
    public void remove(String id) {
        named("remove", id, () -> {
            removeContainer(id);
            String pod = state.ownPodOf.remove(id);
            if (pod != null) {
                stopPodSandbox(pod);
                removePodSandbox(pod);
            }
            return null;
        });
    }

    @Override
    public void discard(String id) {
        String pod = state.ownPodOf.get(id);
        try {
            remove(id);
        } catch (EngineException e) {
            // a hung runtime can block removal; ending its processes below frees the host
        }
        LeftoverProcesses.killFor(pod == null ? List.of(id) : List.of(id, pod));
        if (pod != null) {
            pods.discard(pod);
        }
    }

    @Override
    public EndedExec execUntilEnd(String id, List<String> command, Duration timeout) {
        // ExecSync returns when the command has exited, with its code: nothing is left to ask afterwards
        ExecResult r = named("exec in", id, () -> execSync(id, command, timeout));
        return () -> r;
    }

    @Override
    public FirstOutputWatch prepareFirstOutput(String id) {
        Path log = state.logOf.get(id);
        if (log == null) {
            throw new EngineException("attach to " + id + ": not a container this engine created (the CRI's output"
                    + " is the log file the server writes for it)");
        }
        return new LogWatch(id, log);
    }

    /**
     * Sends {@code StartContainer} without waiting for its reply and returns when the server has written the
     * container's first line to its log file: the CRI's only output path (no attach is needed for it).
     */
    @Override
    public void startUntilFirstOutput(FirstOutputWatch watch) {
        LogWatch w = (LogWatch) watch;
        w.started = calls.runtimeAsync().startContainer(StartContainerRequest.newBuilder().setContainerId(w.id)
                .build());
        long until = System.nanoTime() + calls.callTimeout().toNanos();
        while (true) {
            String first = CriLogs.firstContent(readLines(w.log));
            if (first != null) {
                w.first = first;
                return;
            }
            if (w.started.isDone()) {
                // a failed start has no output to wait for: say why now
                w.confirmStarted();
            }
            if (System.nanoTime() > until) {
                throw new EngineTimeoutException("first output of " + w.id, calls.callTimeout());
            }
            Thread.onSpinWait();
        }
    }

    private final class LogWatch implements FirstOutputWatch {
        final String id;
        final Path log;
        volatile ListenableFuture<StartContainerResponse> started;
        volatile String first;

        LogWatch(String id, Path log) {
            this.id = id;
            this.log = log;
        }

        @Override
        public String containerId() {
            return id;
        }

        @Override
        public String firstOutput() {
            return first;
        }

        @Override
        public void confirmStarted() {
            if (started == null) {
                throw new IllegalStateException("the start of " + id + " was not sent yet");
            }
            try {
                started.get(calls.callTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new EngineTimeoutException("start " + id, calls.callTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("start " + id + " was interrupted", e);
            } catch (ExecutionException e) {
                throw named("start", id, calls.failure("StartContainer", id, calls.callTimeout(), e.getCause()));
            }
        }

        @Override
        public void close() {
            // nothing is attached: the log file is the server's
        }
    }

    @Override
    public ExecResult logs(String id) {
        Path log = state.logOf.get(id);
        if (log == null) {
            throw new EngineException("logs of " + id + ": not a container this engine created");
        }
        return named("logs of", id, () -> CriLogs.parse(readLines(log), containerStatus(id).exitCode()));
    }

    /** The handler of the container's pod, as the server records it. */
    @Override
    public String runtimeOf(String id) {
        return named("inspect", id, () -> {
            String pod = calls.call("ListContainers", id, () -> calls.runtime().listContainers(ListContainersRequest
                    .newBuilder().setFilter(ContainerFilter.newBuilder().setId(id)).build())).getContainersList()
                    .stream().findFirst().map(Container::getPodSandboxId)
                    .orElseThrow(() -> new EngineException("no such container"));
            return handlerOf(pod);
        });
    }

    @Override
    public long initPid(String id) {
        long pid = named("inspect", id, () -> containerStatus(id)).pid();
        if (pid <= 0) {
            throw new EngineException("inspect " + id + ": the CRI server at " + calls.endpoint() + " does not say its"
                    + " host pid");
        }
        return pid;
    }

    /**
     * Removes every container carrying {@code label=value} (any value when null), and every pod so labelled
     * with what is in it, and returns the containers' ids. Only rtbench's own labels should be swept.
     */
    @Override
    public List<String> sweep(String label, String value) {
        return named("sweep", label, () -> {
            List<String> gone = new ArrayList<>();
            for (String c : containersLabelled(label, value)) {
                removeContainer(c);
                gone.add(c);
            }
            List<String> podsGone = new ArrayList<>();
            for (String p : podsLabelled(label, value)) {
                stopPodSandbox(p);
                removePodSandbox(p);
                podsGone.add(p);
            }
            List<String> all = new ArrayList<>(gone);
            all.addAll(podsGone);
            if (!all.isEmpty()) {
                LeftoverProcesses.killFor(all);
            }
            state.ownPodOf.keySet().removeAll(gone);
            return gone;
        });
    }

    /** Runs a CRI call for a driver operation: a failure names the operation first, as every driver does. */
    private static <T> T named(String operation, String subject, Supplier<T> call) {
        try {
            return call.get();
        } catch (EngineException e) {
            throw named(operation, subject, e);
        }
    }

    private static EngineException named(String operation, String subject, EngineException e) {
        String what = operation + " " + subject;
        return e instanceof EngineTimeoutException t ? new EngineTimeoutException(what, t)
                : new EngineException(what + ": " + e.getMessage(), e);
    }

    /** Removes every pod this engine ran and has not removed, closes the connection and deletes the log folder. */
    @Override
    public void close() {
        if (closed || view) {
            return;
        }
        closed = true;
        pods.discardAll();
        calls.shutdown();
        FileTrees.deleteQuietly(state.scratch);
    }

    // ------------------------------------------------------------------ helpers

    /** A fresh host folder any user may write to (as the anonymous volumes the Docker engine makes). */
    private static Path scratchVolume(CriPods.Pod pod, String container, int n) {
        Path dir = pod.logDir().resolve("vol-" + container + "-" + n);
        try {
            Files.createDirectories(dir);
            // with the sticky bit, as /tmp, which Files cannot set
            Subprocess.Result r = Subprocess.run(List.of("chmod", "1777", dir.toString()), Duration.ofSeconds(5));
            if (!r.succeeded()) {
                throw new IOException("chmod 1777 failed: " + r.combined().strip());
            }
        } catch (IOException | Subprocess.SubprocessException e) {
            throw new EngineException("cannot make a volume folder for " + container + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private static List<String> readLines(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            // a line being written can be cut in the middle of a character: read again next time
            return List.of();
        }
    }
}
