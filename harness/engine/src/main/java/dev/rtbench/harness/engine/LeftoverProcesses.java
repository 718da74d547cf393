package dev.rtbench.harness.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends runtime processes that outlive their container.
 *
 * <p>A failed or timed-out gVisor start leaves {@code runsc-gofer}, {@code runsc-sandbox} and a
 * {@code containerd-shim-runc-v2} behind, and {@code docker rm -f} does not end them; they would skew every
 * later measurement. They carry the container id in their arguments, which is how they are found.
 */
public final class LeftoverProcesses {
    private LeftoverProcesses() {}

    /**
     * The pids of processes whose command line names one of these container ids (or any other mark of 12
     * characters or more, such as a managed daemon's folder).
     */
    public static List<Long> find(Collection<String> containerIds) {
        List<Long> pids = new ArrayList<>();
        if (containerIds.isEmpty()) {
            return pids;
        }
        long self = ProcessHandle.current().pid();
        ProcessTable.commandLines().forEach((pid, argv) -> {
            String cmdline = String.join(" ", argv);
            if (pid != self && containerIds.stream().anyMatch(id -> id != null && id.length() >= 12 && cmdline.contains(id))) {
                pids.add(pid);
            }
        });
        return pids;
    }

    /**
     * The pids of processes whose cgroup path names one of these container ids: a runc container's own processes,
     * whose command lines name nothing of their engine, once the shim that watched them is gone. containerd's
     * CRI puts each container in a cgroup named after its id.
     */
    public static List<Long> findInCgroups(Collection<String> containerIds) {
        List<Long> pids = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        ProcessTable.cgroups().forEach((pid, cgroup) -> {
            if (pid != self && containerIds.stream().anyMatch(id -> id != null && id.length() >= 12 && cgroup.contains(id))) {
                pids.add(pid);
            }
        });
        return pids;
    }

    /** Kills (SIGKILL) the processes {@link #findInCgroups} finds, as {@link #killFor} does; returns how many. */
    public static int killInCgroups(Collection<String> containerIds) {
        return killAll(findInCgroups(containerIds));
    }

    /**
     * Kills (SIGKILL) the leftovers of these containers and every process below them, waits up to 10 s for them
     * to be gone (a sandbox tearing down its memory takes a moment after the signal), and returns how many there
     * were. Below them: a runc container's own processes sit under its shim and name nothing of their engine, so
     * killing the shims alone (a daemon lost mid-run) left the containers' shells running with init as their
     * parent.
     */
    public static int killFor(Collection<String> containerIds) {
        List<Long> pids = new ArrayList<>(find(containerIds));
        Set<Long> seen = new HashSet<>(pids);
        for (long pid : List.copyOf(pids)) {
            ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> {
                if (seen.add(d.pid())) {
                    pids.add(d.pid());
                }
            }));
        }
        return killAll(pids);
    }

    private static int killAll(List<Long> pids) {
        List<ProcessHandle> killed = new ArrayList<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroyForcibly();
                killed.add(h);
            });
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : killed) {
            try {
                long left = until - System.nanoTime();
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException | ExecutionException e) {
                // still there: find() will show it to whoever checks
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return pids.size();
    }
}
