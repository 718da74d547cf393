package dev.rtbench.harness.engine.cri;

import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineTimeoutException;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.engine.cri.v1.LinuxPodSandboxConfig;
import dev.rtbench.harness.engine.cri.v1.LinuxSandboxSecurityContext;
import dev.rtbench.harness.engine.cri.v1.ListPodSandboxRequest;
import dev.rtbench.harness.engine.cri.v1.PodSandbox;
import dev.rtbench.harness.engine.cri.v1.PodSandboxConfig;
import dev.rtbench.harness.engine.cri.v1.PodSandboxFilter;
import dev.rtbench.harness.engine.cri.v1.PodSandboxMetadata;
import dev.rtbench.harness.engine.cri.v1.PodSandboxState;
import dev.rtbench.harness.engine.cri.v1.PodSandboxStatusRequest;
import dev.rtbench.harness.engine.cri.v1.PodSandboxStatusResponse;
import dev.rtbench.harness.engine.cri.v1.RemovePodSandboxRequest;
import dev.rtbench.harness.engine.cri.v1.RunPodSandboxRequest;
import dev.rtbench.harness.engine.cri.v1.StopPodSandboxRequest;
import dev.rtbench.harness.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The pod sandboxes an engine runs, through the CRI's pod calls: run, stop, remove, status and list. Each pod has
 * a log folder of its own under the engine's scratch folder, where the server writes its containers' logs and the
 * containers' volumes are made; removing the pod removes the folder.
 */
final class CriPods {

    /** How often StopPodSandbox is tried before its failure counts, and the pause between tries. */
    private static final int STOP_ATTEMPTS = 3;
    private static final Duration STOP_RETRY_PAUSE = Duration.ofMillis(100);

    private final CriCalls calls;
    private final CriServer server;
    /** the engine's private folder, where each pod's log folder is made */
    private final Path scratch;
    private final Map<String, Pod> pods;

    /** A pod this engine runs: its id, handler and the config its containers are created with. */
    record Pod(String id, String handler, PodSandboxConfig config, Path logDir) {}

    CriPods(CriCalls calls, CriServer server, CriState state) {
        this.calls = calls;
        this.server = server;
        this.scratch = state.scratch;
        this.pods = state.pods;
    }

    /**
     * Runs a pod sandbox under {@code handler} (pod sandbox start: the sandbox container's OCI create and start)
     * and returns its id. The pod has a network namespace of its own where the server has a pod network, else it
     * shares the node's ({@link CriServer#podNetwork()}).
     *
     * @param name   a name for the pod's metadata (made unique here)
     * @param labels labels besides {@link CriEngine#OWNER_LABEL}
     */
    String runPodSandbox(String name, String handler, Map<String, String> labels) {
        Objects.requireNonNull(handler, "handler was not specified");
        String uid = UUID.randomUUID().toString();
        Path logDir = scratch.resolve(uid.substring(0, 8));
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new EngineException("cannot make the log folder of pod " + name + ": " + e.getMessage(), e);
        }
        PodSandboxConfig config = PodSandboxConfig.newBuilder()
                .setMetadata(PodSandboxMetadata.newBuilder().setName(name + "-" + uid.substring(0, 8))
                        .setUid(uid).setNamespace(CriEngine.POD_NAMESPACE))
                .setLogDirectory(logDir.toString())
                .putAllLabels(labels)
                .putLabels(CriEngine.OWNER_LABEL, CriEngine.OWNER)
                .setLinux(LinuxPodSandboxConfig.newBuilder().setSecurityContext(LinuxSandboxSecurityContext
                        .newBuilder().setNamespaceOptions(CriConfigs.kubeletNamespaces(server.networkMode()))))
                .build();
        String id;
        try {
            id = calls.call("RunPodSandbox", "under handler " + handler, () -> calls.runtime().runPodSandbox(
                    RunPodSandboxRequest.newBuilder().setConfig(config).setRuntimeHandler(handler).build()))
                    .getPodSandboxId();
        } catch (EngineTimeoutException e) {
            throw e;
        } catch (EngineException e) {
            // a cluster's CNI plugin may look the pod up in its API server, which has never heard of rtbench's pods
            if (server.podNetwork() && e.getMessage().contains("network")) {
                throw new EngineException(e.getMessage() + " (the server's pod network refused a pod that no API"
                        + " server knows; --pod-network node runs rtbench's pods in the node's network namespace,"
                        + " as hostNetwork pods)", e);
            }
            throw e;
        }
        pods.put(id, new Pod(id, handler, config, logDir));
        return id;
    }

    /**
     * Stops a pod: every container in it and its sandbox (a stopped pod is not an error). A failure is tried
     * again, twice, as a kubelet retries a pod's teardown: containerd 1.6 now and then answers "ttrpc: closed" when
     * it kills a container that has just exited (2 of about 1,400 pods in the runs of 2026-11-29), and the next
     * call finds it stopped.
     */
    void stopPodSandbox(String podId) {
        for (int attempt = 1; ; attempt++) {
            try {
                calls.callIgnoringNotFound("StopPodSandbox", podId, () -> calls.runtime().stopPodSandbox(
                        StopPodSandboxRequest.newBuilder().setPodSandboxId(podId).build()));
                return;
            } catch (EngineTimeoutException e) {
                throw e;
            } catch (EngineException e) {
                if (attempt == STOP_ATTEMPTS) {
                    throw e;
                }
                CriCalls.sleep(STOP_RETRY_PAUSE);
            }
        }
    }

    /** Removes a pod and whatever is left in it (a pod that is gone is not an error). */
    void removePodSandbox(String podId) {
        calls.callIgnoringNotFound("RemovePodSandbox", podId, () -> calls.runtime().removePodSandbox(
                RemovePodSandboxRequest.newBuilder().setPodSandboxId(podId).build()));
        Pod p = pods.remove(podId);
        if (p != null) {
            FileTrees.deleteQuietly(p.logDir());
        }
    }

    /** The runtime handler the server records for the pod ({@code PodSandboxStatus.runtime_handler}). */
    String handlerOf(String podId) {
        return podStatus(podId).getStatus().getRuntimeHandler();
    }

    /** The pod's address in the server's pod network, or empty for a pod in the node's network namespace. */
    String podIp(String podId) {
        return podStatus(podId).getStatus().getNetwork().getIp();
    }

    /** Whether the pod's sandbox is ready. */
    boolean podReady(String podId) {
        return podStatus(podId).getStatus().getState() == PodSandboxState.SANDBOX_READY;
    }

    private PodSandboxStatusResponse podStatus(String podId) {
        return calls.call("PodSandboxStatus", podId, () -> calls.runtime().podSandboxStatus(
                PodSandboxStatusRequest.newBuilder().setPodSandboxId(podId).build()));
    }

    /** The ids of pods carrying {@code label} (with {@code value}, or any value when null). */
    List<String> podsLabelled(String label, String value) {
        PodSandboxFilter.Builder f = PodSandboxFilter.newBuilder();
        if (value != null) {
            f.putLabelSelector(label, value);
        }
        List<PodSandbox> items = calls.call("ListPodSandbox", label, () -> calls.runtime().listPodSandbox(
                ListPodSandboxRequest.newBuilder().setFilter(f).build())).getItemsList();
        return items.stream().filter(p -> p.containsLabels(label)).map(PodSandbox::getId).toList();
    }

    /** The pod with that id if this engine runs it, else null. */
    Pod pod(String podId) {
        return pods.get(podId);
    }

    /**
     * Stops and removes a pod, for clean-up paths: where the server fails to (a hung runtime), the pod's processes
     * are ended instead and nothing is thrown.
     */
    void discard(String podId) {
        try {
            stopPodSandbox(podId);
            removePodSandbox(podId);
        } catch (EngineException e) {
            LeftoverProcesses.killFor(List.of(podId));
        }
    }

    /** Discards every pod this engine ran and has not removed. */
    void discardAll() {
        for (String pod : List.copyOf(pods.keySet())) {
            discard(pod);
        }
    }
}
