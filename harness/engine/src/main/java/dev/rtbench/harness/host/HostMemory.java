package dev.rtbench.harness.host;

import dev.rtbench.harness.io.Sleeps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.OptionalLong;

/**
 * The host's memory as {@code /proc} reports it: {@code MemAvailable} from {@code /proc/meminfo} (what the kernel
 * thinks could still be given to new work without swapping) and each process's proportional set size from
 * {@code /proc/PID/smaps_rollup} (its private pages plus its share of the pages it shares, so that summing PSS
 * over processes counts a shared page once).
 */
public final class HostMemory {

    private final Path procRoot;

    public HostMemory(Path procRoot) {
        this.procRoot = procRoot;
    }

    /** The host's own {@code /proc}. */
    public static HostMemory host() {
        return new HostMemory(Path.of("/proc"));
    }

    /**
     * A reading that was waited on until it stopped moving.
     *
     * @param kib      MemAvailable at the last reading, KiB
     * @param settled  whether two readings in a row differed by less than the tolerance before the bound
     * @param readings how many readings it took
     */
    public record Settled(long kib, boolean settled, int readings) {}

    /** {@code MemAvailable} in KiB. */
    public long memAvailableKiB() {
        return memAvailableKiB(read(procRoot.resolve("meminfo")));
    }

    /** {@code Pss} of one process in KiB, or empty if it is gone or cannot be read. */
    public OptionalLong pssKiB(long pid) {
        try {
            return OptionalLong.of(pssKiB(Files.readString(procRoot.resolve(pid + "/smaps_rollup"),
                    StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException gone) {
            return OptionalLong.empty();
        }
    }

    /** The sum of {@code Pss} over these processes in KiB; processes that cannot be read count 0. */
    public long pssSumKiB(Collection<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += pssKiB(pid).orElse(0);
        }
        return sum;
    }

    /**
     * Reads MemAvailable every {@code interval} until two readings in a row differ by less than
     * {@code toleranceKiB}, or {@code bound} has passed: memory freed or taken a moment ago (a sandbox still
     * faulting its heap in, a page cache being reclaimed) would otherwise be counted by chance.
     */
    public Settled settledMemAvailable(Duration interval, Duration bound, long toleranceKiB) {
        long until = System.nanoTime() + bound.toNanos();
        long last = memAvailableKiB();
        int readings = 1;
        while (true) {
            sleep(interval);
            long now = memAvailableKiB();
            readings++;
            if (Math.abs(now - last) < toleranceKiB) {
                return new Settled(now, true, readings);
            }
            if (System.nanoTime() >= until) {
                return new Settled(now, false, readings);
            }
            last = now;
        }
    }

    /**
     * {@code sync; echo 3 > /proc/sys/vm/drop_caches}: empties the page cache, dentries and inodes so that
     * MemAvailable before and after a measurement is not moved by caches filling. Needs root; returns false (and
     * changes nothing) where it is not allowed.
     */
    public static boolean dropCaches() {
        try {
            Process sync = new ProcessBuilder("sync").redirectErrorStream(true).start();
            sync.getInputStream().readAllBytes();
            sync.waitFor();
            Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n", StandardCharsets.US_ASCII);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code MemAvailable} of a {@code /proc/meminfo} text, in KiB. */
    public static long memAvailableKiB(String meminfo) {
        return field(meminfo, "MemAvailable:", "/proc/meminfo");
    }

    /** {@code Pss} of a {@code /proc/PID/smaps_rollup} text, in KiB. */
    public static long pssKiB(String smapsRollup) {
        return field(smapsRollup, "Pss:", "smaps_rollup");
    }

    private static long field(String text, String name, String what) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).strip().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    return Long.parseLong(parts[0]);
                }
                throw new IllegalArgumentException(what + " has an unexpected " + name + " line: \"" + line + "\"");
            }
        }
        throw new IllegalArgumentException(what + " has no " + name + " line");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static void sleep(Duration d) {
        Sleeps.sleep(d, e -> new IllegalStateException("interrupted while waiting for memory to settle", e));
    }
}
