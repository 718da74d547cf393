package dev.rtbench.bench.run;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.workloads.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code run} was asked to do, in three groups: which runtimes, what to measure, and through which engines;
 * with where the run goes and the seed of its block orders.
 *
 * @param arms    the runtimes and the baseline
 * @param measure the workloads, the profile and the sizes
 * @param through the engines and how to reach them
 * @param out     the run's folder, or null for {@code results/<run-id>}
 * @param seed    the seed of the block orders ({@code --seed}), or null to draw one from the run's id
 */
public record RunOptions(Arms arms, Measure measure, Through through, Path out, Long seed) {

    /**
     * @param runtimes    runtimes asked for, or empty for every catalogue runtime that can run here
     * @param baseline    the runtime to compare against, or null for the first (runc by default)
     * @param userEntries daemon.json entries the user gave ({@code --daemon-json}, {@code --runtime NAME=PATH})
     */
    public record Arms(List<String> runtimes, String baseline, Map<String, RuntimeEntry> userEntries) {
        public Arms {
            runtimes = List.copyOf(runtimes);
            userEntries = Map.copyOf(userEntries);
        }

        /** Every runtime that can run here, against runc. */
        public static Arms found() {
            return new Arms(List.of(), null, Map.of());
        }
    }

    /**
     * @param workloads     workloads asked for, or empty for the default set
     * @param image         an image of the user's to run the workloads in, or null for the built-in one
     * @param userWorkloads the user's own workloads ({@code --workload-file}), run beside the chosen built-in ones
     * @param density       idle containers of a {@code density} measurement, or 0 for the profile's
     * @param bursts        the {@code burst-K} sizes of {@code burst}, or empty for the profile's
     */
    public record Measure(List<String> workloads, Profile profile, String image, List<Workload> userWorkloads,
                          int density, List<Integer> bursts) {
        public Measure {
            workloads = List.copyOf(workloads);
            userWorkloads = List.copyOf(userWorkloads);
            bursts = List.copyOf(bursts);
            if (density < 0 || bursts.stream().anyMatch(k -> k < 1)) {
                throw new IllegalArgumentException("density and burst sizes must be positive, got " + density
                        + " and " + bursts);
            }
        }

        /** Built-in workloads in rtbench's image, density and bursts sized by the profile. */
        public static Measure of(List<String> workloads, Profile profile) {
            return new Measure(workloads, profile, null, List.of(), 0, List.of());
        }
    }

    /**
     * @param engine      the engines to measure through ({@code --engine})
     * @param dockerHost  a running daemon to use instead of a managed one, or null
     * @param criEndpoint a running CRI server to use instead of a managed containerd ({@code --cri-endpoint}), or null
     * @param podNetwork  the network of the pods made through CRI ({@code --pod-network})
     * @param callTimeout the bound on every engine call
     * @param tracing     whether to record each timed phase's timeline ({@code --attribute}): rtbench's tracing
     *                    wrapper in each runtime's place, and the engine's containerd events
     */
    public record Through(EngineChoice engine, String dockerHost, String criEndpoint, PodNetworkChoice podNetwork,
                          Duration callTimeout, Tracing tracing) {
        public Through {
            tracing = tracing == null ? Tracing.OFF : tracing;
            if (tracing.on() && (dockerHost != null || criEndpoint != null)) {
                throw new IllegalArgumentException("--attribute puts rtbench's tracing wrapper in each runtime's place,"
                        + " which it does only in a daemon it starts itself: leave out "
                        + (dockerHost != null ? "--docker-host" : "--cri-endpoint") + " (rtbench then starts a"
                        + " private one beside yours), or leave out --attribute");
            }
            engine = engine == null ? EngineChoice.DOCKER : engine;
            if (criEndpoint != null && !engine.has(Arm.CRI)) {
                throw new IllegalArgumentException("--cri-endpoint names the CRI server of --engine cri or both; add"
                        + " --engine cri (or both), or leave it out");
            }
            podNetwork = podNetwork == null ? PodNetworkChoice.AUTO : podNetwork;
            if (podNetwork != PodNetworkChoice.AUTO && !engine.has(Arm.CRI)) {
                throw new IllegalArgumentException("--pod-network chooses the network of the pods of --engine cri or"
                        + " both; add --engine cri (or both), or leave it out");
            }
        }

        /** Without tracing, as every run but {@code --attribute}'s. */
        public Through(EngineChoice engine, String dockerHost, String criEndpoint, PodNetworkChoice podNetwork,
                Duration callTimeout) {
            this(engine, dockerHost, criEndpoint, podNetwork, callTimeout, Tracing.OFF);
        }

        /** Managed engines of {@code engine}, pods in the server's pod network where it has one. */
        public static Through managed(EngineChoice engine, Duration callTimeout) {
            return new Through(engine, null, null, PodNetworkChoice.AUTO, callTimeout);
        }

        /** The same engines, traced as {@code t} says. */
        public Through traced(Tracing t) {
            return new Through(engine, dockerHost, criEndpoint, podNetwork, callTimeout, t);
        }
    }

    /**
     * Whether a run records timelines ({@code --attribute}), and which arms it leaves without the tracing wrapper:
     * none in a run, the A/A's reference in {@code validate --attribute}, whose A/A then measures the wrapper's cost.
     */
    public record Tracing(boolean on, Set<String> untraced) {
        public static final Tracing OFF = new Tracing(false, Set.of());
        public static final Tracing ALL = new Tracing(true, Set.of());

        public Tracing {
            untraced = Set.copyOf(untraced);
        }

        /** Whether {@code runtime}'s binary gets the wrapper. */
        public boolean traces(String runtime) {
            return on && !untraced.contains(runtime);
        }
    }

    /** These options with the block orders' seed of an earlier run ({@code --seed}). */
    public RunOptions withSeed(long other) {
        return new RunOptions(arms, measure, through, out, other);
    }

    // the fields a run reads most, by their option's name

    public List<String> runtimes() {
        return arms.runtimes();
    }

    public String baseline() {
        return arms.baseline();
    }

    public Map<String, RuntimeEntry> userEntries() {
        return arms.userEntries();
    }

    public List<String> workloads() {
        return measure.workloads();
    }

    public Profile profile() {
        return measure.profile();
    }

    public String image() {
        return measure.image();
    }

    public List<Workload> userWorkloads() {
        return measure.userWorkloads();
    }

    public int density() {
        return measure.density();
    }

    public List<Integer> bursts() {
        return measure.bursts();
    }

    public EngineChoice engine() {
        return through.engine();
    }

    public String dockerHost() {
        return through.dockerHost();
    }

    public String criEndpoint() {
        return through.criEndpoint();
    }

    public PodNetworkChoice podNetwork() {
        return through.podNetwork();
    }

    public Duration callTimeout() {
        return through.callTimeout();
    }

    public Tracing tracing() {
        return through.tracing();
    }
}
