package dev.rtbench.bench.run;

import java.util.Locale;

/**
 * How much a run measures. Every runtime gets the same counts; the rounds interleave runtimes so drift of a
 * shared machine hits each alike.
 *
 * @param rounds                interleaving rounds: each runtime runs once per round, in a shuffled order
 * @param forks                 JMH forks per step
 * @param warmup                warm-up iterations per fork (not samples)
 * @param lifecycleMeasurements samples per fork of each lifecycle phase (one container each)
 * @param execMeasurements      samples per fork of each workload run inside a container
 * @param scale                 factor on the execution workloads' sizes (identical for every runtime)
 */
public record Profile(
        String name, int rounds, int forks, int warmup, int lifecycleMeasurements, int execMeasurements, double scale) {

    /** For CI: every workload once or twice, at a twentieth of its size. */
    public static final Profile SMOKE = new Profile("smoke", 1, 1, 0, 2, 1, 0.05);
    /**
     * The default: a comparison in under ten minutes on a 2-core machine. Eight samples per runtime is the least
     * with which an exact Mann-Whitney test can still reach p < 0.05 after Holm's correction over the ~35
     * comparisons of a two-runtime run (smallest p for 8 vs 8 is 1.6e-4); gVisor's syscall and HTTP workloads
     * take ~10 s a sample under ptrace, which is what bounds the count.
     */
    public static final Profile QUICK = new Profile("quick", 2, 1, 1, 8, 4, 1.0);
    /** Enough samples for publication. */
    public static final Profile FULL = new Profile("full", 5, 1, 1, 20, 6, 1.0);

    public static Profile named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "smoke" -> SMOKE;
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("unknown profile \"" + name + "\": use smoke, quick or full");
        };
    }
}
