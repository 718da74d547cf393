package dev.rtbench.harness.stats;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A paired effect size: in what share of blocks the runtime did worse than its reference. Unlike Cliff's delta
 * over pooled samples it respects the design: an A/A run whose blocks drift together shows about half, not a
 * "large" effect. A block where both were equal counts half. The interval is Wilson's score interval over the
 * blocks (the block is the independent unit). Between runs, where there are no blocks, it is the share of
 * sample pairs in which the current run is worse ({@code (1 + Cliff's delta) / 2}), without an interval.
 *
 * @param share    worse blocks (ties half) over {@code of}; NaN when there is nothing to count
 * @param interval Wilson's interval of the share, unknown between runs
 * @param worse    blocks in which the runtime was worse
 * @param of       blocks counted (0 between runs)
 */
public record WorseShare(double share, Interval interval, int worse, int of) {

    /** From the per-block ratios, oriented so that above 1 is worse. */
    public static WorseShare ofBlocks(List<Double> orientedRatios, double confidence) {
        int n = orientedRatios.size();
        if (n == 0) {
            return new WorseShare(Double.NaN, Interval.unknown(confidence), 0, 0);
        }
        int worse = (int) orientedRatios.stream().filter(r -> r > 1).count();
        int ties = (int) orientedRatios.stream().filter(r -> r == 1).count();
        double share = (worse + ties / 2.0) / n;
        return new WorseShare(share, wilson(share, n, confidence), worse, n);
    }

    /** Between runs: the share of pairs worse, from Cliff's delta already oriented (positive = worse). */
    public static WorseShare ofPairs(double orientedDelta, double confidence) {
        return new WorseShare((1 + orientedDelta) / 2, Interval.unknown(confidence), 0, 0);
    }

    /** Wilson's score interval for a proportion p over n trials (Wilson 1927). */
    static Interval wilson(double p, int n, double confidence) {
        double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - confidence) / 2);
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return new Interval(Math.max(0, centre - half), Math.min(1, centre + half), confidence);
    }

    /** E.g. {@code worse in 11 of 14 blocks (79% [52%, 92%])}, or {@code worse in 62% of sample pairs}. */
    public String text() {
        if (Double.isNaN(share)) {
            return "n/a";
        }
        if (of == 0) {
            return String.format(Locale.ROOT, "worse in %.0f%% of sample pairs", share * 100);
        }
        return String.format(Locale.ROOT, "worse in %d of %d blocks (%.0f%% [%.0f%%, %.0f%%])", worse, of,
                share * 100, interval.lower() * 100, interval.upper() * 100);
    }
}
