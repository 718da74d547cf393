package dev.rtbench.harness.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A snapshot of the host's processes, read from {@code /proc/PID/stat} and {@code cmdline}: who is whose parent,
 * and how much CPU each has used.
 *
 * <p>It exists to find the processes a runtime started for a container without trusting their names: gVisor's
 * sandbox and gofer both call themselves {@code exe}, and a VM's hypervisor can be any binary. The container's
 * init process (its {@code State.Pid}) leads up to its shim, and the shim's descendants are everything started
 * for the container.
 */
public final class ProcessTree {

    /** Clock ticks per second of the times in {@code /proc/PID/stat}: USER_HZ, 100 on every Linux ABI in use. */
    public static final int TICKS_PER_SECOND = 100;

    /**
     * One process.
     *
     * @param pid     its id
     * @param ppid    its parent's id (0 for init)
     * @param comm    its name as the kernel keeps it (at most 15 characters)
     * @param cpuTicks user plus system time it has used, in clock ticks ({@link #TICKS_PER_SECOND})
     * @param argv    its command line, empty for kernel threads and processes that hide it
     */
    public record Proc(long pid, long ppid, String comm, long cpuTicks, List<String> argv) {
        public Proc {
            argv = List.copyOf(argv);
        }

        /** CPU time used, in milliseconds. */
        public double cpuMillis() {
            return cpuTicks * 1000.0 / TICKS_PER_SECOND;
        }
    }

    private final Map<Long, Proc> procs;

    private ProcessTree(Map<Long, Proc> procs) {
        this.procs = Map.copyOf(procs);
    }

    /** The host's processes now. */
    public static ProcessTree read() {
        return read(Path.of("/proc"));
    }

    /** The processes under {@code procRoot} (a {@code /proc}, or a captured copy of parts of one). */
    public static ProcessTree read(Path procRoot) {
        Map<Long, Proc> out = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(procRoot)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                String name = d.getFileName().toString();
                if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(d.resolve("stat"), StandardCharsets.UTF_8);
                    List<String> argv = List.of();
                    Path cmd = d.resolve("cmdline");
                    if (Files.exists(cmd)) {
                        String raw = new String(Files.readAllBytes(cmd), StandardCharsets.UTF_8);
                        argv = raw.isEmpty() ? List.of() : Arrays.asList(raw.split("\0"));
                    }
                    Proc p = parseStat(stat, argv);
                    out.put(p.pid(), p);
                } catch (IOException | IllegalArgumentException gone) {
                    // ended while we looked
                }
            }
        } catch (IOException noProc) {
            // not Linux: an empty table
        }
        return new ProcessTree(out);
    }

    /**
     * Reads one {@code /proc/PID/stat} line. The name is in parentheses and may itself hold spaces and
     * parentheses, so the fields are counted from the last {@code ')'}.
     */
    public static Proc parseStat(String stat, List<String> argv) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: \"" + stat.strip() + "\"");
        }
        long pid = Long.parseLong(stat.substring(0, open).strip());
        String comm = stat.substring(open + 1, close);
        // after the name: state(3) ppid(4) pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(14) stime(15)
        String[] f = stat.substring(close + 1).strip().split("\\s+");
        if (f.length < 13) {
            throw new IllegalArgumentException("/proc/" + pid + "/stat has too few fields: \"" + stat.strip() + "\"");
        }
        long ppid = Long.parseLong(f[1]);
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return new Proc(pid, ppid, comm, ticks, argv);
    }

    public Optional<Proc> get(long pid) {
        return Optional.ofNullable(procs.get(pid));
    }

    public int size() {
        return procs.size();
    }

    /** Every process, in no particular order. */
    public List<Proc> all() {
        return List.copyOf(procs.values());
    }

    /** The parent chain of {@code pid}, nearest first, not including {@code pid}; stops at a process not in the table. */
    public List<Proc> ancestors(long pid) {
        List<Proc> out = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        Proc p = procs.get(pid);
        while (p != null && p.ppid() > 0 && seen.add(p.pid())) {
            p = procs.get(p.ppid());
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** The children of {@code pid}, their children, and so on (not {@code pid} itself). */
    public Set<Long> descendants(long pid) {
        Map<Long, List<Long>> children = new LinkedHashMap<>();
        procs.values().forEach(p -> children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p.pid()));
        Set<Long> out = new LinkedHashSet<>();
        List<Long> todo = new ArrayList<>(children.getOrDefault(pid, List.of()));
        while (!todo.isEmpty()) {
            long c = todo.remove(todo.size() - 1);
            if (c != pid && out.add(c)) {
                todo.addAll(children.getOrDefault(c, List.of()));
            }
        }
        return out;
    }

    /**
     * The shim that looks after the container whose init process is {@code initPid}: the nearest ancestor named
     * {@code containerd-shim*} (runc's, Kata's and gVisor's shims all are), else the ancestor just below init
     * (shims re-parent themselves to it). Empty if {@code initPid} is not in the table.
     */
    public Optional<Proc> shimOf(long initPid) {
        List<Proc> up = ancestors(initPid);
        if (!procs.containsKey(initPid)) {
            return Optional.empty();
        }
        for (Proc p : up) {
            if (p.comm().startsWith("containerd-shim")) {
                return Optional.of(p);
            }
        }
        for (Proc p : up) {
            if (p.ppid() <= 1) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Every process started on the host for the container whose init process is {@code initPid}: its shim and
     * all the shim's descendants (under runc the container's own processes; under gVisor the gofer, the sandbox
     * with the container inside it, and its stubs; under Kata the hypervisor and virtiofsd). Just {@code initPid}
     * and its descendants if no shim is found.
     */
    public Set<Long> containerProcesses(long initPid) {
        Set<Long> out = new LinkedHashSet<>();
        Optional<Proc> shim = shimOf(initPid);
        long root = shim.map(Proc::pid).orElse(initPid);
        if (procs.containsKey(root)) {
            out.add(root);
            out.addAll(descendants(root));
        }
        return out;
    }
}
