package dev.rtbench.harness.attribution;

import dev.rtbench.harness.stats.Interval;

/**
 * One segment of one phase under one runtime: its median over the samples (0 in a sample that did not have it),
 * and its difference from the same segment under the reference runtime.
 *
 * @param segment            the segment's name ({@link Segments})
 * @param medianMs           its median time
 * @param median             the median's block-bootstrap interval
 * @param differenceMs       median under the runtime minus median under the reference; NaN for the reference
 * @param difference         the difference's block-bootstrap interval (blocks both runtimes measured)
 */
public record SegmentEstimate(String segment, double medianMs, Interval median, double differenceMs,
        Interval difference) {

    /** Whether a difference from a reference was estimated. */
    public boolean compared() {
        return Double.isFinite(differenceMs);
    }
}
