package dev.rtbench.workloads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The catalogue of workloads, and the fixed commands the harness needs around them.
 *
 * <p>Sizes were chosen on a 2-core shared x86-64 machine (Debian 12, dockerd 20.10, runc 1.1.5,
 * runsc 20221219 on the ptrace platform) so each execution workload runs at least ~0.3 s under
 * runc at scale 1.0 (except {@code syscall}, see there). The timings by each size are "inside"
 * times, between the script's own t0 and t1 stamps, of three interleaved runs each, taken while
 * other builds kept the load average at 3-6 on the two cores: they vary a lot.
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

            // --- execution: scripts exec'd into a container running IDLE_COMMAND
            // cpu 128 MiB: runc 0.61-0.64 s (1.13-1.27 s while the machine was busier), runsc 1.5-2.6 s
            execution("cpu", "CPU: SHA-256 (busybox sha256sum) of a fixed stream of zeros piped from dd; "
                    + "sha256sum reads 4 KiB at a time, so some system-call cost shows under gVisor's ptrace platform",
                    "MiB/s", sizes("mib", 128), Workloads::parseCpu),
            // syscall 125000 (2 x 125000 system calls): runc ~0.07 s. Below the 0.3 s target under runc on
            // purpose: under gVisor's ptrace platform a system call cost 17.5 us in one quick run and
            // 49 us in another on this machine (bimodal, tight within each run), so 250000 took 8.8 s or
            // 24.7 s a sample and pushed the quick profile past its 10 minutes. Read the per-syscall
            // figure (the script's own clock): the exec around it costs runc ~40 ms, a fixed part of its time.
            execution("syscall", "system-call overhead: dd copying one byte at a time from /dev/zero to "
                    + "/dev/null, two trivial system calls per byte", "ns", sizes("count", 125_000),
                    Workloads::parseSyscall),
            // process 800: runc 0.37-0.43 s, runsc 3.2-3.8 s
            execution("process", "process creation: fork, execve of the static busybox as /bin/true, exit "
                    + "and wait, in a loop of busybox sh", "us", sizes("count", 800), Workloads::parseProcess),
            // file-write 768 MiB: runc 0.32 s (2.0 s for the first write in a new container), runsc 0.36-0.39 s;
            // 256 MiB took runc only 0.11 s once the first write was done
            execution("file-write", "file writes on the container's own root filesystem (overlayfs under "
                    + "runc, gVisor's gofer-backed root; not /tmp, a tmpfs under gVisor): dd of 1 MiB blocks "
                    + "ended by fsync (conv=fsync); whether the fsync reaches the disk depends on the runtime",
                    "MiB/s", sizes("mib", 768), Workloads::parseFileWrite),
            // file-read 256 MiB x 32 passes: runc 0.36-0.39 s, runsc 0.81-0.86 s
            execution("file-read", "file reads on the container's own root filesystem: dd of 1 MiB blocks "
                    + "over a file the script wrote first, several passes; the page cache cannot be dropped "
                    + "inside a container, so this is the cached read path (host page cache under runc, "
                    + "the sentry's cache under gVisor), not the disk", "MiB/s", sizes("mib", 256, "passes", 32),
                    Workloads::parseFileRead),
            // files-small 2000: runc 0.78-1.97 s (~0.45 s on a quieter machine), runsc 2.2-3.4 s
            execution("files-small", "metadata operations on the container's own root filesystem: create "
                    + "and write, stat, list, remove many small files (shell builtins, one rm -r)", "us",
                    sizes("count", 2000), Workloads::parseFilesSmall),
            // memory 160 blocks (5 GiB): runc 0.37-0.40 s, runsc 0.29-0.33 s
            execution("memory", "memory bandwidth: dd filling a 32 MiB buffer from /dev/zero and copying "
                    + "it (memcpy, because ibs != obs) into a 16 MiB buffer, one read per 32 MiB",
                    "MiB/s", sizes("blocks", 160), Workloads::parseMemory),
            // net-throughput 2048 MiB: runc 0.44-0.70 s, runsc 0.45-0.87 s
            execution("net-throughput", "TCP throughput over loopback inside the container (gVisor: its "
                    + "own netstack, not the host's): dd to dd over one connection set up by busybox nc -e, "
                    + "1 MiB writes and reads", "MiB/s", sizes("mib", 2048), Workloads::parseNetThroughput),
            // net-latency 1500: runc 0.34-0.68 s, runsc 6.8-10.4 s
            execution("net-latency", "request latency over loopback inside the container: sequential small "
                    + "HTTP GETs by one busybox wget, each on a new TCP connection, to busybox httpd, which "
                    + "forks a child per connection (so process creation is part of each request)", "us",
                    sizes("count", 1500), Workloads::parseNetLatency));

    private static final Map<String, Workload> BY_NAME = index(ALL);

    private Workloads() {
    }

    /** Every workload: lifecycle first, then execution, in a fixed order. */
    public static List<Workload> all() {
        return ALL;
    }

    public static List<Workload> lifecycle() {
        return ofKind(WorkloadKind.LIFECYCLE);
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
                case "all" -> all();
                case "lifecycle" -> lifecycle();
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

    private static Map<String, Long> sizes(Object... nameValue) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            sizes.put((String) nameValue[i], ((Number) nameValue[i + 1]).longValue());
        }
        return sizes;
    }

    // --- parsers: each checks the tools' own output, then derives its figures from the stamps

    private static Measurement inside(double seconds) {
        return new Measurement("inside-time", seconds, "s", false);
    }

    private static List<Measurement> parseCpu(ScriptOutput out) {
        long mib = out.positive("mib");
        out.expectDd(new long[] {mib, mib});
        out.expectLine("sha256sum digest", "[0-9a-f]{64}  -");
        double s = out.seconds();
        return List.of(new Measurement("hash-throughput", mib / s, "MiB/s", true), inside(s));
    }

    private static List<Measurement> parseSyscall(ScriptOutput out) {
        long count = out.positive("count");
        out.expectDd(new long[] {count, count});
        double s = out.seconds();
        return List.of(new Measurement("syscall-time", s * 1e9 / (2.0 * count), "ns", false), inside(s));
    }

    private static List<Measurement> parseProcess(ScriptOutput out) {
        long count = out.positive("count");
        out.expect("spawned", count);
        double s = out.seconds();
        return List.of(new Measurement("spawn-time", s * 1e6 / count, "us", false), inside(s));
    }

    private static List<Measurement> parseFileWrite(ScriptOutput out) {
        long mib = out.positive("mib");
        out.expectDd(new long[] {mib, mib});
        out.expect("bytes", mib * 1024 * 1024);
        double s = out.seconds();
        return List.of(new Measurement("write-throughput", mib / s, "MiB/s", true), inside(s));
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

    private static List<Measurement> parseMemory(ScriptOutput out) {
        long blocks = out.positive("blocks");
        long blockMib = out.positive("block_mib");
        // ibs is twice obs: each input block leaves as two output blocks
        out.expectDd(new long[] {blocks, 2 * blocks});
        double s = out.seconds();
        return List.of(new Measurement("copy-throughput", blocks * blockMib / s, "MiB/s", true), inside(s));
    }

    private static List<Measurement> parseNetThroughput(ScriptOutput out) {
        long mib = out.positive("mib");
        out.expectDd(new long[] {mib, mib});
        // the receiver's own count, not the sender's, proves the data arrived
        out.expectLine("receiver's dd summary of " + mib + " MiB", "receiver: " + mib + "\\+0 records in");
        double s = out.seconds();
        return List.of(new Measurement("tcp-throughput", mib / s, "MiB/s", true), inside(s));
    }

    private static List<Measurement> parseNetLatency(ScriptOutput out) {
        long count = out.positive("count");
        out.expect("answered", count);
        double s = out.seconds();
        return List.of(new Measurement("request-time", s * 1e6 / count, "us", false), inside(s));
    }
}
