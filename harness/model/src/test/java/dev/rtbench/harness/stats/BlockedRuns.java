package dev.rtbench.harness.stats;

import dev.rtbench.harness.results.BlockOrder;
import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * SYNTHETIC blocked runs of {@code start} (ms) under {@code runc} and a second runtime, shaped after the A/A check
 * of the measurement design: every block adds a random offset common to both runtimes (the machine drifts between
 * blocks), and each runtime gets its own random shift per block (which one ran first, the page cache), which
 * repeats within the block and so does not average out over its samples. Values are log-normal around the median.
 */
final class BlockedRuns {

    /** Log-scale sd of the offset common to both runtimes in a block. */
    static final double BLOCK_SD = 0.05;
    /** Log-scale sd of a runtime's own shift in a block (runtime x block interaction). */
    static final double INTERACTION_SD = 0.10;
    /** Log-scale sd of one sample around its block's level. */
    static final double NOISE_SD = 0.03;
    static final double MEDIAN_MS = 430;

    private BlockedRuns() {}

    /**
     * A run of {@code blocks} blocks, {@code perBlock} samples per runtime per block, in ABBA order; the other
     * runtime's values are {@code factor} times and then {@code addMs} more than runc's would be.
     */
    static RunResults run(long seed, String other, int blocks, int perBlock, double factor, double addMs) {
        return run(seed, other, blocks, perBlock, factor, addMs, BLOCK_SD);
    }

    /** As above with another sd of the common block offset. */
    static RunResults run(long seed, String other, int blocks, int perBlock, double factor, double addMs,
            double blockSd) {
        RandomGenerator rng = new Well19937c(seed);
        List<Sample> samples = new ArrayList<>();
        List<BlockOrder> orders = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            double offset = blockSd * rng.nextGaussian();
            List<String> order = b % 2 == 0 ? List.of("runc", other, other, "runc") : List.of(other, "runc", "runc", other);
            orders.add(new BlockOrder(b, 0, List.of("start"), order));
            for (String rt : List.of("runc", other)) {
                double level = Math.log(MEDIAN_MS) + offset + INTERACTION_SD * rng.nextGaussian();
                for (int i = 0; i < perBlock; i++) {
                    double v = Math.exp(level + NOISE_SD * rng.nextGaussian());
                    if (rt.equals(other)) {
                        v = v * factor + addMs;
                    }
                    samples.add(new Sample(rt, "start", "time", v, "ms", Direction.LOWER_IS_BETTER, 0, b, 0, i,
                            null, rt, null, false));
                }
            }
        }
        RunConfig config = new RunConfig(List.of("runc", other), "runc", List.of("start"), "quick", "busybox",
                List.of(), orders, null);
        return new RunResults(RunResults.FORMAT_VERSION, "blocked-" + seed, Instant.parse("2026-12-01T10:00:00Z"),
                Instant.parse("2026-12-01T10:20:00Z"), "complete", null, config, samples, List.of());
    }

    static List<Sample> of(RunResults r, String runtime) {
        return r.samples().stream().filter(s -> s.runtime().equals(runtime)).toList();
    }

    static double[] values(RunResults r, String runtime) {
        return of(r, runtime).stream().filter(Sample::ok).mapToDouble(Sample::value).toArray();
    }
}
