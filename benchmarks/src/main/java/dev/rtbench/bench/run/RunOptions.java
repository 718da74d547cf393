package dev.rtbench.bench.run;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.workloads.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@code run} was asked to do.
 *
 * @param runtimes      runtimes asked for, or empty for every catalogue runtime that can run here
 * @param baseline      the runtime to compare against, or null for the first (runc by default)
 * @param workloads     workloads asked for, or empty for all
 * @param userEntries   daemon.json entries the user gave ({@code --daemon-json}, {@code --runtime NAME=PATH})
 * @param out           the run's folder, or null for {@code results/<run-id>}
 * @param dockerHost    a running daemon to use instead of a managed one, or null
 * @param image         an image of the user's to run the workloads in, or null for the built-in one
 * @param callTimeout   the bound on every Docker call
 * @param userWorkloads the user's own workloads ({@code --workload-file}), run beside the chosen built-in ones
 * @param density       idle containers of a {@code density} measurement, or 0 for the profile's
 * @param bursts        the {@code burst-K} sizes of {@code burst}, or empty for the profile's
 * @param engine        the engines to measure through ({@code --engine})
 * @param criEndpoint   a running CRI server to use instead of a managed containerd ({@code --cri-endpoint}), or null
 * @param podNetwork    the network of the pods made through CRI ({@code --pod-network})
 * @param seed          the seed of the block orders ({@code --seed}), or null to draw one from the run's id
 */
public record RunOptions(
        List<String> runtimes,
        String baseline,
        List<String> workloads,
        Profile profile,
        Map<String, RuntimeEntry> userEntries,
        Path out,
        String dockerHost,
        String image,
        Duration callTimeout,
        List<Workload> userWorkloads,
        int density,
        List<Integer> bursts,
        EngineChoice engine,
        String criEndpoint,
        PodNetworkChoice podNetwork,
        Long seed) {

    /** The block orders' seed drawn from the run's id. */
    public RunOptions(List<String> runtimes, String baseline, List<String> workloads, Profile profile,
            Map<String, RuntimeEntry> userEntries, Path out, String dockerHost, String image,
            Duration callTimeout, List<Workload> userWorkloads, int density,
            List<Integer> bursts, EngineChoice engine, String criEndpoint, PodNetworkChoice podNetwork) {
        this(runtimes, baseline, workloads, profile, userEntries, out, dockerHost, image, callTimeout, userWorkloads,
                density, bursts, engine, criEndpoint, podNetwork, null);
    }

    /** These options with the block orders' seed of an earlier run ({@code --seed}). */
    public RunOptions withSeed(long other) {
        return new RunOptions(runtimes, baseline, workloads, profile, userEntries, out, dockerHost, image, callTimeout,
                userWorkloads, density, bursts, engine, criEndpoint, podNetwork, other);
    }

    public RunOptions {
        runtimes = List.copyOf(runtimes);
        workloads = List.copyOf(workloads);
        userEntries = Map.copyOf(userEntries);
        userWorkloads = List.copyOf(userWorkloads);
        bursts = List.copyOf(bursts);
        engine = engine == null ? EngineChoice.DOCKER : engine;
        if (criEndpoint != null && !engine.has(Arm.CRI)) {
            throw new IllegalArgumentException("--cri-endpoint names the CRI server of --engine cri or both; add"
                    + " --engine cri (or both), or leave it out");
        }
        podNetwork = podNetwork == null ? PodNetworkChoice.AUTO : podNetwork;
        if (podNetwork != PodNetworkChoice.AUTO && !engine.has(Arm.CRI)) {
            throw new IllegalArgumentException("--pod-network chooses the network of the pods of --engine cri or both;"
                    + " add --engine cri (or both), or leave it out");
        }
        if (density < 0 || bursts.stream().anyMatch(k -> k < 1)) {
            throw new IllegalArgumentException("density and burst sizes must be positive, got " + density + " and "
                    + bursts);
        }
    }

    /** Pods in the server's pod network where it has one. */
    public RunOptions(List<String> runtimes, String baseline, List<String> workloads, Profile profile,
            Map<String, RuntimeEntry> userEntries, Path out, String dockerHost, String image,
            Duration callTimeout, List<Workload> userWorkloads, int density,
            List<Integer> bursts, EngineChoice engine, String criEndpoint) {
        this(runtimes, baseline, workloads, profile, userEntries, out, dockerHost, image, callTimeout, userWorkloads,
                density, bursts, engine, criEndpoint, PodNetworkChoice.AUTO);
    }

    /** Through dockerd alone. */
    public RunOptions(List<String> runtimes, String baseline, List<String> workloads, Profile profile,
            Map<String, RuntimeEntry> userEntries, Path out, String dockerHost, String image,
            Duration callTimeout, List<Workload> userWorkloads, int density,
            List<Integer> bursts) {
        this(runtimes, baseline, workloads, profile, userEntries, out, dockerHost, image, callTimeout, userWorkloads,
                density, bursts, EngineChoice.DOCKER, null, PodNetworkChoice.AUTO);
    }

    /** Density and bursts sized by the profile. */
    public RunOptions(List<String> runtimes, String baseline, List<String> workloads, Profile profile,
            Map<String, RuntimeEntry> userEntries, Path out, String dockerHost, String image,
            Duration callTimeout) {
        this(runtimes, baseline, workloads, profile, userEntries, out, dockerHost, image, callTimeout, List.of(), 0,
                List.of());
    }
}
