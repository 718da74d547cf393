package dev.rtbench.harness.engine.cri;

import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.Hardening;
import dev.rtbench.harness.engine.cri.v1.Capability;
import dev.rtbench.harness.engine.cri.v1.Int64Value;
import dev.rtbench.harness.engine.cri.v1.LinuxContainerResources;
import dev.rtbench.harness.engine.cri.v1.LinuxContainerSecurityContext;
import dev.rtbench.harness.engine.cri.v1.NamespaceMode;
import dev.rtbench.harness.engine.cri.v1.NamespaceOption;

/**
 * A container spec in the CRI's terms, as a kubelet would set it: the namespaces, the resource limits and the
 * security context of a pod's containers.
 */
final class CriConfigs {
    private CriConfigs() {}

    /**
     * The namespaces a kubelet asks for by default: the pod's network ({@code network} POD) or the node's (NODE,
     * a {@code hostNetwork} pod's, where the server has no pod network), a PID namespace of each container's own
     * (the protocol's zero value, POD, would put every container in the sandbox's, and the shim would then kill the
     * container's leftovers at its exit; a race measured inside StartContainer of a container that exits at once),
     * and the pod's IPC namespace.
     */
    static NamespaceOption kubeletNamespaces(NamespaceMode network) {
        return NamespaceOption.newBuilder().setNetwork(network).setPid(NamespaceMode.CONTAINER)
                .setIpc(NamespaceMode.POD).build();
    }

    static LinuxContainerResources resources(ContainerSpec spec) {
        LinuxContainerResources.Builder r = LinuxContainerResources.newBuilder();
        if (spec.memoryBytes() > 0) {
            // equal limits: no swap, as the Docker engine sets it
            r.setMemoryLimitInBytes(spec.memoryBytes()).setMemorySwapLimitInBytes(spec.memoryBytes());
        }
        if (spec.nanoCpus() > 0) {
            long period = 100_000;
            r.setCpuPeriod(period).setCpuQuota(spec.nanoCpus() * period / 1_000_000_000L);
        }
        // the CRI has no per-container process limit (the kubelet sets one per pod): pidsLimit is not applied
        return r.build();
    }

    static LinuxContainerSecurityContext securityContext(Hardening h, NamespaceMode network) {
        LinuxContainerSecurityContext.Builder s = LinuxContainerSecurityContext.newBuilder()
                .setNamespaceOptions(kubeletNamespaces(network))
                .setReadonlyRootfs(h.readOnlyRoot())
                .setNoNewPrivs(h.noNewPrivileges());
        if (h.dropAll()) {
            s.setCapabilities(Capability.newBuilder().addDropCapabilities("ALL"));
        }
        if (h.user() != null) {
            String[] ug = h.user().split(":", 2);
            try {
                s.setRunAsUser(Int64Value.newBuilder().setValue(Long.parseLong(ug[0])));
                if (ug.length == 2) {
                    s.setRunAsGroup(Int64Value.newBuilder().setValue(Long.parseLong(ug[1])));
                }
            } catch (NumberFormatException e) {
                // the CRI takes a user name without a group
                s.setRunAsUsername(ug[0]);
            }
        }
        return s.build();
    }
}
