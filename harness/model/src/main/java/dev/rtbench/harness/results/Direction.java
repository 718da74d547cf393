package dev.rtbench.harness.results;

/** Which way is better for a metric: times want to be low, throughputs high. */
public enum Direction {
    LOWER_IS_BETTER,
    HIGHER_IS_BETTER
}
