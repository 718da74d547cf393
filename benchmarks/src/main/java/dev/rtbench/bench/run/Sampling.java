package dev.rtbench.bench.run;

import dev.rtbench.harness.stats.RankTest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * How many rounds a run measures, and of which workloads.
 *
 * <p><b>The plan.</b> After the first round the run knows what a round costs on this machine. It needs at least
 * as many blocks as let its primary comparisons pass Holm's correction ({@link RankTest#fewestBlocks}),
 * and says at once how many rounds that is, how long they will take and when they will end. When they do not fit
 * the profile's budget, it makes a choice and says which: by default it <b>takes longer</b>, because a run that
 * stops short of those blocks cannot decide anything and a user would have to rerun it anyway; the user who gave
 * {@code --budget} gets a hard cap instead, met by <b>measuring fewer workloads</b> (the last in the run's order
 * go first) so that the ones kept are conclusive. {@code --rounds N} runs exactly N rounds and says when N is too
 * few.
 *
 * <p><b>Sampling where it is needed.</b> Beyond the minimum, a workload whose primary comparisons reached the
 * profile's precision target stops being sampled, after a whole cycle of its orders so its blocks stay
 * counterbalanced; later rounds go to the workloads that still need them, while the budget allows. The decision
 * looks at interval widths only, never at p-values.
 */
final class Sampling {

    static final double ALPHA = 0.05;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /**
     * What to do after a round.
     *
     * @param next the workloads the next round measures
     * @param stop why the run stops now, or null to go on
     * @param said what the run says about it: printed, and kept in the run's notes
     */
    record Step(Set<String> next, String stop, List<String> said) {}

    private final Profile profile;
    private final ToIntFunction<String> cycle;
    private final Instant started;
    private final Set<String> active;
    private final List<String> order;
    private final Map<String, Duration> wall = new LinkedHashMap<>();
    /** a workload's first block here: its wall time, and that less the warm-ups it ran (later blocks have none) */
    private final Map<String, Duration> firstWall = new LinkedHashMap<>();
    private final Map<String, Duration> first = new LinkedHashMap<>();
    /** per round measured here, its time outside blocks (the host reference, the precision after each round) */
    private final List<Duration> outside = new ArrayList<>();
    private final Map<String, Double> timedMs = new LinkedHashMap<>();
    private final Map<String, Integer> blocks = new LinkedHashMap<>();
    /** blocks measured by this process: a resumed run's earlier blocks count in {@link #blocks} only */
    private final Map<String, Integer> here = new LinkedHashMap<>();
    private int minRounds;
    private boolean planned;
    private Duration plannedEnd = Duration.ZERO;

    /**
     * @param workloads the run's workloads, in its order
     * @param cycle     blocks in one whole cycle of a workload's orders ({@link RunPlan#cycle})
     * @param started   when measuring began, for the ETA
     */
    Sampling(Profile profile, List<String> workloads, ToIntFunction<String> cycle, Instant started) {
        this.profile = profile;
        this.cycle = cycle;
        this.started = started;
        this.order = List.copyOf(workloads);
        this.active = new LinkedHashSet<>(workloads);
        this.minRounds = profile.minRounds();
    }

    Set<String> active() {
        return Set.copyOf(active);
    }

    /**
     * One block measured: its wall time, the time its samples spent inside timed operations, and the wall time of
     * the warm-ups it ran before its samples (a workload's first block under each runtime).
     */
    void block(String workload, Duration took, double timed, Duration warmups) {
        Duration priced = took.minus(warmups);
        firstWall.putIfAbsent(workload, took);
        first.putIfAbsent(workload, priced.isNegative() ? Duration.ZERO : priced);
        wall.merge(workload, took, Duration::plus);
        timedMs.merge(workload, timed, Double::sum);
        blocks.merge(workload, 1, Integer::sum);
        here.merge(workload, 1, Integer::sum);
    }

    private boolean exact() {
        return profile.minRounds() == profile.maxRounds();
    }

    /** Time a round spent outside its blocks: the host reference, and the precision computed after a round. */
    void outside(Duration d) {
        outside.add(d);
    }

    /**
     * What one round of {@code these} workloads costs here: each one's mean block after its first, or its first
     * less the warm-ups it ran (timed apart: {@link BenchmarkListener}), and the mean time of a round outside its
     * blocks.
     */
    Duration roundCost(Iterable<String> these) {
        Duration d = outside.isEmpty() ? Duration.ZERO : outside.stream().reduce(Duration.ZERO, Duration::plus)
                .dividedBy(outside.size());
        for (String w : these) {
            Integer n = here.get(w);
            if (n == null || n == 0) {
                continue;
            }
            d = d.plus(n == 1 ? first.get(w) : wall.get(w).minus(firstWall.get(w)).dividedBy(n - 1));
        }
        return d;
    }

    /**
     * After round {@code done} (counted from 1), {@code spent} into measuring, with each primary comparison's
     * precision.
     */
    Step afterRound(int done, Duration spent, List<Precision.Width> widths) {
        List<String> said = new ArrayList<>();
        if (!planned && active.stream().allMatch(here::containsKey)) {
            // once each workload's block has a price here: a resumed run's first round may be the rest of one
            planned = true;
            said.addAll(plan(done, spent, widths));
            plannedEnd = spent.plus(roundCost(active).multipliedBy(Math.max(0, minRounds - done)));
        } else if (done == 2 && minRounds > done) {
            // the first plan priced a round from first blocks, which may hold one-off costs besides their warm-ups
            Duration perRound = roundCost(active);
            Duration end = spent.plus(perRound.multipliedBy(minRounds - done));
            if (Math.abs(end.toMillis() - plannedEnd.toMillis()) > plannedEnd.toMillis() / 10) {
                said.add(String.format(Locale.ROOT, "plan revised: a round takes %s here, so the %d rounds end about"
                        + " %s from now%s", Progress.fmt(perRound), minRounds, Progress.fmt(end.minus(spent)),
                        eta(spent, perRound, minRounds - done)));
            }
        }
        if (done >= profile.maxRounds()) {
            return new Step(active(), "the profile's last round (" + profile.maxRounds() + ")", said);
        }
        Duration next = roundCost(active);
        boolean overBudget = spent.plus(next).compareTo(profile.budget()) > 0;
        if (done < minRounds) {
            if (overBudget && profile.capped()) {
                return new Step(active(), "the budget of " + Progress.fmt(profile.budget()) + " (--budget) would be"
                        + " spent by another round, before the " + minRounds + " rounds planned", said);
            }
            return new Step(active(), null, said);
        }
        if (!exact()) {
            said.addAll(dropReached(widths));
            if (active.isEmpty()) {
                return new Step(active(), "every primary comparison reached its precision target", said);
            }
            next = roundCost(active);
            overBudget = spent.plus(next).compareTo(profile.budget()) > 0;
        }
        if (overBudget) {
            return new Step(active(), "the budget of " + Progress.fmt(profile.budget()) + " would be spent by another"
                    + " round", said);
        }
        return new Step(active(), null, said);
    }

    /** Stops sampling each workload whose primary comparisons reached the target, after a whole cycle of orders. */
    private List<String> dropReached(List<Precision.Width> widths) {
        List<String> said = new ArrayList<>();
        for (String w : List.copyOf(active)) {
            List<Precision.Width> own = widths.stream().filter(x -> x.workload().equals(w)).toList();
            if (!own.isEmpty() && Precision.allReached(own) && blocks.getOrDefault(w, 0) % cycle.applyAsInt(w) == 0) {
                active.remove(w);
                said.add(w + ": its primary comparisons reached +-" + percent(profile.target()) + " after "
                        + blocks.get(w) + " blocks; not sampled further");
            }
        }
        return said;
    }

    /**
     * A block that an earlier part of a resumed run measured ({@link RunResume}): it counts towards its workload's
     * cycle, but its wall time is not known, so the round's cost is priced from this part's blocks alone.
     */
    void replayed(String workload) {
        blocks.merge(workload, 1, Integer::sum);
    }

    /**
     * Replays the decision after round {@code done} of an earlier part of a resumed run, which measured
     * {@code measured}: the same rule on the same samples, with no budget (a run that its budget stopped ended
     * complete, and is not resumed). The plan is made again after the first round of the new part, when its cost
     * is known. Returns the workloads of the next round.
     */
    Set<String> replayRound(int done, Set<String> measured, List<Precision.Width> widths) {
        active.retainAll(measured);
        minRounds = exact() ? profile.minRounds()
                : Math.max(profile.minRounds(), RankTest.fewestBlocks(widths.size(), ALPHA));
        if (done >= minRounds && !exact() && done < profile.maxRounds()) {
            dropReached(widths);
        }
        return active();
    }

    /** The plan, made once a round's cost is known. */
    private List<String> plan(int done, Duration spent, List<Precision.Width> widths) {
        List<String> said = new ArrayList<>();
        int comparisons = widths.size();
        int needed = RankTest.fewestBlocks(comparisons, ALPHA);
        Duration perRound = roundCost(active);
        if (exact()) {
            minRounds = profile.minRounds();
            said.add(String.format(Locale.ROOT, "plan: %d rounds as asked (--rounds); a round takes %s here, so"
                    + " about %s more%s", minRounds, Progress.fmt(perRound), Progress.fmt(perRound.multipliedBy(
                    Math.max(0, minRounds - done))), eta(spent, perRound, minRounds - done))
                    + (minRounds < needed ? "; fewer than the " + needed + " blocks with which " + comparisons
                    + " primary comparisons can pass Holm's correction: their verdicts will say not testable" : ""));
            return said;
        }
        minRounds = Math.max(profile.minRounds(), needed);
        Duration rest = perRound.multipliedBy(Math.max(0, minRounds - done));
        // a run of one runtime has nothing to compare: its minimum is the profile's
        String why = comparisons == 0 ? "the profile's minimum: one runtime, nothing to compare"
                : String.format(Locale.ROOT, "%d blocks let %d primary comparisons pass Holm's correction", needed,
                comparisons);
        if (spent.plus(rest).compareTo(profile.budget()) <= 0) {
            said.add(String.format(Locale.ROOT, "plan: at least %d rounds (%s); a round takes %s here, so about %s"
                    + " more%s; after them, rounds only for the workloads whose intervals are wider than +-%s, while"
                    + " the budget of %s allows", minRounds, why, Progress.fmt(perRound), Progress.fmt(rest),
                    eta(spent, perRound, minRounds - done), percent(profile.target()),
                    Progress.fmt(profile.budget())));
            return said;
        }
        if (!profile.capped()) {
            said.add(String.format(Locale.ROOT, "plan: taking longer than the budget of %s: %d rounds are needed (%s)"
                    + " and a round takes %s here, so about %s more%s. A run stopped short of them could not"
                    + " decide anything; to cap the time instead, give --budget, and the run measures fewer"
                    + " workloads", Progress.fmt(profile.budget()), minRounds, why, Progress.fmt(perRound),
                    Progress.fmt(rest), eta(spent, perRound, minRounds - done)));
            return said;
        }
        // a hard cap: keep the first k workloads for the largest k whose minimum fits
        for (int k = order.size() - 1; k >= 1; k--) {
            Set<String> kept = new LinkedHashSet<>(order.subList(0, k));
            kept.retainAll(active);
            int keptComparisons = (int) widths.stream().filter(x -> kept.contains(x.workload())).count();
            int keptMin = Math.max(profile.minRounds(), RankTest.fewestBlocks(keptComparisons, ALPHA));
            Duration keptRest = roundCost(kept).multipliedBy(Math.max(0, keptMin - done));
            if (spent.plus(keptRest).compareTo(profile.budget()) <= 0 || k == 1) {
                List<String> dropped = order.stream().filter(w -> active.contains(w) && !kept.contains(w)).toList();
                active.retainAll(kept);
                minRounds = keptMin;
                said.add(String.format(Locale.ROOT, "plan: measuring fewer workloads to keep the budget of %s"
                        + " (--budget): all of them need %d rounds (%s) at %s a round; %d rounds of %s fit%s. Not"
                        + " measured further: %s (their first block stays in the results, not testable)",
                        Progress.fmt(profile.budget()), Math.max(profile.minRounds(), needed), why,
                        Progress.fmt(perRound), keptMin, String.join(", ", kept), eta(spent, roundCost(kept),
                        keptMin - done), String.join(", ", dropped)));
                return said;
            }
        }
        return said;
    }

    private String eta(Duration spent, Duration perRound, int rounds) {
        Instant end = started.plus(spent).plus(perRound.multipliedBy(Math.max(0, rounds)));
        return " (ETA " + CLOCK.withZone(ZoneId.systemDefault()).format(end) + ")";
    }

    private static String percent(double target) {
        return String.format(Locale.ROOT, "%.0f%%", target * 100);
    }

    /**
     * The notes a finished run keeps: blocks per workload, and per workload class the share of the blocks' wall
     * time spent inside timed operations (the rest is set-up, clean-up and the harness around each sample).
     */
    List<String> notes() {
        List<String> out = new ArrayList<>();
        StringBuilder perWorkload = new StringBuilder("blocks per workload (and the timed share of their wall time):");
        // a resumed run's earlier blocks count, but only this part's wall time is known: the share is of it
        blocks.forEach((w, n) -> perWorkload.append(wall.containsKey(w) ? String.format(Locale.ROOT, " %s %d (%.0f%%),",
                w, n, 100 * timedMs.get(w) / (wall.get(w).toNanos() / 1e6)) : String.format(Locale.ROOT, " %s %d,", w,
                n)));
        perWorkload.setLength(perWorkload.length() - 1);
        out.add(perWorkload.toString());
        Map<String, double[]> byClass = new LinkedHashMap<>();
        double[] whole = new double[2];
        wall.keySet().forEach(w -> {
            double[] c = byClass.computeIfAbsent(WorkloadClasses.of(w), k -> new double[2]);
            double t = timedMs.get(w);
            double all = wall.get(w).toNanos() / 1e6;
            c[0] += t;
            c[1] += all;
            whole[0] += t;
            whole[1] += all;
        });
        StringBuilder share = new StringBuilder(String.format(Locale.ROOT, "timed share of the blocks' wall time"
                + " (inside timed operations, which for the network workloads also start and stop their server; the"
                + " rest is set-up, clean-up and the harness): %.0f%% in all;",
                100 * whole[0] / whole[1]));
        byClass.forEach((c, v) -> share.append(String.format(Locale.ROOT, " %s %.0f%% of %s,", c, 100 * v[0] / v[1],
                Progress.fmt(Duration.ofMillis((long) v[1])))));
        share.setLength(share.length() - 1);
        out.add(share.toString());
        return out;
    }
}
