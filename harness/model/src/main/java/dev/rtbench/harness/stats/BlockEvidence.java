package dev.rtbench.harness.stats;

import java.util.List;

/**
 * The per-block side of a comparison: each block's own ratio, and whether the interval resampled whole blocks.
 *
 * @param blocks     indices of the blocks in which both sides had successful samples
 * @param ratios     each block's ratio of medians, oriented like the overall ratio (above 1 is worse)
 * @param resampling how the interval was bootstrapped
 */
public record BlockEvidence(List<Integer> blocks, List<Double> ratios, Resampling resampling) {

    /** How an interval was made. */
    public enum Resampling {
        /**
         * No resampling: the interval inverts the signed-rank test over the blocks' log ratios (Hodges-Lehmann),
         * the pairing the test itself uses.
         */
        SIGNED_RANK,
        /** Whole blocks drawn with replacement (cluster bootstrap): the design's unit of evidence. */
        BLOCKS,
        /** Samples drawn independently: between runs, or within a run with too few blocks. */
        INDEPENDENT
    }

    public BlockEvidence {
        blocks = List.copyOf(blocks);
        ratios = List.copyOf(ratios);
        if (blocks.size() != ratios.size()) {
            throw new IllegalArgumentException("one ratio per block expected");
        }
    }

    /** No blocks: a comparison between runs. */
    public static BlockEvidence none() {
        return new BlockEvidence(List.of(), List.of(), Resampling.INDEPENDENT);
    }

    public int count() {
        return blocks.size();
    }

    /**
     * Interquartile range (type 7) of the per-block log ratios: how much blocks disagree, on the same scale as
     * {@code |log ratio|}. NaN with fewer than 2 blocks.
     */
    public double logIqr() {
        if (ratios.size() < 2) {
            return Double.NaN;
        }
        double[] logs = ratios.stream().mapToDouble(Math::log).sorted().toArray();
        return Quantiles.ofSorted(logs, 0.75) - Quantiles.ofSorted(logs, 0.25);
    }
}
