package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.Direction;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What keeps a report on a million samples from taking hours: no listed Walsh averages, no resampled medians. */
class LargeRunsTest {

    @Test
    void countingFindsTheSameWalshAveragesAsListingThem() {
        Random r = new Random(5);
        double[] d = new double[301];
        for (int i = 0; i < d.length; i++) {
            // ties included: a quantised metric
            d[i] = Math.round(r.nextGaussian() * 20) / 10.0;
        }
        double[] sorted = d.clone();
        Arrays.sort(sorted);
        double[] walsh = new double[d.length * (d.length + 1) / 2];
        int at = 0;
        for (int i = 0; i < d.length; i++) {
            for (int j = i; j < d.length; j++) {
                walsh[at++] = (d[i] + d[j]) / 2;
            }
        }
        Arrays.sort(walsh);
        for (long k : new long[] {1, 2, 17, 1000, walsh.length / 2, walsh.length / 2 + 1, walsh.length - 1,
            walsh.length}) {
            assertEquals(walsh[(int) k - 1], HodgesLehmann.kth(sorted, k), 0, "k = " + k);
        }
    }

    @Test
    void tenThousandBlocksTakeSecondsNotHours() {
        Random r = new Random(6);
        double[] d = new double[10_000];
        for (int i = 0; i < d.length; i++) {
            d[i] = 0.3 + r.nextGaussian() * 0.1;
        }
        long t0 = System.nanoTime();
        HodgesLehmann h = HodgesLehmann.of(d, 0.95);
        assertEquals(0.3, h.estimate(), 0.01);
        assertTrue(h.interval().contains(h.estimate()) && h.interval().upper() - h.interval().lower() < 0.01,
                h.toString());
        SignedRank s = SignedRank.test(d);
        assertTrue(!s.exact() && s.pValue() < 1e-10, s.toString());
        // not a timing assertion: printed so a slow machine's figure can be read in the test log
        System.out.printf("10,000 blocks: Hodges-Lehmann and signed rank in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void aLongSeriesGetsTheOrderStatisticIntervalOfItsMedian() {
        // scipy.stats.binom(2001, 0.5).ppf(0.025) -> 957: [x_(957), x_(1045)] of 0..2000, i.e. [956, 1044]
        double[] values = new double[2001];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 7919) % 2001;
        }
        SampleSummary s = SampleSummary.of(new MetricKey("w", "time"), "runc", "ms", Direction.LOWER_IS_BETTER,
                values, 0, new Bootstrap(1, 1000), 0.95);
        assertEquals(1000, s.median(), 0);
        assertEquals(956, s.medianInterval().lower(), 0);
        assertEquals(1044, s.medianInterval().upper(), 0);
    }
}
