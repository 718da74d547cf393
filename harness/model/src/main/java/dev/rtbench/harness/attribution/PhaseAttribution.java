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

    /** Whether the segments' medians sum to the phase within the phase median's interval. */
    public boolean sumsToPhase() {
        return phaseMedian.contains(segmentSumMs()) || Math.abs(segmentSumMs() - phaseMedianMs) < 1e-9;
    }

    /** The segments that add the most time against the reference, largest first; empty for a baseline. */
    public List<SegmentEstimate> largestOverheads(int n) {
        return segments.stream().filter(SegmentEstimate::compared)
                .sorted(Comparator.comparingDouble(SegmentEstimate::differenceMs).reversed()).limit(n).toList();
    }
}
