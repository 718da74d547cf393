package dev.rtbench.bench.run;

import java.time.Duration;
import java.util.Locale;

/**
 * How much a run measures. Every runtime gets the same counts: a round is one counterbalanced block per workload
 * ({@link RunPlan}), in which each runtime gives one sample.
 *
 * <p>Sampling is adaptive: after {@code minRounds} rounds the run adds rounds until every comparison's ratio
 * interval is narrower than {@code target} (half-width relative to the ratio), {@code maxRounds} is reached, or
 * the next round would not fit in {@code budget}. The decision looks at interval widths only, never at
 * p-values or at which runtime is ahead, so stopping early does not make differences look larger or more
 * significant than they are.
 *
 * @param minRounds rounds always run: enough blocks for a within-block test to reach significance after Holm
 * @param maxRounds rounds at most
 * @param target    the wanted half-width of each ratio interval, relative to the ratio (0.05 = +-5%)
 * @param budget    measuring time after which no new round starts
 * @param scale     factor on the execution workloads' sizes (identical for every runtime); the time-bounded tools
 *                  run 2 s at 1.0 and never below 1 s
 */
public record Profile(String name, int minRounds, int maxRounds, double target, Duration budget, double scale) {

    public Profile {
        if (minRounds < 1 || maxRounds < minRounds) {
            throw new IllegalArgumentException("rounds must satisfy 1 <= min <= max, got " + minRounds + ".." + maxRounds);
        }
    }

    /**
     * For CI: every workload in two blocks (A B, then B A), at a twentieth of its size. With density and a burst
     * in every run, a first round took 91 s on 2 cores while two builds ran: 3 minutes fitted only one round.
     */
    public static final Profile SMOKE = new Profile("smoke", 2, 2, 0.5, Duration.ofMinutes(4), 0.05);
    /**
     * The default. Twelve rounds give 12 blocks per comparison, the fewest with which the within-block signed-rank
     * test can reach p below 0.05 after Holm over the run's ~100 comparisons (2/2^12 x 97 = 0.047). With 29
     * workloads, density and two bursts, a round took 44 s at scale 0.35 on this 2-core machine (the first 73 s,
     * with its warm-ups): 9 minutes fitted only 11 rounds. At scale 0.25 the work-bounded tools, fio's phases
     * and the busybox loops shrink by a third, while iperf3 and wrk keep their 1 s floor. The budget of 9
     * minutes of measuring keeps the whole run within 10; rounds after the twelfth are added only while
     * intervals are wider than +-5% and the budget allows.
     */
    public static final Profile QUICK = new Profile("quick", 12, 40, 0.05, Duration.ofSeconds(540), 0.25);
    /** For publication: at least 20 blocks, intervals of +-2% where the machine allows, up to 40 minutes. */
    public static final Profile FULL = new Profile("full", 20, 100, 0.02, Duration.ofMinutes(40), 1.0);

    public static Profile named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "smoke" -> SMOKE;
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("unknown profile \"" + name + "\": use smoke, quick or full");
        };
    }

    /** This profile with another budget ({@code --budget}). */
    public Profile withBudget(Duration other) {
        return new Profile(name, minRounds, maxRounds, target, other, scale);
    }

    /**
     * This profile with exactly {@code n} rounds ({@code --rounds}) and no budget: bounded by work, not by time,
     * for a machine whose speed nobody knows beforehand. {@link #withBudget} after it caps it again.
     */
    public Profile withRounds(int n) {
        return new Profile(name, n, n, target, UNBOUNDED, scale);
    }

    /** No budget: a century, as a {@link Duration} that sums with a run's time without overflowing. */
    private static final Duration UNBOUNDED = Duration.ofDays(36_500);

    /** This profile with another target ({@code --target}). */
    public Profile withTarget(double other) {
        return new Profile(name, minRounds, maxRounds, other, budget, scale);
    }
}
