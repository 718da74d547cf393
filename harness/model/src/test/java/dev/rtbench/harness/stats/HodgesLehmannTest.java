package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * Pinned to numpy 2.4.6, with R's {@code wilcox.test(d, conf.int = TRUE)} rule written out:
 * <pre>
 * w = np.sort([(d[i]+d[j])/2 for i in range(n) for j in range(i, n)])
 * cnt = np.zeros(n*(n+1)//2+1)
 * for s in itertools.product([0,1], repeat=n): cnt[sum(k+1 for k, b in enumerate(s) if b)] += 1
 * k = int(np.argmax(np.cumsum(cnt)/2**n >= (1-conf)/2))      # qsignrank((1-conf)/2, n)
 * estimate, interval = np.median(w), (w[k-1], w[len(w)-k])   # no interval when k == 0
 * </pre>
 */
class HodgesLehmannTest {

    @Test
    void fourteenDifferencesWithATie() {
        // -> 0.65, k = 22, (0.4, 0.9)
        HodgesLehmann h = HodgesLehmann.of(
                new double[] {0.1, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3}, 0.95);
        assertEquals(0.65, h.estimate(), 1e-12);
        assertEquals(0.4, h.interval().lower(), 1e-12);
        assertEquals(0.9, h.interval().upper(), 1e-12);
        assertEquals(22, HodgesLehmann.lowerRank(14, 0.025));
    }

    @Test
    void mixedSignsWithAZero() {
        // d = [1.5,-0.5,2,2,-2,3,0.5,4,1,-1,5,0] -> 1.25, k = 14, (0.0, 2.75)
        HodgesLehmann h = HodgesLehmann.of(new double[] {1.5, -0.5, 2, 2, -2, 3, 0.5, 4, 1, -1, 5, 0}, 0.95);
        assertEquals(1.25, h.estimate(), 1e-12);
        assertEquals(0.0, h.interval().lower(), 1e-12);
        assertEquals(2.75, h.interval().upper(), 1e-12);
    }

    @Test
    void theRExample() {
        // d = x - y of R's wilcox.test example -> 0.4600000000000001, k = 6, (0.010000000000000009, 0.786)
        double[] d = {1.83 - 0.878, 0.50 - 0.647, 1.62 - 0.598, 2.48 - 2.05, 1.68 - 1.06, 1.88 - 1.29, 1.55 - 1.06,
            3.06 - 3.14, 1.30 - 1.29};
        HodgesLehmann h = HodgesLehmann.of(d, 0.95);
        assertEquals(0.46, h.estimate(), 1e-12);
        assertEquals(0.01, h.interval().lower(), 1e-12);
        assertEquals(0.786, h.interval().upper(), 1e-12);
    }

    @Test
    void sixDifferencesAreTheFewestFor95Percent() {
        // [0.3,-0.1,0.2,0.5,0.4,0.25] -> 0.275, k = 1, (-0.1, 0.5): the whole range of the Walsh averages
        HodgesLehmann six = HodgesLehmann.of(new double[] {0.3, -0.1, 0.2, 0.5, 0.4, 0.25}, 0.95);
        assertEquals(0.275, six.estimate(), 1e-12);
        assertEquals(-0.1, six.interval().lower(), 1e-12);
        assertEquals(0.5, six.interval().upper(), 1e-12);
        // [0.3,-0.1,0.2,0.5,0.4] -> k = 0: even all five on one side has probability 2/32 > 5%
        HodgesLehmann five = HodgesLehmann.of(new double[] {0.3, -0.1, 0.2, 0.5, 0.4}, 0.95);
        assertEquals(0.3, five.estimate(), 1e-12);
        assertFalse(five.interval().known());
        assertEquals(6, HodgesLehmann.fewestFor(0.95));
    }

    @Test
    void anotherLevel() {
        // [0.3,-0.1,0.2,0.5,0.4,0.25,0.1] at conf 0.9 -> 0.25, k = 4, (0.075, 0.4)
        HodgesLehmann h = HodgesLehmann.of(new double[] {0.3, -0.1, 0.2, 0.5, 0.4, 0.25, 0.1}, 0.90);
        assertEquals(0.25, h.estimate(), 1e-12);
        assertEquals(0.075, h.interval().lower(), 1e-12);
        assertEquals(0.4, h.interval().upper(), 1e-12);
    }
}
