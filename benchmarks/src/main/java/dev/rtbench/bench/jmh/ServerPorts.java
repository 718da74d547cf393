package dev.rtbench.bench.jmh;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Ports for the servers a run keeps in containers of their own, each free on this host's loopback when given and
 * never given twice in a run. A container with a network namespace of its own would take any port; a pod on the
 * node's network shares the host's loopback, where two runtimes' servers (or a service of the node) would clash on
 * one fixed port. Below Linux's ephemeral range (32768 on), so that no client's own port takes it.
 */
final class ServerPorts {
    static final int FIRST = 20000;
    static final int LAST = 32767;

    private final Set<Integer> given = new HashSet<>();
    private int next = FIRST;

    synchronized int next() {
        for (int tried = 0; tried <= LAST - FIRST; tried++) {
            int port = next;
            next = next == LAST ? FIRST : next + 1;
            if (!given.contains(port) && freeOnLoopback(port)) {
                given.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no port from " + FIRST + " to " + LAST + " is free on this host's loopback"
                + " for a workload's server: free one, or run without the network workloads");
    }

    static boolean freeOnLoopback(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
