package dev.rtbench.harness.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How many containers this machine can hold at once, from its free memory and its room for more tasks, for the
 * density and burst workloads: asked for more, the machine would swap, fail forks, or kill the user's own
 * processes before rtbench could measure anything. Counted for the heaviest runtime rtbench measures (gVisor: an
 * idle container here took 21 MiB of PSS under ptrace, runc 5), with room to spare, since the ask is refused
 * before any runtime has been tried.
 *
 * @param containers    the most containers at once
 * @param memAvailableMiB the free memory it was computed from
 * @param tasksLeft     how many more tasks (processes and threads) the kernel allows
 */
public record HostCapacity(int containers, long memAvailableMiB, long tasksLeft) {

    /** memory allowed per container: three times gVisor's idle PSS here */
    public static final long MIB_PER_CONTAINER = 64;
    /**
     * tasks allowed per container: a gVisor sandbox's threads (about 35 each during a density run here), its gofer
     * and the shim's
     */
    public static final long TASKS_PER_CONTAINER = 64;

    public static HostCapacity of(Path procRoot) {
        long memMiB = new HostMemory(procRoot).memAvailableKiB() / 1024;
        long limit = Math.min(number(procRoot.resolve("sys/kernel/pid_max")),
                number(procRoot.resolve("sys/kernel/threads-max")));
        long tasks = tasksNow(procRoot);
        long tasksLeft = Math.max(0, limit - tasks);
        // a fifth of the memory and half of the tasks stay the host's
        long byMemory = memMiB * 4 / 5 / MIB_PER_CONTAINER;
        long byTasks = tasksLeft / 2 / TASKS_PER_CONTAINER;
        return new HostCapacity((int) Math.min(Integer.MAX_VALUE, Math.min(byMemory, byTasks)), memMiB, tasksLeft);
    }

    public static HostCapacity host() {
        return of(Path.of("/proc"));
    }

    /** Why {@link #containers} is the most: the sums behind it, for a refusal. */
    public String reason() {
        return String.format(Locale.ROOT, "%d MiB of memory available, of which four fifths at %d MiB a container,"
                + " and room for %d more tasks, of which half at %d a container", memAvailableMiB, MIB_PER_CONTAINER,
                tasksLeft, TASKS_PER_CONTAINER);
    }

    /** The tasks that exist now: the last field of /proc/loadavg is "running/total". */
    private static long tasksNow(Path procRoot) {
        String[] f = read(procRoot.resolve("loadavg")).trim().split("\\s+");
        if (f.length < 4 || !f[3].contains("/")) {
            throw new IllegalStateException("cannot read the number of tasks from " + procRoot.resolve("loadavg"));
        }
        return Long.parseLong(f[3].substring(f[3].indexOf('/') + 1));
    }

    private static long number(Path file) {
        return Long.parseLong(read(file).trim());
    }

    private static String read(Path file) {
        // read as a stream: Files.readString trusts the size procfs reports and returned "3" of pid_max's "32768"
        try (var in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
