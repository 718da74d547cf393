package dev.rtbench.harness.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The CPU time a process has spent, in nanoseconds: the sum over its threads of the first field of
 * {@code /proc/PID/task/TID/schedstat}. {@code /proc/PID/stat}'s utime and stime count in ticks of 10 ms, so a
 * daemon's share of a small burst (one or two container starts) read 0 or 10 ms, and a zero cannot be a ratio's
 * term. A thread that ends between two readings takes its time with it; a daemon's threads live as long as it.
 */
public final class ProcessCpu {
    private ProcessCpu() {}

    /** The process's CPU time now, or empty when it is gone or the kernel keeps no schedstat. */
    public static OptionalLong nanos(long pid) {
        return nanos(Path.of("/proc"), pid);
    }

    static OptionalLong nanos(Path procRoot, long pid) {
        long sum = 0;
        boolean any = false;
        try (Stream<Path> tasks = Files.list(procRoot.resolve(Long.toString(pid)).resolve("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String line = Files.readString(task.resolve("schedstat"), StandardCharsets.US_ASCII).strip();
                    int space = line.indexOf(' ');
                    sum += Long.parseLong(space < 0 ? line : line.substring(0, space));
                    any = true;
                } catch (NoSuchFileException ended) {
                    // the thread ended while we listed them
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return any ? OptionalLong.of(sum) : OptionalLong.empty();
    }
}
