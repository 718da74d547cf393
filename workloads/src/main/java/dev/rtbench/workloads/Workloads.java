package dev.rtbench.workloads;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The catalogue of workloads, and the fixed commands the harness needs around them.
 *
 * <p>Over 300 lines on purpose: it is the catalogue, one descriptor per workload with the sizes measured for it
 * in a comment beside it, and their parsers; read side by side they show what each workload costs under each
 * runtime, which a split by workload would scatter.
 *
 * <p>Sizes were chosen on a 2-core shared x86-64 machine (Debian 12, dockerd 20.10, runc 1.1.5,
 * runsc 20221219 on the ptrace platform) so each sample takes ~1-3 s at scale 1.0 under both
 * runtimes. Rates are bounded by time where the tool allows it (fio {@code --runtime}, iperf3
 * {@code -t}, wrk {@code -d}, the busybox loops' own timers), so a runtime with slow system calls
 * still gives a sample in the same time; sysbench and stress-ng are bounded by an amount of work
 * with a time ceiling ({@code --time}, {@code --timeout}), whichever comes first, because their
 * whole seconds cost three times the work they need; redis-benchmark and hackbench have no
 * duration option and are bounded by count. Whole seconds never go below 1, whatever the scale.
 *
 * <p>Retired in 2026-11: {@code cpu} (sha256sum of a pipe: tracked gVisor's system-call cost),
 * {@code memory} (dd from /dev/zero: measured the kernel's zero-fill), {@code net-latency}
 * (busybox httpd forks per connection: process creation), {@code file-write} (dd with fsync at
 * 2.3 GB/s: the page cache) and {@code net-throughput} (busybox nc/dd); replaced by
 * {@code cpu-single}/{@code cpu-all}, {@code memory-1k}/{@code memory-1m}, {@code http} and
 * {@code redis}, {@code fio-*}, and {@code tcp-throughput}.
 */
public final class Workloads {

    /**
     * What the container that execution workloads are exec'd into runs. The shell traps SIGTERM
     * (as PID 1 it would otherwise ignore it, and {@code docker stop} would wait its full grace
     * period) and waits on one sleep instead of polling, so it wakes no process while workloads
     * run and exits 0 at once on {@code docker stop}.
     */
    public static final List<String> IDLE_COMMAND =
            List.of("/bin/sh", "-c", "trap 'exit 0' TERM; sleep 2147483647 & wait");

    /**
     * Run in a container to tell which runtime it runs under: the kernel release ({@code 4.4.0}
     * under gVisor, the host's under runc) and the first kernel log lines (gVisor's start with
     * {@code Starting gVisor...}; under runc dmesg is denied and prints nothing).
     * See {@code src/test/resources/captured/<runtime>/proof.out}.
     */
    public static final List<String> PROOF_COMMAND =
            List.of("/bin/sh", "-c", "uname -r; dmesg 2>/dev/null | head -n 3; true");

    /** The line the {@code first-output} workload's container prints first. */
    public static final String FIRST_OUTPUT_LINE = "ready";

    /** Where the workload scripts live in the image. */
    public static final String SCRIPT_DIR = "/rtbench";

    /*
     * At scale 0.05 (the smoke profile) every execution workload ran and parsed under both runtimes: whole-second
     * tools ~1.1-1.2 s, fio 0.4-0.9 s, redis 0.1-0.25 s, the busybox ones 0.1-0.3 s.
     */

    /** Where the storage workloads work on the container's own root filesystem (not /tmp: a tmpfs under gVisor). */
    static final String ROOTFS = "/var/tmp";

    /** Where the harness mounts a fresh volume for the {@code -volume} storage workloads. */
    public static final String VOLUME = "/rtbench-volume";

    private static final List<String> TRUE = List.of("/bin/true");

    private static final List<Workload> ALL = List.of(
            // --- lifecycle: a fresh container per sample, each step timed alone by the harness
            lifecycle("create", "docker create of a container running /bin/true: image, config and "
                    + "runtime-independent daemon work (the OCI runtime is not invoked yet)", TRUE),
            lifecycle("start", "docker start of a created container running /bin/true: the OCI runtime "
                    + "sets up the sandbox (runc: namespaces and cgroups; gVisor: sentry and gofer) and "
                    + "starts the process", TRUE),
            lifecycle("wait", "from a started container running /bin/true until the daemon reports its exit: "
                    + "the process's exit and the runtime's teardown as docker run waits for them", TRUE),
            lifecycle("stop", "docker stop of a running container whose PID 1 shell traps SIGTERM and "
                    + "exits at once: signal delivery, exit and teardown, without the 10 s grace period",
                    IDLE_COMMAND),
            lifecycle("remove", "docker rm of an exited container that ran /bin/true: deleting its "
                    + "filesystem layer and runtime state", TRUE),
            lifecycle("run", "create + start + wait for the exit of /bin/true: what docker run --rm "
                    + "costs before the remove", TRUE),
            lifecycle("first-output", "from start until the container's first line of output, \""
                    + FIRST_OUTPUT_LINE + "\", reaches the harness: start-up plus the log path",
                    List.of("/bin/echo", FIRST_OUTPUT_LINE)),
            lifecycle("exec", "docker exec of /bin/true into a running container (one running "
                    + String.join(" ", IDLE_COMMAND) + "): exec create, start, and exit", TRUE),

            // --- execution: exec'd into a container running IDLE_COMMAND; setup and cleanup are separate
            // untimed execs. Times below: the whole timed docker exec at scale 1.0, runc / runsc 20221219
            // (ptrace), on the 2-core shared machine of the class comment, 2026-11-29.

            // CPU and memory: bounded by an amount of work, with a time ceiling (sysbench stops at whichever comes
            // first). At scale 1.0 the amount takes ~1 s under runc on this machine (cpu 5190 events/s one thread,
            // 10100 on two; memory 7730 MiB/s with 1 KiB blocks, 32200 with 1 MiB), so quick (0.25) runs ~0.25 s
            // where --time alone (whole seconds) cost 1 s: runc 1.05 s, runsc 1.10 s at quick before. gVisor runs
            // this code natively, so the ceiling (2 s, never below 1) is for runtimes that do not.
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
                    List.of("hackbench.sh"), sizes("loops", 400), List.of(HostTool.HACKBENCH), ToolParsers::hackbench),

            // storage: fio, buffered psync, a 32 MiB file laid out (and fsync'ed) by the untimed setup and removed by
            // the cleanup of every sample (a file kept for the container's life made two containers of one runc
            // differ: its page cache stays charged to the container's memory cgroup; 128 MiB took 0.4-0.6 s to lay out)
            // random and sequential 800 ms a job (two jobs): runc ~2.3 s, runsc ~2.4 s (1000 ms gave 2.6-3.0 s);
            // (captured: random runc 2.14-2.45 s, runsc 2.25-2.47 s; sequential runc 2.13-2.28 s, runsc 2.24-2.45 s);
            // fsync 1200 ms: runc 1.54-1.74 s, runsc 1.63-1.93 s. Setup (layout) 0.1-0.3 s, untimed
            // Reads are of the cached file under both runtimes (--invalidate=0): with fio's default, which drops the
            // file's cache before each job, runc read 17,700 IOPS from the disk and gVisor 27,500 from its memory;
            // cached, runc read 859,000 and gVisor 54,000 (quick, 2026-11-29)
            storage("random", ROOTFS, "random 4 KiB reads of the cached file (IOPS, completion latency), then random "
                    + "4 KiB writes into the page cache, each job for a fixed time", "IOPS", 800, ToolParsers::fioRandom),
            storage("sequential", ROOTFS, "sequential 1 MiB reads of the cached file, then sequential 1 MiB writes "
                    + "into the page cache, each job for a fixed time (bandwidth)", "MiB/s", 800,
                    ToolParsers::fioSequential),
            storage("fsync", ROOTFS, "4 KiB sequential writes each followed by fsync(2), for a fixed time: the "
                    + "fsync latency. What decides it: under runc fsync goes through overlayfs to the host's "
                    + "filesystem of the daemon's data-root and its device; under gVisor (2022) the sentry "
                    + "forwards it to the gofer, which fsyncs the host file (no --overlay memory layer in that "
                    + "version). A volume is a bind of the host filesystem: the same under runc, through the gofer "
                    + "under gVisor", "writes/s", 1200, ToolParsers::fioFsync),
            storage("random", VOLUME, "random 4 KiB reads, then random 4 KiB writes, each for a fixed time, on a "
                    + "fresh volume", "IOPS", 800, ToolParsers::fioRandom),
            storage("sequential", VOLUME, "sequential 1 MiB reads, then writes, each for a fixed time, on a fresh "
                    + "volume", "MiB/s", 800, ToolParsers::fioSequential),
            storage("fsync", VOLUME, "4 KiB writes each followed by fsync(2) on a fresh volume (a bind of the host "
                    + "filesystem: runc reaches it directly, gVisor through its gofer)", "writes/s", 1200,
                    ToolParsers::fioFsync),

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
                    ToolParsers::wrk),

            // --- busybox workloads (no tool needed), each measuring something the tools above do not
            // syscall 1000 ms: runc 1.13-1.18 s, runsc 1.18-1.44 s
            execution("syscall", "system-call round trip: busybox dd copying one byte at a time from /dev/zero to "
                    + "/dev/null, two trivial system calls per byte, for a fixed time", "ns", sizes("ms", 1000),
                    Workloads::parseSyscall),
            // process 1000 ms: runc 1.06-1.10 s, runsc 1.11-1.27 s
            execution("process", "process creation: fork, execve of the static busybox as /bin/true, exit "
                    + "and wait, in a loop of busybox sh for a fixed time", "us", sizes("ms", 1000),
                    Workloads::parseProcess),
            // file-read 256 MiB x 32 passes: runc 0.36-0.39 s, runsc 0.81-0.86 s (2026-11-28); now a 64 MiB file
            // written before and removed after every sample (a file kept for the container's life made two
            // containers of one runc read 26% apart: its page cache stays charged to the container's cgroup)
            withSetup(execution("file-read", "file reads on the container's own root filesystem: dd of 1 MiB "
                    + "blocks over a 64 MiB file the workload's setup wrote (untimed, before every sample; removed"
                    + " after it), several passes; the file was just written, so this is the cached read path (host"
                    + " page cache under runc, the sentry's cache under gVisor), not the disk", "MiB/s",
                    sizes("mib", 64, "passes", 128), Workloads::parseFileRead),
                    List.of("/bin/sh", scriptPath("file-read"), "--layout", "64"),
                    List.of("/bin/sh", scriptPath("file-read"), "--remove")),
            // files-small 2000: runc 0.78-1.97 s (~0.45 s on a quieter machine), runsc 2.2-3.4 s (whole exec
            // 2026-11-29: runc 1.0-1.8 s, runsc 1.9-3.2 s)
            execution("files-small", "metadata operations on the container's own root filesystem: create "
                    + "and write, stat, list, remove many small files (shell builtins, one rm -r)", "us",
                    sizes("count", 2000), Workloads::parseFilesSmall));

    /*
     * The pod phases only a CRI server has (a pod is what a kubelet runs; dockerd has no pods). They are not in
     * all(), which every engine can measure: a run through CRI adds them.
     */
    private static final List<Workload> POD = List.of(
            lifecycle("pod-sandbox-start", "CRI RunPodSandbox: the pod's network set up (where the server has a pod"
                    + " network) and its sandbox (pause) container created and started, with its shim; where gVisor"
                    + " boots its sandbox kernel and Kata its VM", IDLE_COMMAND),
            lifecycle("pod-first-output", "from RunPodSandbox, through CreateContainer and StartContainer, until the"
                    + " container's first line, \"" + FIRST_OUTPUT_LINE + "\", is in its log: what a kubelet waits"
                    + " for a new pod", List.of("/bin/echo", FIRST_OUTPUT_LINE)),
            lifecycle("pod-stop", "CRI StopPodSandbox of a pod whose container runs a shell that traps SIGTERM:"
                    + " the container's and the sandbox's kill, exit and teardown, and the pod network's", IDLE_COMMAND));

    private static final Map<String, Workload> BY_NAME = index(Stream.concat(ALL.stream(),
            POD.stream()).toList());

    private Workloads() {
    }

    /** Every workload: lifecycle first, then execution, in a fixed order. */
    public static List<Workload> all() {
        return ALL;
    }

    public static List<Workload> lifecycle() {
        return ofKind(WorkloadKind.LIFECYCLE);
    }

    /** The pod phases only a CRI server has: pod sandbox start, pod start to first output, pod stop. */
    public static List<Workload> pod() {
        return POD;
    }

    public static List<Workload> execution() {
        return ofKind(WorkloadKind.EXECUTION);
    }

    /**
     * @throws IllegalArgumentException naming the unknown workload and listing the known ones
     */
    public static Workload byName(String name) {
        Objects.requireNonNull(name, "workload name was not specified");
        Workload workload = BY_NAME.get(name.strip());
        if (workload == null) {
            throw new IllegalArgumentException("unknown workload \"" + name + "\": known workloads are "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return workload;
    }

    /** Whether {@code name} is a built-in workload's (or a group's) name, which a user's workload may not take. */
    public static boolean isBuiltIn(String name) {
        return BY_NAME.containsKey(name) || List.of("all", "lifecycle", "execution").contains(name);
    }

    /**
     * The workloads named in a comma-separated list, e.g. {@code "cpu,syscall"}, in the list's
     * order, each once. {@code "all"}, {@code "lifecycle"} and {@code "execution"} stand for
     * those groups.
     *
     * @throws IllegalArgumentException for an empty list or an unknown name
     */
    public static List<Workload> select(String names) {
        Objects.requireNonNull(names, "workload names were not specified");
        Map<String, Workload> selected = new LinkedHashMap<>();
        for (String part : names.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            List<Workload> group = switch (name) {
                case "all" -> Stream.concat(all().stream(), pod().stream()).toList();
                case "lifecycle" -> Stream.concat(lifecycle().stream(), pod().stream()).toList();
                case "execution" -> execution();
                default -> List.of(byName(name));
            };
            group.forEach(w -> selected.putIfAbsent(w.name(), w));
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no workload named in \"" + names + "\": known workloads are "
                    + String.join(", ", BY_NAME.keySet()));
        }
        return List.copyOf(selected.values());
    }

    /** Path in the image of the script of execution workload {@code name}. */
    static String scriptPath(String name) {
        return SCRIPT_DIR + "/" + name + ".sh";
    }

    /**
     * The workloads this host cannot run, each with the reason (the missing program and the Debian
     * package that installs it), in catalogue order; empty when every tool is installed. The workload
     * image holds only the tools the host has, so a run must skip these.
     */
    public static Map<String, String> unavailable() {
        return unavailable(HostTool.missingOnHost());
    }

    static Map<String, String> unavailable(Map<HostTool, String> missingTools) {
        Map<String, String> unavailable = new LinkedHashMap<>();
        for (Workload w : ALL) {
            List<String> reasons = w.requires().stream().map(HostTool::at)
                    .filter(missingTools::containsKey).map(missingTools::get).distinct().toList();
            if (!reasons.isEmpty()) {
                unavailable.put(w.name(), String.join("; ", reasons));
            }
        }
        return Collections.unmodifiableMap(unavailable);
    }

    private static List<Workload> ofKind(WorkloadKind kind) {
        return ALL.stream().filter(w -> w.kind() == kind).toList();
    }

    private static Map<String, Workload> index(List<Workload> workloads) {
        Map<String, Workload> byName = new LinkedHashMap<>();
        for (Workload w : workloads) {
            if (byName.put(w.name(), w) != null) {
                throw new IllegalStateException("two workloads are named " + w.name());
            }
        }
        return byName;
    }

    private static Workload lifecycle(String name, String stresses, List<String> command) {
        return new Workload(name, WorkloadKind.LIFECYCLE, stresses, command, Map.of(), "ms", OutputParser.NONE);
    }

    private static Workload execution(String name, String stresses, String unit, Map<String, Long> sizes,
                                      Function<ScriptOutput, List<Measurement>> measure) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", scriptPath(name)));
        sizes.values().forEach(v -> command.add(Long.toString(v)));
        OutputParser parser = (stdout, stderr) -> measure.apply(ScriptOutput.of(name, stdout, stderr));
        return new Workload(name, WorkloadKind.EXECUTION, stresses, command, sizes, unit, parser);
    }

    /** {@code w} with an untimed setup exec before each sample. */
    private static Workload withSetup(Workload w, List<String> setup, List<String> cleanup) {
        return new Workload(w.name(), w.kind(), w.stresses(), w.command(), w.sizes(), w.unit(), w.parser(), setup,
                cleanup, Optional.empty(), w.requires(), Optional.empty(), w.timeoutSeconds());
    }

    /** An execution workload that runs a standard tool through {@code script} with fixed arguments, then the sizes. */
    private static Workload tool(String name, String stresses, String unit, List<String> scriptAndArgs,
                                 Map<String, Long> sizes, List<HostTool> tools,
                                 BiFunction<ToolOutput, String, List<Measurement>> measure) {
        return tool(name, stresses, unit, scriptAndArgs, sizes, tools, List.of(), List.of(), Optional.empty(), measure);
    }

    private static Workload tool(String name, String stresses, String unit, List<String> scriptAndArgs,
                                 Map<String, Long> sizes, List<HostTool> tools, List<String> setup,
                                 List<String> cleanup, Optional<String> volume,
                                 BiFunction<ToolOutput, String, List<Measurement>> measure) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", SCRIPT_DIR + "/" + scriptAndArgs.get(0)));
        command.addAll(scriptAndArgs.subList(1, scriptAndArgs.size()));
        sizes.values().forEach(v -> command.add(Long.toString(v)));
        OutputParser parser = (stdout, stderr) -> measure.apply(new ToolOutput(name, stdout, stderr), name);
        return new Workload(name, WorkloadKind.EXECUTION, stresses, command, sizes, unit, parser, setup, cleanup,
                volume, tools.stream().map(HostTool::path).toList(), Optional.empty(), 0);
    }

    /** A client timed against a server that setup starts and cleanup stops, both through {@code script}. */
    private static Workload server(String name, String stresses, String unit, String script, String client,
                                   Map<String, Long> sizes, List<HostTool> tools,
                                   BiFunction<ToolOutput, String, List<Measurement>> measure) {
        String path = SCRIPT_DIR + "/" + script;
        return tool(name, stresses, unit, List.of(script, client), sizes, tools, List.of("/bin/sh", path, "start"),
                List.of("/bin/sh", path, "stop"), Optional.empty(), measure);
    }

    /** A fio workload on {@code dir}: the root filesystem, or the volume the harness mounts. */
    private static Workload storage(String mode, String dir, String stresses, String unit, long ms,
                                    BiFunction<ToolOutput, String, List<Measurement>> measure) {
        boolean volume = dir.equals(VOLUME);
        String name = "fio-" + mode + (volume ? "-volume" : "");
        String where = volume ? " (on " + VOLUME + ", a fresh volume the harness mounts)"
                : " (on the container's own root filesystem, " + ROOTFS + ": overlayfs under runc, "
                + "gVisor's gofer-backed root)";
        String fio = SCRIPT_DIR + "/fio.sh";
        return tool(name, "storage: fio " + stresses + where, unit, List.of("fio.sh", mode, dir), sizes("ms", ms),
                List.of(HostTool.FIO), List.of("/bin/sh", fio, "layout", dir), List.of("/bin/sh", fio, "remove", dir),
                volume ? Optional.of(VOLUME) : Optional.empty(), measure);
    }

    private static Map<String, Long> sizes(Object... nameValue) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            sizes.put((String) nameValue[i], ((Number) nameValue[i + 1]).longValue());
        }
        return sizes;
    }

    private static final Pattern DD_IN =
            Pattern.compile("^(\\d+)\\+\\d+ records in$", Pattern.MULTILINE);
    private static final Pattern DD_OUT =
            Pattern.compile("^(\\d+)\\+\\d+ records out$", Pattern.MULTILINE);

    // --- parsers: each checks the tools' own output, then derives its figures from the stamps

    private static Measurement inside(double seconds) {
        return new Measurement("inside-time", seconds, "s", false);
    }





    private static List<Measurement> parseSyscall(ScriptOutput out) {
        out.positive("ms");
        // the script may have asked more than once (a request before dd was ready is lost): the last report counts
        OptionalLong in = lastCount(DD_IN.matcher(out.stderr()));
        OptionalLong written = lastCount(DD_OUT.matcher(out.stderr()));
        if (in.isEmpty() || written.isEmpty()) {
            throw out.reject("no record counts from dd: it did not answer SIGUSR1");
        }
        long calls = in.getAsLong() + written.getAsLong();
        if (calls < 1) {
            throw out.reject("dd copied nothing");
        }
        double s = out.seconds();
        return List.of(new Measurement("syscall-time", s * 1e9 / calls, "ns", false), inside(s));
    }

    private static OptionalLong lastCount(Matcher m) {
        OptionalLong last = OptionalLong.empty();
        while (m.find()) {
            last = OptionalLong.of(Long.parseLong(m.group(1)));
        }
        return last;
    }

    private static List<Measurement> parseProcess(ScriptOutput out) {
        out.positive("ms");
        long count = out.positive("count");
        double s = out.seconds();
        return List.of(new Measurement("spawn-time", s * 1e6 / count, "us", false), inside(s));
    }

    private static List<Measurement> parseFileRead(ScriptOutput out) {
        long mib = out.positive("mib");
        long passes = out.positive("passes");
        long[][] each = new long[Math.toIntExact(passes)][];
        for (int i = 0; i < each.length; i++) {
            each[i] = new long[] {mib, mib};
        }
        out.expectDd(each);
        double s = out.seconds();
        return List.of(new Measurement("read-throughput", mib * passes / s, "MiB/s", true), inside(s));
    }

    private static List<Measurement> parseFilesSmall(ScriptOutput out) {
        long count = out.positive("count");
        out.expect("listed", count);
        double s = out.seconds();
        return List.of(new Measurement("file-time", s * 1e6 / count, "us", false), inside(s));
    }



}
