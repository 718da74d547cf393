package dev.rtbench.bench.run;

import dev.rtbench.harness.stats.WorkloadClass;
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

    /** Each class with its workloads: the library's, which the report groups by. */
    static final Map<String, List<String>> CLASSES = WorkloadClass.CLASSES;

    /** The default run's workloads, one per class, in the order of {@link #CLASSES}. */
    public static final List<String> DEFAULT = List.of("start", "cpu-single", "memory-1m", "syscall-null", "fork",
            "files-small", "fio-random", "tcp-throughput", HostWorkloads.DENSITY, HostWorkloads.BURST + "-4");

    private WorkloadClasses() {}

    /** The class of a workload; {@code other} for the user's own. */
    public static String of(String workload) {
        return WorkloadClass.of(workload);
    }
}
