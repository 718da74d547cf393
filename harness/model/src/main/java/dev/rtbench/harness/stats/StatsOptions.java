package dev.rtbench.harness.stats;

/**
 * The choices behind every number in a report; a report prints them so its figures can be re-derived.
 *
 * @param confidence          level of every interval, e.g. 0.95
 * @param alpha               family-wise significance level after Holm's correction, e.g. 0.05
 * @param bootstrapResamples  resamples per bootstrap interval
 * @param seed                base seed of the bootstrap
 * @param minSamples          fewer successful samples than this gets a warning
 * @param highVariationCv     a coefficient of variation above this gets a warning
 */
public record StatsOptions(
        double confidence, double alpha, int bootstrapResamples, long seed, int minSamples, double highVariationCv) {

    public StatsOptions {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
    }

    /** 95% intervals, alpha 0.05, 10,000 resamples, the fixed default seed, at least 10 samples, CV above 10%. */
    public static StatsOptions defaults() {
        return new StatsOptions(0.95, 0.05, Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED, 10, 0.10);
    }
}
