package dev.rtbench.harness.engine.cri;

import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.cri.v1.ImageSpec;
import dev.rtbench.harness.engine.cri.v1.ImageStatusRequest;
import dev.rtbench.harness.engine.cri.v1.NamespaceMode;
import dev.rtbench.harness.engine.cri.v1.RuntimeCondition;
import dev.rtbench.harness.engine.cri.v1.StatusRequest;
import dev.rtbench.harness.engine.cri.v1.StatusResponse;
import dev.rtbench.harness.engine.cri.v1.VersionRequest;
import dev.rtbench.harness.engine.cri.v1.VersionResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a CRI server says of itself: its versions, its conditions, its images, and so the network its pods get.
 *
 * <p>Pods get the server's pod network (a network namespace of their own, set up by its CNI plugins, as a kubelet's
 * pods do) when the server says it is ready, or are told to share the node's ({@link #usePodNetwork}); a managed
 * containerd has a bridge network where the CNI plugins are installed.
 */
final class CriServer {

    private final CriCalls calls;
    /** the pods' network, kept in the engine's state: every view of it runs pods in the same */
    private final AtomicReference<NamespaceMode> network;

    CriServer(CriCalls calls, CriState state) {
        this.calls = calls;
        this.network = state.network;
    }

    /** The server's name and versions ({@code Version}). */
    VersionResponse version() {
        return calls.call("Version", "", () -> calls.runtime().version(VersionRequest.newBuilder().setVersion("v1")
                .build()));
    }

    /** Whether the server says its runtime is ready ({@code Status}, condition {@code RuntimeReady}). */
    boolean runtimeReady() {
        return condition("RuntimeReady");
    }

    /**
     * Whether the server says its pod network is ready ({@code Status}, condition {@code NetworkReady}): a CNI
     * configuration it has loaded. A kubelet starts only {@code hostNetwork} pods until it is.
     */
    boolean networkReady() {
        return condition("NetworkReady");
    }

    private boolean condition(String type) {
        return status().getStatus().getConditionsList().stream()
                .anyMatch(c -> c.getType().equals(type) && c.getStatus());
    }

    /**
     * Whether pods get a network namespace of their own from the server's pod network, as a kubelet's pods do;
     * otherwise they share the node's, as {@code hostNetwork} pods do. Asked of the server at the first pod
     * ({@link #networkReady()}) and kept: every pod of a run has the same network.
     */
    boolean podNetwork() {
        return networkMode() == NamespaceMode.POD;
    }

    /**
     * Chooses the pods' network before the first pod: the server's pod network ({@code true}), which must be ready,
     * or the node's network namespace.
     *
     * @throws EngineException when the pod network is asked for and the server says it is not ready
     */
    void usePodNetwork(boolean pod) {
        if (pod && !networkReady()) {
            throw new EngineException("the CRI server at " + calls.endpoint() + " has no pod network ready ("
                    + String.join(", ", conditions()) + "): give it a CNI configuration, or run pods in the node's"
                    + " network namespace (--pod-network node)");
        }
        network.set(pod ? NamespaceMode.POD : NamespaceMode.NODE);
    }

    /** The pods' network namespace: POD for the server's pod network, NODE for the node's. */
    NamespaceMode networkMode() {
        NamespaceMode m = network.get();
        if (m == null) {
            m = networkReady() ? NamespaceMode.POD : NamespaceMode.NODE;
            network.compareAndSet(null, m);
        }
        return network.get();
    }

    /** The server's conditions, one line each, for a message. */
    List<String> conditions() {
        List<String> out = new ArrayList<>();
        for (RuntimeCondition c : status().getStatus().getConditionsList()) {
            out.add(c.getType() + "=" + c.getStatus() + (c.getReason().isEmpty() ? "" : " (" + c.getReason()
                    + (c.getMessage().isEmpty() ? "" : ": " + c.getMessage()) + ")"));
        }
        return out;
    }

    private StatusResponse status() {
        return calls.call("Status", "", () -> calls.runtime().status(StatusRequest.getDefaultInstance()));
    }

    /** Whether the server has the image ({@code ImageStatus}); it never pulls. */
    boolean hasImage(String reference) {
        return calls.call("ImageStatus", reference, () -> calls.images().imageStatus(ImageStatusRequest.newBuilder()
                .setImage(ImageSpec.newBuilder().setImage(reference)).build())).hasImage();
    }
}
