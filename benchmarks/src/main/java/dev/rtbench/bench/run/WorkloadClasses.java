package dev.rtbench.bench.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each workload measures, by class, and the one workload per class that the default run measures.
 *
 * <p>Why a default set: every comparison a run claims needs blocks before Holm's correction can pass it (with m
 * primary comparisons, n blocks with {@code 2/2^n x m < 0.05}). All 32 workloads need 11 blocks, about 7 minutes of
 * rounds on our 2-core machine and 12 on one 1.7x slower, before anything is added for precision; ten workloads,
 * one per class, need 9 blocks of two fifths of the cost (12.4 of the 29.8 s timed in a round of the published
 * default run of 2026-11-29). So the main job measures one primary workload per class
 * and finishes conclusive within 10 minutes on a slow machine too; {@code --workloads all} and the {@code full}
 * profile measure everything.
 *
 * <p>Each pick is the class's standard tool at its headline figure, and the cheaper where two are alike: container
 * start for the lifecycle (what the other phases add up around), sysbench cpu on one thread, sysbench memory with
 * 1 MiB blocks, stress-ng's null system call, stress-ng fork, small files, fio random 4 KiB reads and writes (IOPS),
 * iperf3 over loopback, density (PSS per idle container) and a burst of 4 concurrent starts.
 */
public final class WorkloadClasses {

    /** Each class with its workloads (pod phases and bursts matched by prefix). */
    static final Map<String, List<String>> CLASSES = classes();

    /** The default run's workloads, one per class, in the order of {@link #CLASSES}. */
    public static final List<String> DEFAULT = List.of("start", "cpu-single", "memory-1m", "syscall-null", "fork",
            "files-small", "fio-random", "tcp-throughput", HostWorkloads.DENSITY, HostWorkloads.BURST + "-4");

    private WorkloadClasses() {}

    private static Map<String, List<String>> classes() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("lifecycle", List.of("create", "start", "wait", "stop", "remove", "run", "first-output", "exec"));
        m.put("CPU", List.of("cpu-single", "cpu-all"));
        m.put("memory", List.of("memory-1k", "memory-1m"));
        m.put("system calls", List.of("syscall-null", "syscall"));
        m.put("processes", List.of("fork", "process", "context-switch", "hackbench"));
        m.put("files", List.of("files-small", "file-read"));
        m.put("storage", List.of("fio-random", "fio-sequential", "fio-fsync", "fio-random-volume",
                "fio-sequential-volume", "fio-fsync-volume"));
        m.put("network", List.of("tcp-throughput", "http", "redis"));
        m.put("density", List.of(HostWorkloads.DENSITY));
        m.put("bursts", List.of());
        return m;
    }

    /** The class of a workload; {@code other} for the user's own. */
    public static String of(String workload) {
        if (workload.startsWith("pod-")) {
            return "lifecycle";
        }
        if (HostWorkloads.isBurst(workload)) {
            return "bursts";
        }
        return CLASSES.entrySet().stream().filter(e -> e.getValue().contains(workload)).map(Map.Entry::getKey)
                .findFirst().orElse("other");
    }
}
