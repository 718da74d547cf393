package dev.rtbench.workloads;

import static dev.rtbench.workloads.ExecutionWorkloads.sizes;
import static dev.rtbench.workloads.ExecutionWorkloads.tool;

import java.util.List;

/**
 * The catalogue's CPU, memory, system-call and scheduling workloads: sysbench, stress-ng and
 * hackbench, each bounded by an amount of work with a time ceiling (hackbench by count alone).
 * Times in the comments are as {@link Workloads}' execution section says.
 */
final class ComputeWorkloads {

    static final List<Workload> WORKLOADS = List.of(
            // CPU and memory: bounded by an amount of work, with a time ceiling (sysbench stops at whichever comes
            // first). At scale 1.0 the amount takes ~1 s under runc on Workloads' machine (cpu 5190 events/s one
            // thread, 10100 on two; memory 7730 MiB/s with 1 KiB blocks, 32200 with 1 MiB), so quick (0.25) runs
            // ~0.25 s where --time alone (whole seconds) cost 1 s: runc 1.05 s, runsc 1.10 s at quick before. gVisor
            // runs this code natively, so the ceiling (2 s, never below 1) is for runtimes that do not.
            tool("cpu-single", "CPU: sysbench's cpu test (prime numbers by trial division), one thread, a fixed "
                    + "number of events (or a time ceiling): user-space arithmetic with almost no system calls",
                    "events/s", List.of("sysbench.sh", "cpu", "1"), sizes("events", 5000, "seconds", 2),
                    List.of(HostTool.SYSBENCH), ToolParsers::sysbenchCpu),
            tool("cpu-all", "CPU: sysbench's cpu test on as many threads as the container sees CPUs (nproc), "
                    + "a fixed number of events shared by the threads (or a time ceiling): arithmetic plus the "
                    + "scheduling of busy threads", "events/s", List.of("sysbench.sh", "cpu", "all"),
                    sizes("events", 10000, "seconds", 2), List.of(HostTool.SYSBENCH), ToolParsers::sysbenchCpu),
            tool("memory-1k", "memory: sysbench memory, sequential writes of 1 KiB blocks by one thread up to a fixed "
                    + "total (or a time ceiling; the buffer stays in the L1 cache: loop and store throughput, no "
                    + "system calls)", "MiB/s", List.of("sysbench.sh", "memory-1k", "1"),
                    sizes("mib", 8000, "seconds", 2), List.of(HostTool.SYSBENCH), ToolParsers::sysbenchMemory),
            tool("memory-1m", "memory: sysbench memory, sequential writes of 1 MiB blocks by one thread up to a fixed "
                    + "total (or a time ceiling; a 1 MiB buffer rewritten: cache bandwidth, not DRAM; no system "
                    + "calls)", "MiB/s", List.of("sysbench.sh", "memory-1m", "1"),
                    sizes("mib", 32000, "seconds", 2), List.of(HostTool.SYSBENCH), ToolParsers::sysbenchMemory),

            // syscalls and scheduling: stress-ng --STRESSOR-ops with --timeout as the ceiling. At scale 1.0 the ops
            // take ~1 s under runc here (null 108000 ops/s, switch 38000, fork 2200); under gVisor null and fork
            // are 70x and 9x slower and reach the ceiling instead (2 s, never below 1): a rate either way.
            tool("syscall-null", "system calls: stress-ng's null stressor, write(2) to /dev/null in a loop, a fixed "
                    + "number of operations or a time ceiling; gVisor intercepts every call", "ops/s",
                    List.of("stress-ng.sh", "null"), sizes("ops", 100000, "seconds", 2), List.of(HostTool.STRESS_NG),
                    ToolParsers::stressNg),
            tool("context-switch", "scheduling: stress-ng's switch stressor, two processes handing a byte back and "
                    + "forth through pipes, so each message is a context switch; a fixed number of operations or a "
                    + "time ceiling", "ops/s", List.of("stress-ng.sh", "switch"), sizes("ops", 40000, "seconds", 2),
                    List.of(HostTool.STRESS_NG), ToolParsers::stressNg),
            tool("fork", "process creation: stress-ng's fork stressor, fork of a child that exits at once, "
                    + "waited for; a fixed number of operations or a time ceiling (no exec: see process for "
                    + "fork+exec; stress-ng's exec and spawn stressors refuse to run as root)", "ops/s",
                    List.of("stress-ng.sh", "fork"), sizes("ops", 2000, "seconds", 2), List.of(HostTool.STRESS_NG),
                    ToolParsers::stressNg),
            // hackbench 500 loops (as captured): runc 0.09-0.30 s, runsc 2.0-2.95 s, so 400 for the ~3 s ceiling:
            // runc 0.08-0.10 s, runsc 1.87-1.88 s.
            // Bounded by count: hackbench has no duration option
            tool("hackbench", "scheduler and pipes: hackbench, 4 groups of 5 senders and 5 receivers (40 processes) "
                    + "passing 100-byte messages over pipes; a fixed count of messages", "msg/s",
                    List.of("hackbench.sh"), sizes("loops", 400), List.of(HostTool.HACKBENCH), ToolParsers::hackbench));

    private ComputeWorkloads() {
    }
}
