package dev.rtbench.harness.attribution;

import dev.rtbench.harness.stats.Interval;
import java.util.Comparator;
import java.util.List;

/**
 * Where one phase's time went under one runtime.
 *
 * @param workload      the phase
 * @param runtime       the arm
 * @param reference     the arm its segments are compared with, or null for a baseline
 * @param samples       the successful samples that have a timeline
 * @param blocks        the blocks they came from
 * @param incomplete    how many of them miss part of their tracing ({@code Timeline.missing})
 * @param phaseMedianMs the phase's median time over these samples
 * @param phaseMedian   its block-bootstrap interval
 * @param segments      each segment, in time order
 */
public record PhaseAttribution(String workload, String runtime, String reference, int samples, int blocks,
        int incomplete, double phaseMedianMs, Interval phaseMedian, List<SegmentEstimate> segments) {

    public PhaseAttribution {
        segments = List.copyOf(segments);
    }

    /** The segments' medians summed: a median is not additive, so this is set against the phase's median. */
    public double segmentSumMs() {
        return segments.stream().mapToDouble(SegmentEstimate::medianMs).sum();
    }

    /**
     * The sum of the segments' intervals: the lowest and the highest the segments can sum to, each within its
     * interval; unknown (NaN) when a segment has no interval.
     */
    public double[] segmentSumRange() {
        if (segments.stream().anyMatch(s -> !s.median().known())) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {segments.stream().mapToDouble(s -> s.median().lower()).sum(),
                segments.stream().mapToDouble(s -> s.median().upper()).sum()};
    }

    /**
     * Whether the segments sum to the phase within their intervals: the sum of their medians lies within the phase
     * median's interval, or the phase median within the sum of the segments' intervals. Each sample's segments sum
     * to its phase exactly; their medians need not (a median is not additive: right-skewed segments sum to less
     * than the phase's median), so the check allows each segment its interval.
     */
    public boolean sumsToPhase() {
        double[] range = segmentSumRange();
        return phaseMedian.contains(segmentSumMs()) || Math.abs(segmentSumMs() - phaseMedianMs) < 1e-9
                || (range[0] <= phaseMedianMs && phaseMedianMs <= range[1]);
    }

    /** The segments that add the most time against the reference, largest first; empty for a baseline. */
    public List<SegmentEstimate> largestOverheads(int n) {
        return segments.stream().filter(SegmentEstimate::compared)
                .sorted(Comparator.comparingDouble(SegmentEstimate::differenceMs).reversed()).limit(n).toList();
    }
}
