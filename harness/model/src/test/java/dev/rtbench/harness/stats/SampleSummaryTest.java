package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reference values computed independently with R 4.x (Debian r-base-core) and cross-checked with Python 3.11's
 * {@code statistics} module, on the input
 * {@code x <- c(12.1, 13.4, 11.8, 15.2, 12.9, 14.4, 13.0, 12.5, 30.1, 12.7)}.
 */
class SampleSummaryTest {

    static final double[] X = {12.1, 13.4, 11.8, 15.2, 12.9, 14.4, 13.0, 12.5, 30.1, 12.7};
    static final double EPS = 1e-9;

    SampleSummary summary() {
        return SampleSummary.of(new MetricKey("cpu", "time"), "runc", "ms", Direction.LOWER_IS_BETTER, X, 2,
                new Bootstrap(1, 2000), 0.95);
    }

    @Test
    void descriptiveStatisticsMatchR() {
        SampleSummary s = summary();
        assertEquals(10, s.n());
        assertEquals(2, s.failures());
        // R: median(x) = 12.95; mean(x) = 14.81; sd(x) = 5.46919656906854; sd(x)/mean(x) = 0.3692907879182
        // Python: statistics.median(x), statistics.mean(x), statistics.stdev(x) agree
        assertEquals(12.95, s.median(), EPS);
        assertEquals(14.81, s.mean(), EPS);
        assertEquals(5.46919656906854, s.sd(), 1e-12);
        assertEquals(0.3692907879182, s.cv(), 1e-12);
        assertEquals(11.8, s.min(), EPS);
        assertEquals(30.1, s.max(), EPS);
    }

    @Test
    void percentilesAreRType7() {
        SampleSummary s = summary();
        // R: quantile(x, c(.05,.25,.75,.95,.99), type=7) = 11.935 12.550 14.150 23.395 28.759
        // Python: statistics.quantiles(x, n=100, method='inclusive')[[4,24,74,94,98]] agrees
        assertEquals(11.935, s.p5(), EPS);
        assertEquals(12.55, s.p25(), EPS);
        assertEquals(14.15, s.p75(), EPS);
        assertEquals(23.395, s.p95(), EPS);
        assertEquals(28.759, s.p99(), EPS);
        assertEquals(1.6, s.iqr(), EPS);
    }

    @Test
    void outliersAreFlaggedByMadNotDropped() {
        SampleSummary s = summary();
        // R: mad(x, constant=1) = 0.65; which(abs(0.6745*(x-median(x))/mad(x, constant=1)) > 3.5) = 9 (1-based)
        assertEquals(0.65, s.outliers().mad(), EPS);
        assertEquals(List.of(8), s.outliers().indices());
        assertEquals(List.of(30.1), s.outliers().values());
        assertEquals(30.1, s.max(), EPS, "the outlier stays in the statistics");
    }

    @Test
    void medianIntervalBracketsTheMedian() {
        SampleSummary s = summary();
        assertTrue(s.medianInterval().lower() <= 12.95 && 12.95 <= s.medianInterval().upper(),
                s.medianInterval().toString());
    }

    @Test
    void emptyAndSingleValues() {
        SampleSummary none = SampleSummary.of(new MetricKey("cpu", "time"), "runsc", "ms",
                Direction.LOWER_IS_BETTER, new double[0], 3, new Bootstrap(1, 200), 0.95);
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.median()));
        assertTrue(!none.medianInterval().known());
        SampleSummary one = SampleSummary.of(new MetricKey("cpu", "time"), "runsc", "ms",
                Direction.LOWER_IS_BETTER, new double[] {5}, 0, new Bootstrap(1, 200), 0.95);
        assertEquals(5, one.median());
        assertTrue(Double.isNaN(one.sd()));
    }
}
