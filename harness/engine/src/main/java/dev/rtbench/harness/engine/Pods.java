package dev.rtbench.harness.engine;

import java.time.Duration;
import java.util.Map;

/**
 * What only an engine with pods can do, as a kubelet drives a CRI server: pod sandboxes, and containers created in
 * a pod. A capability of a driver ({@link ContainerDriver#pods}), empty for dockerd, so that a bench of the pod
 * phases asks for it instead of for a class.
 */
public interface Pods {

    /** Runs a pod sandbox under {@code handler} (a RuntimeClass's handler) and returns its id. */
    String runPodSandbox(String name, String handler, Map<String, String> labels);

    /** Stops a pod: every container in it and its sandbox. */
    void stopPodSandbox(String podId);

    /** Removes a stopped pod and what is left in it. */
    void removePodSandbox(String podId);

    /** The handler the server records for the pod: what a RuntimeClass selected. */
    String handlerOf(String podId);

    /** Creates a container in a ready pod and returns its id. */
    String createContainer(String podId, ContainerSpec spec);

    void startContainer(String id);

    /** Stops a running container: SIGTERM, then SIGKILL after {@code grace}. */
    void stopContainer(String id, Duration grace);

    void removeContainer(String id);
}
