package dev.rtbench.bench.run;

import dev.rtbench.workloads.OutputParser;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.WorkloadKind;
import dev.rtbench.workloads.Workloads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workloads measured on the host rather than in a container: {@code density} (how many idle containers fit,
 * and what each costs the host) and {@code burst-K} (K containers started at once). They live beside the run, not
 * in {@link Workloads}, because what they measure is the host's memory and the daemons' CPU, which no container
 * can report about itself.
 */
public final class HostWorkloads {
    private HostWorkloads() {}

    public static final String DENSITY = "density";
    public static final String BURST = "burst";
    private static final String BURST_PREFIX = BURST + "-";

    /** Idle containers of a density measurement at each profile. */
    public static int densityFor(Profile p) {
        return switch (p.name()) {
            case "smoke" -> 5;
            case "full" -> 200;
            default -> 50;
        };
    }

    /**
     * Idle containers of the density measurement in a run of every workload (no {@code --workloads}): fewer than
     * {@link #densityFor}, because that run measures density in every round like every other workload and must
     * stay within the profile's budget. At quick, 50 containers a runtime took ~35 s a block on 2 cores (12 blocks:
     * 7 minutes, most of the default run's 10); 10 took 11.5 s, a quarter of a round; 5 take about 7 s.
     * {@code --density N} or {@code --workloads density} measure the profile's full N.
     */
    public static int defaultRunDensity(Profile p) {
        return switch (p.name()) {
            case "smoke" -> 3;
            case "full" -> 50;
            default -> 5;
        };
    }

    /** Burst sizes in a run of every workload: as {@link #defaultRunDensity}, the sizes the budget affords. */
    public static List<Integer> defaultRunBursts(Profile p) {
        return switch (p.name()) {
            case "smoke" -> List.of(2);
            case "full" -> List.of(1, 2, 4, 8, 16);
            default -> List.of(1, 4);
        };
    }

    /**
     * The N of this run's density workload: {@code --density}, else the size for a run of every workload when no
     * workload was named, else the profile's.
     */
    public static int densityOf(RunOptions o) {
        if (o.density() > 0) {
            return o.density();
        }
        return everyWorkload(o) ? defaultRunDensity(o.profile()) : densityFor(o.profile());
    }

    /**
     * A run of every workload: none named, or {@code --workloads all}. Both measure density in every round, so both
     * take the size the budget affords; {@code all} once got the named size (200 containers a round at full).
     */
    static boolean everyWorkload(RunOptions o) {
        return o.workloads().isEmpty() || o.workloads().equals(List.of("all"));
    }

    /** The density and burst workloads of a run of every workload, sized by {@link #defaultRunDensity}. */
    public static List<Workload> forDefaultRun(RunOptions o) {
        List<Workload> out = new ArrayList<>();
        out.add(density(densityOf(o)));
        (o.bursts().isEmpty() ? defaultRunBursts(o.profile()) : o.bursts()).forEach(k -> out.add(burst(k)));
        return out;
    }

    /** Burst sizes at each profile. */
    public static List<Integer> burstsFor(Profile p) {
        return switch (p.name()) {
            case "smoke" -> List.of(1, 4);
            case "full" -> List.of(1, 2, 4, 8, 16);
            default -> List.of(1, 4, 16);
        };
    }

    public static boolean isDensity(String workload) {
        return DENSITY.equals(workload);
    }

    public static boolean isBurst(String workload) {
        return burstSize(workload) > 0;
    }

    /** K of {@code burst-K}, or 0 for any other name. */
    public static int burstSize(String workload) {
        if (workload == null || !workload.startsWith(BURST_PREFIX)) {
            return 0;
        }
        try {
            int k = Integer.parseInt(workload.substring(BURST_PREFIX.length()));
            return k > 0 ? k : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static Workload density(int n) {
        return new Workload(DENSITY, WorkloadKind.LIFECYCLE, String.format(Locale.ROOT, "%d idle containers (%s)"
                + " started one after another and kept running, then removed: the time to reach %d and the start"
                + " latency of the k-th (create + start); memavailable-per-container is the drop in the host's"
                + " MemAvailable (/proc/meminfo; caches dropped as root first; each reading taken once two readings"
                + " 0.5 s apart differ by less than 2 MiB or 1%% of the drop, waiting at most 10 s before and 15 s"
                + " after, so on a busy shared host it also holds whatever else changed meanwhile) over N, measured"
                + " from 20 containers on (below that the host's own movement is as large as the signal: 5 runc"
                + " containers read 0.5-15 MiB each where their PSS was 4.2);"
                + " pss-per-container is the sum of Pss (/proc/PID/smaps_rollup) over every process started for the containers (each"
                + " container's shim, found from its State.Pid, and all the shim's descendants: the container's own"
                + " processes, gVisor's sandbox, gofer and stubs, a VM's hypervisor) over N", n,
                String.join(" ", Workloads.IDLE_COMMAND), n), Workloads.IDLE_COMMAND, Map.of(), "ms",
                OutputParser.NONE);
    }

    public static Workload burst(int k) {
        return new Workload(BURST_PREFIX + k, WorkloadKind.LIFECYCLE, String.format(Locale.ROOT, "%d created idle"
                + " containers started at once, one thread each: the time until every start returned (all running),"
                + " the median and slowest single start, and the CPU time dockerd and containerd spent meanwhile"
                + " (the sum of their threads' /proc/PID/task/TID/schedstat run time, in ns)", k),
                Workloads.IDLE_COMMAND, Map.of(), "ms", OutputParser.NONE);
    }

    /**
     * The workloads named: {@code density}, {@code burst} (every burst size of the run), {@code burst-K}, or a
     * name {@link Workloads#byName} knows (which refuses unknown names, listing the known ones).
     */
    public static List<Workload> resolve(List<String> names, Profile p, int density, List<Integer> bursts) {
        Map<String, Workload> out = new LinkedHashMap<>();
        for (String raw : names) {
            String name = raw.strip();
            if (isDensity(name)) {
                out.putIfAbsent(name, density(density > 0 ? density : densityFor(p)));
            } else if (name.equals(BURST)) {
                (bursts.isEmpty() ? burstsFor(p) : bursts).forEach(k -> out.putIfAbsent(BURST_PREFIX + k, burst(k)));
            } else if (isBurst(name)) {
                out.putIfAbsent(name, burst(burstSize(name)));
            } else {
                try {
                    Workload w = Workloads.byName(name);
                    out.putIfAbsent(w.name(), w);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + ", density, burst, burst-K", e);
                }
            }
        }
        return List.copyOf(out.values());
    }

    /** For the run's notes: how each host figure of these workloads was measured. */
    public static List<String> notes(List<Workload> workloads) {
        return workloads.stream().filter(w -> isDensity(w.name()) || isBurst(w.name()))
                .map(w -> w.name() + ": " + w.stresses()).toList();
    }
}
