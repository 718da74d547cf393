package dev.rtbench.bench.run;

import dev.rtbench.harness.results.BlockOrder;
import dev.rtbench.harness.results.Sample;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rounds of a run: blocks as {@link RunPlan} draws them, as many rounds as {@link Sampling} decides, the host
 * reference once a round; for a resumed run ({@link RunResume}), from where its earlier parts stopped. What one
 * block does is the run's ({@link BenchmarkRun}); which blocks, and when to stop, is decided here.
 */
final class Rounds {

    /** What a block gave: its samples, and the wall time of the warm-ups it ran before them (not samples). */
    record Measured(List<Sample> samples, Duration warmups) {}

    private final Profile profile;
    private final RunRecorder recorder;
    private final PrintStream out;
    private final RunResume resume;
    private final Optional<HostReference> host;

    Rounds(Profile profile, RunRecorder recorder, PrintStream out, RunResume resume, Optional<HostReference> host) {
        this.profile = profile;
        this.recorder = recorder;
        this.out = out;
        this.resume = resume;
        this.host = host;
    }

    /** Measures until the sampling rule stops, or the run ends otherwise ({@code recorder} no longer running). */
    void measure(RunPlan plan, Function<BlockOrder, Measured> block) {
        long t0 = System.nanoTime();
        // a resumed run's earlier parts count against the budget, and its ETA
        Duration before = resume == null ? Duration.ZERO : resume.spent();
        Sampling sampling = new Sampling(profile, plan.workloads(), plan::cycle, Instant.now().minus(before));
        Set<String> active = sampling.active();
        int nextBlock = 0;
        int first = 0;
        RunResume.Continuation from = null;
        if (resume != null) {
            from = resume.replay(plan, sampling, profile.target());
            first = from.round();
            nextBlock = from.nextBlock();
            active = from.active();
            String where = "going on at round " + (first + 1) + ", block " + nextBlock + ", after " + Progress.fmt(
                    before) + " of measuring in earlier parts";
            out.println("  " + where);
            recorder.note(where);
        }
        // the time of a round outside its blocks: the host reference, and the precision after the round before
        long outside = 0;
        for (int round = first; ; round++) {
            int r = round;
            boolean resumedRound = from != null && round == first;
            long h0 = System.nanoTime();
            if (!(resumedRound && from.hostTaken())) {
                host.ifPresent(h -> recorder.addHost(h.measure(r)));
            }
            outside += System.nanoTime() - h0;
            List<BlockOrder> blocks = resumedRound && from.remaining() != null ? from.remaining()
                    : plan.round(round, nextBlock, active);
            nextBlock += blocks.size();
            for (BlockOrder b : blocks) {
                recorder.addBlock(b);
                long b0 = System.nanoTime();
                Measured got = block.apply(b);
                double timed = got.samples().stream().filter(s -> s.ok() && s.metric().equals("time"))
                        .mapToDouble(Sample::value).sum();
                sampling.block(b.workloads().get(0), Duration.ofNanos(System.nanoTime() - b0), timed, got.warmups());
                if (!recorder.running()) {
                    return;
                }
            }
            Duration spent = before.plus(Duration.ofNanos(System.nanoTime() - t0));
            long p0 = System.nanoTime();
            List<Precision.Width> widths = Precision.of(recorder.snapshot(), profile.target());
            sampling.outside(Duration.ofNanos(outside));
            outside = System.nanoTime() - p0;
            Sampling.Step step = sampling.afterRound(round + 1, spent, widths);
            for (String line : step.said()) {
                out.println("  " + line);
                recorder.note(line);
            }
            out.println("  after round " + (round + 1) + " (" + Progress.fmt(spent) + "): "
                    + Precision.summary(widths, profile.target()));
            if (step.stop() != null) {
                recorder.note("sampling stopped after " + (round + 1) + " round(s), " + Progress.fmt(spent)
                        + " of measuring: " + step.stop() + "; " + Precision.summary(widths, profile.target()));
                sampling.notes().forEach(recorder::note);
                return;
            }
            active = step.next();
        }
    }
}
