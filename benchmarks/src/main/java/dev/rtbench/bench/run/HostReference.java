package dev.rtbench.bench.run;

import dev.rtbench.harness.io.CleanupOnExit;
import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.HostSample;
import dev.rtbench.workloads.HostRun;
import dev.rtbench.workloads.Measurement;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.WorkloadImage;
import dev.rtbench.workloads.WorkloadKind;
import dev.rtbench.workloads.Workloads;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The host reference: what this host does outside any container, measured in every round between its blocks, so
 * that each ratio can be read against the host it came from. Four of the workloads, run on the host with the
 * containers' own scripts and tools ({@link HostRun}): the system-call round trip (stress-ng's null stressor), process
 * creation (stress-ng fork), memory bandwidth (sysbench memory, 1 MiB blocks) and fsync latency (fio, 4 KiB writes
 * each followed by fsync). A run on a machine twice as slow shows it here before it shows in any ratio.
 *
 * <p>The smoke profile, whose figures decide nothing, skips it, and so does a run with no workload inside a
 * container (validate, or lifecycle phases alone).
 */
final class HostReference implements AutoCloseable {

    static final List<String> WORKLOADS = List.of("syscall-null", "fork", "memory-1m", "fio-fsync");

    /** A workload's own ceiling is seconds; a minute is generous on a slow, busy host and bounds a hung tool. */
    private static final int TIMEOUT_SECONDS = 60;

    /**
     * The system calls and forks run at a quarter of the profile's sizes: at the full size the reference took
     * 3.3 s a round of the quick profile (10% of the default run's budget), most of it theirs, and their rates
     * came out alike at a quarter (26,380 and 26,500 null calls a second, 345 and 365 forks). Memory and fsync
     * keep the profile's sizes: their short jobs' start-up weighs on the rate (a quarter gave 7% less bandwidth
     * and half the fsyncs a second).
     */
    static final Map<String, Double> SHARE = Map.of("syscall-null", 0.25, "fork", 0.25);

    private final HostRun host;
    /** removes the host's scripts folder on close, or at the JVM's exit (Ctrl-C) if that comes first */
    private final CleanupOnExit cleanup;
    private final List<Workload> workloads;
    private final double scale;
    private long nanos;
    private int rounds;

    private HostReference(HostRun host, List<Workload> workloads, double scale) {
        this.host = host;
        this.cleanup = CleanupOnExit.register("rtbench-host-reference", host::close);
        this.workloads = List.copyOf(workloads);
        this.scale = scale;
    }

    /**
     * The reference for a run of {@code profile}, or empty (said through {@code notes}) when the profile skips it or
     * this host lacks what it needs.
     */
    static Optional<HostReference> prepare(Profile profile, List<Workload> measured, Consumer<String> notes) {
        if (!profile.warmups()) {
            notes.accept("no host reference (profile " + profile.name() + ", whose figures decide nothing)");
            return Optional.empty();
        }
        if (measured.stream().noneMatch(w -> w.kind() == WorkloadKind.EXECUTION)) {
            // validate, and runs of lifecycle phases alone: what the reference measures is work inside a container
            notes.accept("no host reference: this run measures no workload inside a container, which is what the"
                    + " host's own figures are set against");
            return Optional.empty();
        }
        if (!Files.isRegularFile(WorkloadImage.HOST_BUSYBOX)) {
            notes.accept("no host reference: it runs the workloads' scripts with the static busybox at "
                    + WorkloadImage.HOST_BUSYBOX + ", which is missing (Debian: apt-get install busybox-static)");
            return Optional.empty();
        }
        Map<String, String> unavailable = Workloads.unavailable();
        List<Workload> chosen = new ArrayList<>();
        for (String name : WORKLOADS) {
            String why = unavailable.get(name);
            if (why != null) {
                notes.accept("host reference without " + name + ": " + why);
            } else {
                chosen.addAll(Workloads.select(name));
            }
        }
        if (chosen.isEmpty()) {
            return Optional.empty();
        }
        notes.accept("host reference: " + String.join(", ", chosen.stream().map(Workload::name).toList())
                + " run on the host itself, outside any container, with the containers' scripts and tools, once a"
                + " round before its blocks, syscall-null and fork at a quarter of the run's size (results.json:"
                + " hostReference)");
        return Optional.of(new HostReference(HostRun.prepare(WorkloadImage.HOST_BUSYBOX), chosen,
                profile.scale()));
    }

    /** Each workload once, in order; a failure is recorded with its reason and does not stop the others. */
    List<HostSample> measure(int round) {
        long t0 = System.nanoTime();
        rounds++;
        try {
            return measureOnce(round);
        } finally {
            nanos += System.nanoTime() - t0;
        }
    }

    /** What the reference cost the run, for its notes. */
    String cost() {
        return String.format(Locale.ROOT, "host reference: %d round(s), %.1f s in all (%.1f s a round, setups"
                + " included)", rounds, nanos / 1e9, rounds == 0 ? 0 : nanos / 1e9 / rounds);
    }

    private List<HostSample> measureOnce(int round) {
        List<HostSample> out = new ArrayList<>();
        for (Workload w : workloads) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            HostRun.Result r = host.run(w, scale * SHARE.getOrDefault(w.name(), 1.0), TIMEOUT_SECONDS);
            if (r.failure().isPresent()) {
                out.add(new HostSample(round, w.name(), "failed", Double.NaN, w.unit(), Direction.LOWER_IS_BETTER,
                        r.failure().get()));
                continue;
            }
            for (Measurement m : r.measurements()) {
                out.add(new HostSample(round, w.name(), m.metric(), m.value(), m.unit(),
                        m.higherIsBetter() ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER, null));
            }
        }
        return out;
    }

    @Override
    public void close() {
        cleanup.run();
    }
}
