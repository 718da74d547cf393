package dev.rtbench.harness.engine.cri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodNetworkTest {

    private static final PodNetwork NET = new PodNetwork("rtb12345abc", "10.200.0.0/16", Path.of("/usr/lib/cni"),
            Path.of("/tmp/rtbc-1/cni/ipam"));

    @Test
    void readsTheHostsRoutesInTheKernelsByteOrder() {
        List<HostRoutes.Route> routes = HostRoutes.parse(List.of(
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
                "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0",
                "br0\t0000C90A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0"));
        assertEquals(List.of(new HostRoutes.Route(0, 0), new HostRoutes.Route(0xC0000200L, 24),
                new HostRoutes.Route(0x0AC90000L, 16)), routes);
    }

    @Test
    void takesTheFirstRangeNoRouteCoversButTheDefaultRoute() {
        HostRoutes.Route defaultRoute = new HostRoutes.Route(0, 0);
        assertEquals(Optional.of("10.200.0.0/16"), PodNetwork.freeSubnet(List.of(defaultRoute)));
        // 10.200.5.0/24 lies in 10.200/16, and 10.201/16 is taken whole
        assertEquals(Optional.of("10.202.0.0/16"), PodNetwork.freeSubnet(List.of(defaultRoute,
                new HostRoutes.Route(0x0AC80500L, 24), new HostRoutes.Route(0x0AC90000L, 16))));
        // a route that covers all of 10/8 leaves nothing
        assertEquals(Optional.empty(), PodNetwork.freeSubnet(List.of(new HostRoutes.Route(0x0A000000L, 8))));
    }

    @Test
    void theConfigurationIsABridgeWithoutGatewayOrMasqueradeAndPrivateAddressRecords() throws Exception {
        JsonNode list = new ObjectMapper().readTree(NET.conflist());
        assertEquals("rtbench", list.path("name").asText());
        JsonNode bridge = list.path("plugins").get(0);
        assertEquals("bridge", bridge.path("type").asText());
        assertEquals("rtb12345abc", bridge.path("bridge").asText());
        assertEquals(false, bridge.path("isGateway").asBoolean(true));
        assertEquals(false, bridge.path("ipMasq").asBoolean(true));
        assertEquals("host-local", bridge.path("ipam").path("type").asText());
        assertEquals("/tmp/rtbc-1/cni/ipam", bridge.path("ipam").path("dataDir").asText());
        assertEquals("10.200.0.0/16", bridge.path("ipam").path("ranges").get(0).get(0).path("subnet").asText());
        assertEquals(1, list.path("plugins").size());
    }

    @Test
    void refusesNamesTheKernelOrTheConfigurationWouldNotTake() {
        assertThrows(IllegalArgumentException.class, () -> new PodNetwork("a-bridge-name-too-long", "10.200.0.0/16",
                Path.of("/usr/lib/cni"), Path.of("/tmp/x")));
        assertThrows(IllegalArgumentException.class, () -> new PodNetwork("rtb1", "192.168.0.0/16",
                Path.of("/usr/lib/cni"), Path.of("/tmp/x")));
    }

    @Test
    void aBridgeIsNamedAfterItsFolderAndOnlyOrphansOfThatNameAreRemoved() {
        assertEquals("rtb734068292732", PodNetwork.bridgeOf(Path.of("/tmp/rtbc-16784172734068292732")));
        String live = PodNetwork.bridgeOf(Path.of("/tmp/rtbc-1111111111111111"));
        // a user's bridge, docker's, a live run's, and one whose folder is gone
        assertEquals(List.of("rtb222222222222"), PodNetwork.orphans(List.of("br0", "docker0", "rtbx", live,
                "rtb222222222222"), List.of(live)));
    }

    @Test
    void findsTheFolderThatHoldsEveryPlugin(@TempDir Path dir) throws Exception {
        Path partial = Files.createDirectories(dir.resolve("partial"));
        Path full = Files.createDirectories(dir.resolve("full"));
        for (String p : PodNetwork.PLUGINS) {
            Files.writeString(full.resolve(p), "#!/bin/sh\n");
            Files.setPosixFilePermissions(full.resolve(p), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(partial.resolve("bridge"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(partial.resolve("bridge"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Optional.of(full), PodNetwork.pluginDir(List.of(partial.toString(), full.toString())));
        assertEquals(Optional.empty(), PodNetwork.pluginDir(List.of(partial.toString())));
    }

    @Test
    void aManagedContainerdReadsItAndKeepsThePodsNamespacesInItsFolder() {
        String toml = new ManagedContainerdConfig(Path.of("/tmp/rtbc-1"), "rtbench/cri-pause:abc",
                List.of(CriHandler.runcShim("runc", "/usr/sbin/runc", List.of())), NET).render();
        assertTrue(toml.contains("  netns_mounts_under_state_dir = true\n"), toml);
        assertTrue(toml.contains("    conf_dir = \"/tmp/rtbc-1/cni/net.d\"\n"), toml);
        assertTrue(toml.contains("    bin_dir = \"/usr/lib/cni\"\n"), toml);
        assertTrue(toml.contains("    max_conf_num = 1\n"), toml);
    }
}
