package dev.rtbench.harness.engine.cri;

import com.google.common.util.concurrent.ListenableFuture;
import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineTimeoutException;
import dev.rtbench.harness.engine.ExecResult;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.engine.cri.v1.Container;
import dev.rtbench.harness.io.FileTrees;
import dev.rtbench.harness.engine.cri.v1.StartContainerRequest;
import dev.rtbench.harness.engine.cri.v1.StartContainerResponse;
import dev.rtbench.harness.engine.cri.v1.VersionResponse;
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

    private static final Duration POLL = Duration.ofMillis(5);

    private final CriCalls calls;
    private final CriState state;
    private final CriServer server;
    private final CriPods pods;
    private final CriContainers containers;
    /** whether this is a view of another engine with another call timeout, which closes nothing */
    private final boolean view;
    private volatile boolean closed;

    private CriEngine(CriCalls calls, CriState state, boolean view) {
        this.calls = calls;
        this.state = state;
        this.server = new CriServer(calls, state);
        this.pods = new CriPods(calls, server, state);
        this.containers = new CriContainers(calls, server, pods, state);
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

    // ------------------------------------------------------------------ containers: CriContainers

    public String createContainer(String podId, ContainerSpec spec) {
        return containers.createContainer(podId, spec);
    }

    public void startContainer(String id) {
        containers.startContainer(id);
    }

    public void stopContainer(String id, Duration grace) {
        containers.stopContainer(id, grace);
    }

    public void removeContainer(String id) {
        containers.removeContainer(id);
    }

    public CriContainerStatus containerStatus(String id) {
        return containers.containerStatus(id);
    }

    public List<String> containersLabelled(String label, String value) {
        return containers.containersLabelled(label, value);
    }

    public ExecResult execSync(String id, List<String> command, Duration timeout) {
        return containers.execSync(id, command, timeout);
    }

    public ExecResult proof(String id, Duration timeout) {
        return containers.proof(id, timeout);
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
        Path log = containers.logOf(id);
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
        Path log = containers.logOf(id);
        if (log == null) {
            throw new EngineException("logs of " + id + ": not a container this engine created");
        }
        return named("logs of", id, () -> CriLogs.parse(readLines(log), containerStatus(id).exitCode()));
    }

    /** The handler of the container's pod, as the server records it. */
    @Override
    public String runtimeOf(String id) {
        return named("inspect", id, () -> handlerOf(containers.podOf(id)));
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
