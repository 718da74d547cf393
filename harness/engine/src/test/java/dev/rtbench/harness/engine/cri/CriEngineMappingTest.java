package dev.rtbench.harness.engine.cri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.Hardening;
import dev.rtbench.harness.engine.cri.v1.NamespaceMode;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a container spec becomes CRI settings, and how the server's answers are read. */
class CriEngineMappingTest {

    @Test
    void limitsAndPrivilegesMapAsTheDockerEngineSetsThem() {
        ContainerSpec spec = new ContainerSpec("img:1", List.of("true"), "runc", Map.of(), 1L << 30,
                1_500_000_000L, 4096, Hardening.readOnly());
        var r = CriConfigs.resources(spec);
        assertEquals(1L << 30, r.getMemoryLimitInBytes());
        assertEquals(1L << 30, r.getMemorySwapLimitInBytes());
        assertEquals(150_000, r.getCpuQuota());
        assertEquals(100_000, r.getCpuPeriod());
        var s = CriConfigs.securityContext(Hardening.readOnly(), NamespaceMode.POD);
        assertEquals(65534, s.getRunAsUser().getValue());
        assertEquals(65534, s.getRunAsGroup().getValue());
        assertTrue(s.getReadonlyRootfs());
        assertTrue(s.getNoNewPrivs());
        assertEquals(List.of("ALL"), s.getCapabilities().getDropCapabilitiesList());
        assertEquals(NamespaceMode.POD, s.getNamespaceOptions().getNetwork());
        // a kubelet's default: each container its own PID namespace, not the sandbox's
        assertEquals(NamespaceMode.CONTAINER, s.getNamespaceOptions().getPid());
        // without a pod network, the node's (a hostNetwork pod's)
        assertEquals(NamespaceMode.NODE, CriConfigs.securityContext(Hardening.none(), NamespaceMode.NODE)
                .getNamespaceOptions().getNetwork());
        var none = CriConfigs.securityContext(Hardening.none(), NamespaceMode.POD);
        assertFalse(none.hasRunAsUser());
        assertFalse(none.hasCapabilities());
        assertEquals("app", CriConfigs.securityContext(new Hardening("app", false, false, false, Map.of()),
                NamespaceMode.POD)
                .getRunAsUsername());
    }

    @Test
    void readsThePidFromContainerdsVerboseInfo() {
        assertEquals(4242, CriContainers.pidFrom(Map.of("info",
                "{\"sandboxID\":\"abc\",\"pid\":4242,\"removing\":false}")));
        assertEquals(0, CriContainers.pidFrom(Map.of()));
        assertEquals(0, CriContainers.pidFrom(Map.of("info", "not json")));
    }

    @Test
    void knowsNotFoundInEitherServersWords() {
        assertTrue(CriCalls.notFound(Status.NOT_FOUND.withDescription("an error occurred when try to find"
                + " container \"x\": not found").asRuntimeException()));
        assertTrue(CriCalls.notFound(Status.UNKNOWN.withDescription("container with ID starting with x not found:"
                + " ID does not exist").asRuntimeException()));
        assertFalse(CriCalls.notFound(Status.UNKNOWN.withDescription("container is in starting state, can't be"
                + " removed").asRuntimeException()));
    }
}
