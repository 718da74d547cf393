package dev.rtbench.bench.run;

import java.io.PrintStream;
import java.time.Duration;

/** The progress line a person reads while a run goes on: which benchmark, how far, about how long is left. */
final class Progress {
    private final int total;
    private final long t0 = System.nanoTime();
    private int done;

    Progress(int total) {
        this.total = total;
    }

    synchronized void started(int round, int rounds, String runtime, String workload, PrintStream out) {
        long elapsed = System.nanoTime() - t0;
        String left = done == 0 ? "?" : fmt(Duration.ofNanos(elapsed / done * (total - done)));
        done++;
        out.printf("[%3d/%d] round %d/%d  %-14s %-15s elapsed %s, about %s left%n",
                done, total, round + 1, rounds, runtime, workload, fmt(Duration.ofNanos(elapsed)), left);
    }

    static String fmt(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + String.format("%02ds", s % 60) : s + "s";
    }
}
