package dev.rtbench.bench.run;

import dev.rtbench.harness.results.BlockOrder;
import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.HostSample;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.results.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A run that stopped before its end (Ctrl-C, a lost daemon, a killed process), continued in its own folder: {@code run
 * --resume DIR}. A publication's run of every workload through both engines takes hours on 2 cores, longer than
 * one sitting; its blocks are self-contained comparisons, so a run can be measured in parts.
 *
 * <p>The continuation is exact or refused. The block orders are drawn again from the run's seed and checked against
 * every recorded block (a different seed, workload or runtime would draw others); the workloads of the round in
 * progress are decided again by {@link Sampling}'s rule on the same samples. Every block measured under every
 * runtime of its order is kept; the block in progress when the run stopped (some runtimes measured, or a sample
 * marked interrupted) is dropped and measured again, since its comparison needs all of them from one stretch of
 * time. Each part's span and commit go into the notes, and the measuring time of the parts counts against the
 * profile's budget.
 */
public final class RunResume {

    /** A part's note: {@code part N of the run: START to END, S s, rtbench commit C}. */
    private static final Pattern PART = Pattern.compile("^part (\\d+) of the run: \\S+ to \\S+, (\\d+) s, rtbench"
            + " commit \\S+");

    private final RunResults previous;
    private final Set<Integer> keptBlocks;
    private final List<String> partNotes;
    private final String dropped;

    /**
     * Where a resumed run goes on.
     *
     * @param round     the round to measure next (counted from 0)
     * @param nextBlock the index of the next block
     * @param remaining the blocks of {@code round} still to measure, or null when the round starts afresh
     * @param active    the workloads {@code round} measures
     * @param hostTaken whether the host reference of {@code round} was measured already
     */
    public record Continuation(int round, int nextBlock, List<BlockOrder> remaining, Set<String> active,
            boolean hostTaken) {}

    private RunResume(RunResults previous) {
        this.previous = previous;
        this.keptBlocks = previous.config().blocks().stream().filter(this::complete).map(BlockOrder::index)
                .collect(Collectors.toCollection(HashSet::new));
        List<String> parts = previous.notes().stream().filter(n -> PART.matcher(n).find()).toList();
        this.partNotes = parts.isEmpty() ? List.of(partNote(1, previous.started(), previous.finished(),
                previous.environment())) : parts;
        long droppedSamples = previous.samples().stream().filter(s -> !keptBlocks.contains(s.block())).count();
        List<Integer> droppedBlocks = previous.config().blocks().stream().map(BlockOrder::index)
                .filter(i -> !keptBlocks.contains(i)).toList();
        this.dropped = droppedBlocks.isEmpty() ? null : String.format(Locale.ROOT, "block %s, in progress when the"
                + " run stopped, was dropped (%d sample(s): not every runtime of its order was measured) and is measured"
                + " again", droppedBlocks.stream().map(String::valueOf).collect(Collectors.joining(", ")),
                droppedSamples);
    }

    /** The continuation of {@code previous}, or an {@link IllegalArgumentException} that says why there is none. */
    public static RunResume of(RunResults previous) {
        if ("complete".equals(previous.status())) {
            throw new IllegalArgumentException("run " + previous.runId() + " is complete: there is nothing to resume"
                    + " (`report` remakes its report; `rerun` repeats its design in a new run)");
        }
        if (previous.config().blocks().isEmpty()) {
            throw new IllegalArgumentException("run " + previous.runId() + " measured no block: start it afresh");
        }
        if (previous.environment() != null && "system".equals(previous.environment().daemonMode())) {
            throw new IllegalArgumentException("run " + previous.runId() + " measured a daemon of the system's"
                    + " (--docker-host), whose state since is unknown: --resume continues runs on rtbench's managed"
                    + " engines only; start a new run");
        }
        return new RunResume(previous);
    }

    public RunResults previous() {
        return previous;
    }

    /** Whether every runtime of the block's order was measured in it, and nothing of it was cut short. */
    private boolean complete(BlockOrder b) {
        List<Sample> own = previous.samples().stream().filter(s -> s.block() == b.index()).toList();
        return own.stream().noneMatch(Sample::interrupted)
                && b.order().stream().allMatch(rt -> own.stream().anyMatch(s -> s.runtime().equals(rt)));
    }

    public List<BlockOrder> blocks() {
        return previous.config().blocks().stream().filter(b -> keptBlocks.contains(b.index())).toList();
    }

    public List<Sample> samples() {
        return previous.samples().stream().filter(s -> keptBlocks.contains(s.block())).toList();
    }

    public List<Timeline> timelines() {
        return previous.timelines().stream().filter(t -> keptBlocks.contains(t.block())).toList();
    }

    public List<HostSample> host() {
        return previous.hostReference();
    }

    /** The earlier notes, with a note for each earlier part (the first part of a run never resumed has none yet). */
    public List<String> notes() {
        List<String> out = new ArrayList<>(previous.notes());
        partNotes.stream().filter(n -> !out.contains(n)).forEach(out::add);
        return out;
    }

    /** The note the new part starts with. */
    public String resumedNote(Instant now) {
        return "resumed at " + now + " as part " + (partNotes.size() + 1) + ", after " + keptBlocks.size()
                + " blocks" + (dropped == null ? "" : "; " + dropped);
    }

    /** The number the new part gets. */
    public int part() {
        return partNotes.size() + 1;
    }

    /** The measuring time of the earlier parts, each from its start to its end. */
    public Duration spent() {
        long s = 0;
        for (String n : partNotes) {
            Matcher m = PART.matcher(n);
            if (m.find()) {
                s += Long.parseLong(m.group(2));
            }
        }
        return Duration.ofSeconds(s);
    }

    /** The note that records a part: its span, and the commit that measured it. */
    public static String partNote(int part, Instant from, Instant to, Environment env) {
        Instant end = to == null ? from : to;
        String commit = env == null || env.gitCommit() == null ? "unknown" : env.gitCommit().substring(0,
                Math.min(12, env.gitCommit().length())) + (env.gitDirty() ? "-dirty" : "");
        return String.format(Locale.ROOT, "part %d of the run: %s to %s, %d s, rtbench commit %s", part, from, end,
                Duration.between(from, end).toSeconds(), commit);
    }

    /**
     * What differs between the run as recorded and as this command would measure it, or null when nothing does:
     * the arms, the baseline, the workloads, the profile, the image's content and the machine.
     */
    public String mismatch(RunConfig now, Environment env) {
        RunConfig was = previous.config();
        List<String> diffs = new ArrayList<>();
        diff(diffs, "runtimes", was.runtimes(), now.runtimes());
        diff(diffs, "baseline", was.baseline(), now.baseline());
        diff(diffs, "workloads", was.workloads(), now.workloads());
        diff(diffs, "profile", was.profile(), now.profile());
        diff(diffs, "image (its content hash: another build's workloads)", was.image(), now.image());
        if (previous.environment() != null && env != null) {
            for (var rt : previous.environment().runtimes()) {
                env.runtimes().stream().filter(x -> x.name().equals(rt.name())).findFirst().ifPresent(x ->
                        diff(diffs, rt.name() + "'s version", rt.version(), x.version()));
            }
        }
        diff(diffs, "machine", Environment.fingerprintOf(previous.environment()).orElse(null),
                Environment.fingerprintOf(env).orElse(null));
        return diffs.isEmpty() ? null : String.join("; ", diffs);
    }

    private static void diff(List<String> diffs, String what, Object was, Object now) {
        if (!Objects.equals(was, now)) {
            diffs.add(what + ": " + was + " there, " + now + " here");
        }
    }

    /**
     * Draws the recorded rounds again from {@code plan}, checks each recorded block against its draw, feeds
     * {@code sampling} the blocks and decisions of the earlier part, and says where to go on.
     */
    public Continuation replay(RunPlan plan, Sampling sampling, double target) {
        Map<Integer, List<BlockOrder>> byRound = new TreeMap<>();
        previous.config().blocks().stream().sorted(Comparator.comparingInt(BlockOrder::index))
                .forEach(b -> byRound.computeIfAbsent(b.round(), r -> new ArrayList<>()).add(b));
        int last = byRound.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        Set<String> active = new LinkedHashSet<>(plan.workloads());
        Set<String> measuredBefore = null;
        int next = 0;
        for (int r = 0; r <= last; r++) {
            List<BlockOrder> recorded = byRound.getOrDefault(r, List.of());
            Set<String> measured = recorded.stream().map(b -> b.workloads().get(0))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (r < last) {
                // a round before the last was measured whole: its workloads are the ones decided for it
                List<BlockOrder> drawn = plan.round(r, next, measured);
                check(drawn, recorded, r);
                drawn.forEach(b -> sampling.replayed(b.workloads().get(0)));
                next += drawn.size();
                measuredBefore = measured;
                continue;
            }
            // the last round: decided after the one before it, by the rule, on the samples up to it
            if (measuredBefore != null) {
                active = sampling.replayRound(r, measuredBefore, Precision.of(upTo(r - 1), target));
            }
            List<BlockOrder> drawn = plan.round(r, next, active);
            int kept = 0;
            while (kept < recorded.size() && keptBlocks.contains(recorded.get(kept).index())) {
                kept++;
            }
            check(drawn.subList(0, Math.min(recorded.size(), drawn.size())), recorded, r);
            drawn.subList(0, kept).forEach(b -> sampling.replayed(b.workloads().get(0)));
            int round = r;
            boolean hostTaken = previous.hostReference().stream().anyMatch(h -> h.round() == round);
            if (kept < drawn.size()) {
                return new Continuation(r, next + kept, List.copyOf(drawn.subList(kept, drawn.size())), active,
                        hostTaken);
            }
            // the last round ended whole: the next is decided by the rule on every sample
            Set<String> after = sampling.replayRound(r + 1, measured, Precision.of(upTo(r), target));
            return new Continuation(r + 1, next + drawn.size(), null, after, false);
        }
        throw new IllegalStateException("no round to resume");
    }

    private void check(List<BlockOrder> drawn, List<BlockOrder> recorded, int round) {
        if (drawn.size() != recorded.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "round %d: the run's seed draws %d blocks,"
                    + " it recorded %d: this is not the run's design (its seed, workloads or runtimes differ), so it"
                    + " cannot be continued", round + 1, drawn.size(), recorded.size()));
        }
        for (int i = 0; i < drawn.size(); i++) {
            BlockOrder d = drawn.get(i);
            BlockOrder r = recorded.get(i);
            if (d.index() != r.index() || !d.workloads().equals(r.workloads()) || !d.order().equals(r.order())) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "block %d: the run's seed draws %s in"
                        + " the order %s, it recorded %s in %s: this is not the run's design (its seed, workloads or"
                        + " runtimes differ), so it cannot be continued", r.index(), d.workloads(), d.order(),
                        r.workloads(), r.order()));
            }
        }
    }

    /** The kept part of the run up to round {@code round}, as the run saw it when that round ended. */
    RunResults upTo(int round) {
        RunConfig c = previous.config();
        List<BlockOrder> blocks = c.blocks().stream().filter(b -> b.round() <= round && keptBlocks.contains(b.index()))
                .toList();
        RunConfig cut = new RunConfig(c.runtimes(), c.baseline(), c.workloads(), c.profile(), c.image(),
                c.roundOrder(), blocks, c.phaseCalls());
        return new RunResults(previous.formatVersion(), previous.runId(), previous.started(), null, "running",
                previous.environment(), cut, samples().stream().filter(s -> s.round() <= round).toList(),
                previous.notes(), previous.hostReference().stream().filter(h -> h.round() <= round).toList(),
                timelines().stream().filter(t -> t.round() <= round).toList());
    }
}
