package dev.rtbench.workloads;

import static dev.rtbench.workloads.ExecutionWorkloads.sizes;
import static dev.rtbench.workloads.ExecutionWorkloads.tool;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The catalogue's network workloads: a client against a server in the same container, over loopback, the server
 * started and stopped inside the sample's one exec. The figures compared are the client's own (Mbit/s, req/s); the
 * sample's {@code time} covers the server's start and stop as well. Times in the comments are as {@link Workloads}'
 * execution section says.
 *
 * <p>Why one exec: a server started and stopped in execs of their own cost two exec round trips a sample (70 and 110
 * ms each under runc and gVisor through dockerd); a server kept for the whole run carried its luck into every
 * sample of its runtime, and an A/A of two names for runc told them apart (README: Workloads).
 */
final class NetworkWorkloads {

    static final List<Workload> WORKLOADS = List.of(
            // network, loopback inside the container (the daemon has no bridge; gVisor: its netstack)
            // iperf3 -t 2: runc 2.06-2.07 s, runsc 2.08-2.13 s
            server("tcp-throughput", "TCP throughput over loopback inside the container: one iperf3 connection for "
                    + "a fixed time (gVisor: its own netstack, not the host's)", "Mbit/s", "iperf3.sh", "client",
                    sizes("seconds", 2), List.of(HostTool.IPERF3), ToolParsers::iperf3),
            // 3000 requests of each: runc 0.12-0.18 s, runsc 1.64-2.15 s (4000 took 3.0 s). Bounded by count:
            // redis-benchmark has no duration option
            server("redis", "request/response over loopback: redis-benchmark, 10 connections, one request in "
                    + "flight on each, SET then GET, against redis-server (no persistence) in the same container; "
                    + "a fixed count of requests", "req/s", "redis.sh", "benchmark", sizes("requests", 3000),
                    List.of(HostTool.REDIS_SERVER, HostTool.REDIS_CLI, HostTool.REDIS_BENCHMARK), ToolParsers::redis),
            // wrk -d 2s: runc 2.10-2.16 s, runsc 2.17-2.20 s; -d 1s took 2.0 s while nginx's daemon held the start
            // exec's stderr (dockerd waited ~1 s for that stream, and the next exec paid too): 1.05 s since
            server("http", "HTTP over loopback: wrk, one thread, 10 keep-alive connections, for a fixed time, "
                    + "against nginx (one worker, a 5-byte answer from memory, no logs) in the same container",
                    "req/s", "nginx.sh", "wrk", sizes("seconds", 2), List.of(HostTool.NGINX, HostTool.WRK),
                    ToolParsers::wrk));

    private NetworkWorkloads() {
    }

    /** A client against a server that {@code script} starts before it and stops after it, in the same exec. */
    private static Workload server(String name, String stresses, String unit, String script, String client,
                                   Map<String, Long> sizes, List<HostTool> tools,
                                   BiFunction<ToolOutput, String, List<Measurement>> measure) {
        return tool(name, stresses + "; the server started and stopped in the sample's exec", unit,
                List.of(script, client), sizes, tools, measure);
    }
}
