package dev.rtbench.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerPortsTest {

    @Test
    void portsAreDistinctFreeAndBelowTheEphemeralRange() throws Exception {
        ServerPorts ports = new ServerPorts();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            int p = ports.next();
            assertTrue(p >= ServerPorts.FIRST && p <= ServerPorts.LAST, "" + p);
            assertTrue(seen.add(p), "given twice: " + p);
        }
    }

    @Test
    void aPortInUseOnTheHostIsNotGiven() throws Exception {
        // whichever port a fresh allocator would give first, held here as a node's own service would hold it
        int first = new ServerPorts().next();
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), first));
            assertTrue(!ServerPorts.freeOnLoopback(first));
            assertNotEquals(first, new ServerPorts().next());
        }
    }
}
