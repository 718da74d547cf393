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
 * @param capped    whether the budget is the user's own ({@code --budget}): a hard cap, met by measuring fewer
 *                  workloads when the minimum rounds do not fit. Otherwise the budget bounds only the rounds added
 *                  for precision, and a slow machine takes longer to reach the minimum ({@link Sampling})
 * @param warmups   whether the first sample of each workload under each runtime is a discarded warm-up
 */
public record Profile(String name, int minRounds, int maxRounds, double target, Duration budget, double scale,
        boolean capped, boolean warmups) {

    /** A profile with warm-ups whose budget is not a hard cap. */
    public Profile(String name, int minRounds, int maxRounds, double target, Duration budget, double scale) {
        this(name, minRounds, maxRounds, target, budget, scale, false, true);
    }

    public Profile {
        if (minRounds < 1 || maxRounds < minRounds) {
            throw new IllegalArgumentException("rounds must satisfy 1 <= min <= max, got " + minRounds + ".." + maxRounds);
        }
    }

    /**
     * For CI: every workload in two blocks (A B, then B A), at a twentieth of its size. With density and a burst
     * in every run, a first round took 91 s on 2 cores while two builds ran: 3 minutes fitted only one round.
     * No warm-ups: a smoke run shows that everything runs, and its figures decide nothing (two blocks cannot pass
     * a test). A warm-up of an in-container workload costs what its sample does (two or three execs of 0.1-0.3 s
     * each, whatever the size), so warm-ups were a third to a half of every smoke run.
     */
    public static final Profile SMOKE = new Profile("smoke", 2, 2, 0.5, Duration.ofMinutes(4), 0.05, false, false);
    /**
     * The default. At least 6 rounds (the fewest with which a paired 95% interval exists), and as many more as the
     * run's primary comparisons need to pass Holm's correction (9 for the default set of ten workloads against
     * one baseline, 11 for all 32): {@link Sampling} plans them after the first round. Rounds beyond are added only
     * for workloads whose intervals are wider than +-5%, while 8 minutes of measuring allow, which with the
     * set-up keeps the whole run within 10. At scale 0.25 the work-bounded tools, fio's phases and the busybox
     * loops run a quarter of their size, while iperf3 and wrk keep their 1 s floor.
     */
    public static final Profile QUICK = new Profile("quick", 6, 40, 0.05, Duration.ofMinutes(8), 0.25);
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

    /** This profile with the user's budget ({@code --budget}), a hard cap. */
    public Profile withBudget(Duration other) {
        return new Profile(name, minRounds, maxRounds, target, other, scale, true, warmups);
    }

    /**
     * This profile with exactly {@code n} rounds ({@code --rounds}) and no budget: bounded by work, not by time,
     * for a machine whose speed nobody knows beforehand. {@link #withBudget} after it caps it again.
     */
    public Profile withRounds(int n) {
        return new Profile(name, n, n, target, UNBOUNDED, scale, false, warmups);
    }

    /** No budget: a century, as a {@link Duration} that sums with a run's time without overflowing. */
    private static final Duration UNBOUNDED = Duration.ofDays(36_500);

    /** This profile with another target ({@code --target}). */
    public Profile withTarget(double other) {
        return new Profile(name, minRounds, maxRounds, other, budget, scale, capped, warmups);
    }
}
