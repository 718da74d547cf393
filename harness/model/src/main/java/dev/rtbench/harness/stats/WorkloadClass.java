package dev.rtbench.harness.stats;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each workload measures, by class: lifecycle, CPU, memory, system calls, processes, files, storage, network,
 * density and bursts. The run's default set picks one workload per class (the benchmarks' {@code WorkloadClasses});
 * the report's decision summary and headline chart group the primary comparisons by the same classes, in this
 * order, so that a reader finds a class in the same place in every run.
 */
public final class WorkloadClass {

    /** Each class with its workloads, the class's standard pick first (pod phases and bursts matched by prefix). */
    public static final Map<String, List<String>> CLASSES = classes();

    /** The class of the user's own workloads. */
    public static final String OTHER = "other";

    private WorkloadClass() {}

    private static Map<String, List<String>> classes() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("lifecycle", List.of("start", "create", "wait", "stop", "remove", "run", "first-output", "exec"));
        m.put("CPU", List.of("cpu-single", "cpu-all"));
        m.put("memory", List.of("memory-1m", "memory-1k"));
        m.put("system calls", List.of("syscall-null", "syscall"));
        m.put("processes", List.of("fork", "process", "context-switch", "hackbench"));
        m.put("files", List.of("files-small", "file-read"));
        m.put("storage", List.of("fio-random", "fio-sequential", "fio-fsync", "fio-random-volume",
                "fio-sequential-volume", "fio-fsync-volume"));
        m.put("network", List.of("tcp-throughput", "http", "redis"));
        m.put("density", List.of("density"));
        m.put("bursts", List.of());
        return Collections.unmodifiableMap(m);
    }

    /** The class of a workload; {@link #OTHER} for the user's own. */
    public static String of(String workload) {
        if (workload.startsWith("pod-")) {
            return "lifecycle";
        }
        if (workload.matches("burst-[1-9][0-9]*")) {
            return "bursts";
        }
        return CLASSES.entrySet().stream().filter(e -> e.getValue().contains(workload)).map(Map.Entry::getKey)
                .findFirst().orElse(OTHER);
    }

    /**
     * Where a workload sorts among others: by class in the order above (the user's own last), then by its place
     * in its class's list (pod phases and bursts after the listed ones, by name).
     */
    public static int[] rank(String workload) {
        String cls = of(workload);
        List<String> names = List.copyOf(CLASSES.keySet());
        int c = cls.equals(OTHER) ? names.size() : names.indexOf(cls);
        List<String> members = CLASSES.getOrDefault(cls, List.of());
        int i = members.indexOf(workload);
        return new int[] {c, i < 0 ? members.size() : i};
    }
}
