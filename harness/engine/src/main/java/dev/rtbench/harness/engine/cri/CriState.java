package dev.rtbench.harness.engine.cri;

import dev.rtbench.harness.engine.cri.v1.NamespaceMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a {@link CriEngine} knows of what it made, shared with its {@link CriEngine#withCallTimeout} views: any of
 * them may run a pod that another removes, so the pods, the containers' log files and the pods' network are kept
 * once, here, and each part of the engine reads and writes its own share.
 */
final class CriState {

    /** Pod logs and the host folders bound as volumes: private to this engine, removed at close. */
    final Path scratch;
    /** pod id to the pod this engine runs */
    final Map<String, CriPods.Pod> pods = new ConcurrentHashMap<>();
    /** container id to the log file the server writes for it */
    final Map<String, Path> logOf = new ConcurrentHashMap<>();
    /** container id to the pod {@link CriEngine#create} made for it */
    final Map<String, String> ownPodOf = new ConcurrentHashMap<>();
    /** the pods' network, asked of the server once: its pod network (CNI) when ready, else the node's */
    final AtomicReference<NamespaceMode> network = new AtomicReference<>();

    CriState(Path scratch) {
        this.scratch = scratch;
    }
}
