package dev.rtbench.harness.stats;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A quantile of a series on the log scale, with its variance from a bootstrap that draws whole blocks: samples of
 * one block share the machine's state, so the block is the unit that varies. What {@code compare} sets a runtime's
 * own figure in one run against another's with, beside the run-to-run component ({@link RunToRun}).
 *
 * @param value    log of the quantile
 * @param variance its bootstrap variance (0 with one block: unknown, and {@link #blocks} says so)
 * @param blocks   blocks behind it
 */
public record LogStatistic(double value, double variance, int blocks) {

    /** Resamples: the variance, not a tail quantile, is needed, so a thousand are plenty. */
    static final int RESAMPLES = 1000;

    /** The q-quantile of a series given block by block. */
    public static LogStatistic of(List<double[]> blocks, double q, long seed) {
        int b = blocks.size();
        double value = log(blocks, q, identity(b));
        if (b < 2) {
            return new LogStatistic(value, 0, b);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] drawn = new int[b];
        double sum = 0;
        double sumSq = 0;
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < b; i++) {
                drawn[i] = random.nextInt(b);
            }
            double v = log(blocks, q, drawn);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / RESAMPLES;
        return new LogStatistic(value, Math.max(0, sumSq / RESAMPLES - mean * mean), b);
    }

    private static double log(List<double[]> blocks, double q, int[] drawn) {
        return Math.log(Quantiles.of(BlockPairs.pool(blocks, drawn), q));
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
