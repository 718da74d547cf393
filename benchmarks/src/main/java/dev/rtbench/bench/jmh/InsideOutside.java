package dev.rtbench.bench.jmh;

import java.util.Locale;

/**
 * The rule that a workload's own clock and the harness's must agree: what the workload measured inside the
 * container happened during the exec the harness timed, so it cannot be longer.
 */
final class InsideOutside {

    /**
     * What the two clocks may disagree by in the workload's favour: the in-container stamps have microsecond
     * resolution but are taken by forked processes whose own start is outside the inner interval and inside the
     * outer one, so a real excess means a wrong clock, not jitter; 1 ms covers the rounding of both.
     */
    static final double TOLERANCE_MS = 1.0;

    private InsideOutside() {}

    /** A time in {@code unit} (s, ms, us, ns) in milliseconds. */
    static double toMillis(double value, String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "s" -> value * 1e3;
            case "ms" -> value;
            case "us", "µs" -> value / 1e3;
            case "ns" -> value / 1e6;
            default -> throw new IllegalArgumentException("not a unit of time: " + unit);
        };
    }

    /** Null when {@code insideMs} fits in {@code outsideMs}; else why the sample cannot be trusted. */
    static String check(double insideMs, double outsideMs) {
        if (!(insideMs >= 0)) {
            return "the workload's own clock gave " + insideMs + " ms: its clock is wrong";
        }
        if (insideMs > outsideMs + TOLERANCE_MS) {
            return String.format(Locale.ROOT, "the workload's own time (%.3f ms) is longer than the harness's"
                    + " (%.3f ms) around it: one of the clocks is wrong, so neither is kept", insideMs, outsideMs);
        }
        return null;
    }
}
