package dev.rtbench.bench.run;

import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.stats.Quantiles;
import java.util.Locale;

/**
 * What rtbench adds to every timed operation before any runtime is involved: a daemon round trip that does
 * nothing ({@code GET /_ping}), timed like a sample. Differences between runtimes smaller than its spread cannot
 * be told apart on this machine, whatever the statistics say.
 */
final class HarnessFloor {
    private static final int ROUND_TRIPS = 30;

    private HarnessFloor() {}

    /** Times round trips and says what they cost, for the run's notes. */
    static String measure(DockerEngine engine) {
        double[] ms = times(engine);
        return String.format(Locale.ROOT, "harness floor: a daemon round trip that does nothing (GET /_ping) took"
                + " a median %.2f ms (p90 %.2f ms) over %d, timed like a sample", Quantiles.median(ms),
                Quantiles.of(ms, 0.9), ms.length);
    }

    static double[] times(DockerEngine engine) {
        double[] ms = new double[ROUND_TRIPS];
        engine.ping();
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            engine.ping();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }
}
