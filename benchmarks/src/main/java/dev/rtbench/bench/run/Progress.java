package dev.rtbench.bench.run;

import dev.rtbench.harness.results.BlockOrder;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.stats.Quantiles;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The line a person reads after each block: what was measured, in which order, and what it gave. */
final class Progress {
    private static final long T0 = System.nanoTime();

    private Progress() {}

    /**
     * @param runtimes the run's runtimes: the order is shown as their letters, A for the first
     */
    static void block(BlockOrder b, List<Sample> samples, List<String> runtimes, PrintStream out) {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        b.order().forEach(rt -> times.putIfAbsent(rt, new ArrayList<>()));
        long failed = 0;
        for (Sample s : samples) {
            if (!s.metric().equals("time")) {
                continue;
            }
            if (s.ok()) {
                times.get(s.runtime()).add(s.value());
            } else {
                failed++;
            }
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[block %3d, round %2d] %-14s %-10s",
                b.index() + 1, b.round() + 1, b.workloads().get(0), String.join("", b.order().stream()
                        .map(r -> String.valueOf((char) ('A' + runtimes.indexOf(r)))).toList())));
        times.forEach((rt, v) -> line.append(String.format(Locale.ROOT, " %s %s", rt, v.isEmpty() ? "-"
                : fmtMs(Quantiles.median(v.stream().mapToDouble(Double::doubleValue).toArray())))));
        if (failed > 0) {
            line.append(" (").append(failed).append(" failed)");
        }
        line.append("  elapsed ").append(fmt(Duration.ofNanos(System.nanoTime() - T0)));
        out.println(line);
    }

    private static String fmtMs(double ms) {
        return ms >= 1000 ? String.format(Locale.ROOT, "%.2f s", ms / 1000) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    static String fmt(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format("%02ds", s % 60) : s + "s";
    }
}
