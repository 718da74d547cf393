package dev.rtbench.bench.run;

import java.util.Locale;

/**
 * The network of the pods a run makes through CRI ({@code --pod-network}): the server's pod network, as a kubelet's
 * pods have (a managed containerd's own CNI bridge; a running server's CNI configuration), or the node's network
 * namespace, as {@code hostNetwork} pods have.
 */
public enum PodNetworkChoice {
    /** The pod network where the server has one (a managed containerd: where the CNI plugins are installed). */
    AUTO,
    /** The pod network, or the run stops before measuring and says what is missing. */
    POD,
    /**
     * The node's network namespace: for a cluster node whose CNI plugin refuses pods that no API server knows
     * (some look the pod up), or to leave the node's pod addresses alone.
     */
    NODE;

    public static PodNetworkChoice parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "auto" -> AUTO;
            case "pod" -> POD;
            case "node" -> NODE;
            default -> throw new IllegalArgumentException("--pod-network takes pod, node or auto, got \"" + text
                    + "\"");
        };
    }
}
