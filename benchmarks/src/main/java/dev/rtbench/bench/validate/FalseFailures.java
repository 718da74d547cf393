package dev.rtbench.bench.validate;

import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.stats.BlockPairs;
import dev.rtbench.harness.stats.HodgesLehmann;
import dev.rtbench.harness.stats.HolmCorrection;
import dev.rtbench.harness.stats.RankTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How often {@code validate} fails an instrument that is correct: its rules applied to datasets where nothing
 * but noise differs, made from the A/A blocks of a recorded validate run. Each resample draws every phase's blocks
 * with replacement and swaps the two names of runc in each drawn block with probability 1/2, which makes "no
 * difference" exactly true while keeping this machine's noise; the known-delay check gets the same blocks with the
 * injected delay added to one side, so the truth is exactly the delay. What fails is a false failure.
 *
 * @param resamples   how many datasets were judged
 * @param blocks      blocks per phase in the recorded run (the fewest of its phases)
 * @param aaFailed    resamples whose A/A checks failed (family-wise)
 * @param delayFailed resamples whose known delay failed
 * @param failed      resamples in which validate failed (either)
 * @param inconclusive resamples in which it could not decide (and did not fail)
 */
record FalseFailures(int resamples, int blocks, int aaFailed, int delayFailed, int failed, int inconclusive) {

    static final int RESAMPLES = 2000;

    /**
     * @param run        a validate run (runc under two names in every phase)
     * @param injectedMs the delay to simulate, at {@code verb}
     */
    static FalseFailures of(RunResults run, double injectedMs, String verb, double tolerance, double alpha,
                            long seed) {
        String engine = run.config().runtimes().stream().anyMatch(r -> Arm.parse(r).engine().equals(Arm.CRI))
                ? Arm.CRI : Arm.DOCKER;
        String a = new Arm(CalibrationRuntimes.A, engine).name();
        String b = new Arm(CalibrationRuntimes.B, engine).name();
        // the phases this validation measured: all of the engine's, or those --phases chose
        List<String> phases = Validation.workloads(engine).stream().filter(run.config().workloads()::contains).toList();
        Validation.Landing landing = Validation.landingOf(engine, verb);
        List<double[]> logs = new ArrayList<>();
        double[] differences = null;
        int fewest = Integer.MAX_VALUE;
        for (String phase : phases) {
            BlockPairs pairs = BlockPairs.of(samples(run, b, phase), samples(run, a, phase));
            if (pairs.size() == 0) {
                throw new IllegalArgumentException("the run has no blocks of " + phase + " under both " + a + " and "
                        + b + ": it is not a validate run");
            }
            logs.add(pairs.logRatios());
            fewest = Math.min(fewest, pairs.size());
            if (phase.equals(landing.phase())) {
                differences = pairs.differences();
            }
        }
        double expected = injectedMs * landing.calls();
        SplittableRandom random = new SplittableRandom(seed);
        int aa = 0;
        int delay = 0;
        int failed = 0;
        int open = 0;
        for (int r = 0; r < RESAMPLES; r++) {
            double[] p = new double[logs.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = RankTest.withinBlocks(flipped(logs.get(i), 0, random)).pValue();
            }
            boolean aaFails = false;
            for (double q : HolmCorrection.adjust(p)) {
                aaFails |= q < Validation.aaAlpha(alpha);
            }
            double[] d = flipped(differences, expected, random);
            HodgesLehmann hl = HodgesLehmann.of(d, Validation.delayConfidence(alpha));
            KnownDelay.Result k = KnownDelay.judge(hl.estimate(), hl.interval(), expected, tolerance).result();
            aa += aaFails ? 1 : 0;
            delay += k == KnownDelay.Result.FAIL ? 1 : 0;
            if (aaFails || k == KnownDelay.Result.FAIL) {
                failed++;
            } else if (k == KnownDelay.Result.INCONCLUSIVE) {
                open++;
            }
        }
        return new FalseFailures(RESAMPLES, fewest, aa, delay, failed, open);
    }

    /** Blocks drawn with replacement, each one's sign swapped with probability 1/2, then {@code shift} added. */
    private static double[] flipped(double[] values, double shift, SplittableRandom random) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            double v = values[random.nextInt(values.length)];
            out[i] = (random.nextBoolean() ? v : -v) + shift;
        }
        return out;
    }

    private static List<Sample> samples(RunResults run, String runtime, String phase) {
        return run.samples().stream().filter(s -> s.runtime().equals(runtime) && s.workload().equals(phase)
                && s.metric().equals("time")).toList();
    }

    String describe(String runId, double injectedMs, String verb) {
        return String.format(Locale.ROOT, "a correct instrument, resampled %d times from the A/A blocks of %s (%d"
                + " blocks a phase), with %.1f ms at OCI %s: validate FAILS %.1f%% of them (A/A %.1f%%, known delay"
                + " %.1f%%) and is INCONCLUSIVE in %.1f%%", resamples, runId, blocks, injectedMs, verb,
                100.0 * failed / resamples, 100.0 * aaFailed / resamples, 100.0 * delayFailed / resamples,
                100.0 * inconclusive / resamples);
    }
}
