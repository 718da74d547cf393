package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    /** R 4.x: {@code set.seed(1); big <- rlnorm(40, log(100), 0.1)}, printed with 6 decimals. */
    static final double[] BIG = {93.927650, 101.853399, 91.983326, 117.295720, 103.349967, 92.122881, 104.995038,
        107.662642, 105.926803, 96.992276, 116.320383, 103.975418, 93.976629, 80.133997, 111.906453, 99.551672,
        99.838228, 109.898126, 108.558837, 106.118916, 109.625271, 108.135364, 100.748437, 81.960303, 106.394381,
        99.440285, 98.454118, 86.322903, 95.331013, 104.267983, 114.553062, 98.977387, 103.952841, 99.463394,
        87.135487, 95.934986, 96.133821, 99.408622, 111.628090, 107.930528};

    @Test
    void sameSeedSameInterval() {
        Interval a = new Bootstrap(42, 10_000).median(BIG, 0.95);
        Interval b = new Bootstrap(42, 10_000).median(BIG, 0.95);
        assertEquals(a, b);
        // another seed: other resamples, but the bounds of a median of 40 values fall on few distinct values,
        // so with 10,000 resamples they agree within one gap between order statistics
        Interval c = new Bootstrap(43, 10_000).median(BIG, 0.95);
        assertEquals(a.lower(), c.lower(), 1.0);
        assertEquals(a.upper(), c.upper(), 1.0);
    }

    @Test
    void seedForIsStableAndKeySensitive() {
        assertEquals(Bootstrap.seedFor(7, "overhead/run/time/runsc/runc"),
                Bootstrap.seedFor(7, "overhead/run/time/runsc/runc"));
        assertNotEquals(Bootstrap.seedFor(7, "a"), Bootstrap.seedFor(7, "b"));
    }

    @Test
    void medianIntervalAgreesWithAnIndependentBootstrapInR() {
        // R 4.x, a different generator, so only agreement within Monte Carlo error is expected:
        //   set.seed(1); big <- rlnorm(40, log(100), 0.1)
        //   bm <- replicate(10000, median(sample(big, replace=TRUE)))
        //   quantile(bm, c(.025, .975), type=7) = 99.1930044657083 105.4609206401950; median(big) = 101.300918050062
        Interval i = new Bootstrap(Bootstrap.DEFAULT_SEED, 10_000).median(BIG, 0.95);
        assertEquals(99.193, i.lower(), 0.8);
        assertEquals(105.461, i.upper(), 0.8);
        assertEquals(101.300918050062, Quantiles.median(BIG), 1e-6);
    }

    @Test
    void ratioIntervalBracketsRatioOfMedians() {
        // R 4.x: median(a)/median(b) = 1.57222222222222, median(a)-median(b) = 0.515 (RankTestTest's data)
        OverheadEstimate o = OverheadEstimate.estimate(new MetricKey("w", "time"), "x", RankTestTest.A, "y",
                RankTestTest.B, "ms", dev.rtbench.harness.results.Direction.LOWER_IS_BETTER,
                new Bootstrap(5, 5000), 0.95);
        assertEquals(1.57222222222222, o.ratio(), 1e-12);
        assertEquals(0.515, o.difference(), 1e-12);
        assertTrue(o.ratioInterval().contains(o.ratio()), o.ratioInterval().toString());
        assertTrue(o.differenceInterval().contains(o.difference()), o.differenceInterval().toString());
    }
}
