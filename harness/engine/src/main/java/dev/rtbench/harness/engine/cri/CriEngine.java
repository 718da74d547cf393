package dev.rtbench.harness.engine.cri;

import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.ExecResult;
import dev.rtbench.harness.engine.Pods;
import dev.rtbench.harness.engine.cri.v1.VersionResponse;
import dev.rtbench.harness.host.DaemonProcesses;
import dev.rtbench.harness.host.ProcessTree;
import dev.rtbench.harness.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * <p>As a {@link ContainerDriver}, a container is a pod of its own, so the exec workloads run unchanged; the
 * pod-level calls are its {@link Pods}, the capability the CRI lifecycle phases ask a driver for.
 *
 * <p>Pods get the server's pod network when the server says it is ready, or are told to share the node's
 * ({@link #usePodNetwork}). Every pod and container carries {@link #OWNER_LABEL}, and this engine removes only what
 * it created, so a CRI server that was running before ({@code --cri-endpoint}) is left as it was.
 * Every call is bounded by a gRPC deadline; a failure is an {@link EngineException} that names the call.
 */
public final class CriEngine implements ContainerDriver, Pods {

    /** On every pod and container rtbench creates, so that a sweep finds them and nothing else. */
    public static final String OWNER_LABEL = "rtbench.owner";
    public static final String OWNER = "rtbench";

    /** The Kubernetes namespace recorded in the pods' metadata. */
    public static final String POD_NAMESPACE = "rtbench";

    private final CriCalls calls;
    private final CriState state;
    private final CriServer server;
    private final CriPods pods;
    private final CriContainers containers;
    private final CriDriver driver;
    /** whether this is a view of another engine with another call timeout, which closes nothing */
    private final boolean view;
    private volatile boolean closed;

    private CriEngine(CriCalls calls, CriState state, boolean view) {
        this.calls = calls;
        this.state = state;
        this.server = new CriServer(calls, state);
        this.pods = new CriPods(calls, server, state);
        this.containers = new CriContainers(calls, server, pods, state);
        this.driver = new CriDriver(calls, pods, containers, state);
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

    // -------------------------------------------------- server: the calls and their docs are in CriServer

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

    // -------------------------------------------------- pods: the calls and their docs are in CriPods

    @Override
    public String runPodSandbox(String name, String handler, Map<String, String> labels) {
        return pods.runPodSandbox(name, handler, labels);
    }

    @Override
    public void stopPodSandbox(String podId) {
        pods.stopPodSandbox(podId);
    }

    @Override
    public void removePodSandbox(String podId) {
        pods.removePodSandbox(podId);
    }

    @Override
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

    // -------------------------------------------------- containers: the calls and their docs are in CriContainers

    @Override
    public String createContainer(String podId, ContainerSpec spec) {
        return containers.createContainer(podId, spec);
    }

    @Override
    public void startContainer(String id) {
        containers.startContainer(id);
    }

    @Override
    public void stopContainer(String id, Duration grace) {
        containers.stopContainer(id, grace);
    }

    @Override
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

    // -------------------------------------------------- capabilities

    /** A CRI server has pods: this engine's pod calls above. */
    @Override
    public Optional<Pods> pods() {
        return Optional.of(this);
    }

    /** The CRI server listening on this engine's socket, reported as containerd's CPU. */
    @Override
    public DaemonProcesses daemons(ProcessTree tree) {
        return DaemonProcesses.forCri(tree, endpoint().socket());
    }

    // -------------------------------------------------- ContainerDriver: the calls and their docs are in CriDriver

    @Override
    public String create(ContainerSpec spec) {
        return driver.create(spec);
    }

    @Override
    public void start(String id) {
        driver.start(id);
    }

    @Override
    public void stop(String id, Duration grace) {
        driver.stop(id, grace);
    }

    @Override
    public int waitExit(String id) {
        return driver.waitExit(id);
    }

    @Override
    public void remove(String id) {
        driver.remove(id);
    }

    @Override
    public void discard(String id) {
        driver.discard(id);
    }

    @Override
    public EndedExec execUntilEnd(String id, List<String> command, Duration timeout) {
        return driver.execUntilEnd(id, command, timeout);
    }

    @Override
    public FirstOutputWatch prepareFirstOutput(String id) {
        return driver.prepareFirstOutput(id);
    }

    @Override
    public void startUntilFirstOutput(FirstOutputWatch watch) {
        driver.startUntilFirstOutput(watch);
    }

    @Override
    public ExecResult logs(String id) {
        return driver.logs(id);
    }

    @Override
    public String runtimeOf(String id) {
        return driver.runtimeOf(id);
    }

    @Override
    public long initPid(String id) {
        return driver.initPid(id);
    }

    @Override
    public List<String> sweep(String label, String value) {
        return driver.sweep(label, value);
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
}
