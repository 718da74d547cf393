package dev.rtbench.workloads;

import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.Phase;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The catalogue of workloads, and the fixed commands the harness needs around them.
 *
 * <p>The execution workloads are described by section, in the catalogue's order: {@code ComputeWorkloads}
 * (CPU, memory, system calls, scheduling), {@code StorageWorkloads}, {@code NetworkWorkloads} and
 * {@code BusyboxWorkloads} (with {@code ScriptParsers}), one descriptor per workload with the sizes measured for
 * it in a comment beside it: read side by side within a section they show what each workload costs under each
 * runtime. This class holds the lifecycle and pod phases and is where callers look workloads up.
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

    /** What the container that execution workloads are exec'd into runs: {@link Phase#IDLE_SCRIPT}. */
    public static final List<String> IDLE_COMMAND = List.of("/bin/sh", "-c", Phase.IDLE_SCRIPT);

    /**
     * Run in a container to tell which runtime it runs under: the kernel release ({@code 4.4.0}
     * under gVisor, the host's under runc) and the first kernel log lines (gVisor's start with
     * {@code Starting gVisor...}; under runc dmesg is denied and prints nothing).
     * See {@code src/test/resources/captured/<runtime>/proof.out}.
     */
    public static final List<String> PROOF_COMMAND =
            List.of("/bin/sh", "-c", "uname -r; dmesg 2>/dev/null | head -n 3; true");

    /** The line the {@code first-output} workload's container prints first. */
    public static final String FIRST_OUTPUT_LINE = Phase.FIRST_LINE;

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

    // --- lifecycle: a fresh container per sample, each step timed alone by the harness; every phase dockerd has
    private static final List<Workload> LIFECYCLE = Arrays.stream(Phase.values()).filter(p -> p.through(Arm.DOCKER))
            .map(Workloads::phase).toList();

    /*
     * --- execution: exec'd into a container running IDLE_COMMAND; setup and cleanup are separate untimed execs, in
     * the catalogue's order of sections. Times in their comments: the whole timed docker exec at scale 1.0, runc /
     * runsc 20221219 (ptrace), on the 2-core shared machine of the class comment, 2026-11-29.
     */
    private static final List<Workload> ALL = List.copyOf(Stream.of(LIFECYCLE, ComputeWorkloads.WORKLOADS,
            StorageWorkloads.WORKLOADS, NetworkWorkloads.WORKLOADS, BusyboxWorkloads.WORKLOADS)
            .flatMap(List::stream).toList());

    /*
     * The pod phases only a CRI server has (a pod is what a kubelet runs; dockerd has no pods). They are not in
     * all(), which every engine can measure: a run through CRI adds them.
     */
    private static final List<Workload> POD = Arrays.stream(Phase.values()).filter(p -> !p.through(Arm.DOCKER))
            .map(Workloads::phase).toList();

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

    /** A phase's workload: its name and text are the phase's ({@link Phase}), its command {@link #commandOf}. */
    private static Workload phase(Phase p) {
        return new Workload(p.label(), WorkloadKind.LIFECYCLE, p.stresses(), commandOf(p), Map.of(), "ms",
                OutputParser.NONE);
    }

    /**
     * What a phase's container runs: an idle shell where the phase stops a running container or starts a pod
     * around one, its first line where the phase waits for it, and {@code /bin/true} for any other phase.
     */
    static List<String> commandOf(Phase p) {
        return switch (p) {
            case STOP, POD_SANDBOX_START, POD_STOP -> IDLE_COMMAND;
            case FIRST_OUTPUT, POD_FIRST_OUTPUT -> List.of("/bin/echo", FIRST_OUTPUT_LINE);
            default -> TRUE;
        };
    }
}
