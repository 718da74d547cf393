package dev.rtbench.bench.run;

import dev.rtbench.harness.engine.Engine;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.results.Arm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engines a run measures through, as equals: dockerd ({@link DockerSide}), a CRI server ({@link CriSide}), or
 * both; and their clean-up, which removes every container and pod of the run and stops what the run started.
 */
final class RunEngine {
    /** dockerd, or null when the run measures through CRI alone and started none */
    private final DockerSide docker;
    /** the run's CRI side ({@code --engine cri} or {@code both}), once {@link #connectCri} made it */
    private volatile CriSide cri;

    /** the run's tracing ({@code --attribute}), or null */
    private final RunTracing tracing;

    private RunEngine(DockerSide docker, RunTracing tracing) {
        this.docker = docker;
        this.tracing = tracing;
    }

    static RunEngine connect(RunOptions options, List<RuntimeUnderTest> runtimes) {
        RunTracing tracing = options.tracing().on() ? RunTracing.create(options.tracing()) : null;
        try {
            return connect(options, runtimes, tracing);
        } catch (RuntimeException e) {
            if (tracing != null) {
                tracing.close();
            }
            throw e;
        }
    }

    private static RunEngine connect(RunOptions options, List<RuntimeUnderTest> runtimes, RunTracing tracing) {
        if (!options.engine().has(Arm.DOCKER)) {
            // a Kubernetes node has no dockerd: a CRI run needs none, the workload image included (connectCri)
            if (options.dockerHost() != null) {
                throw new IllegalArgumentException("--docker-host names a Docker engine, and --engine cri measures"
                        + " through a CRI server alone: leave out --docker-host, or use --engine both");
            }
            return new RunEngine(null, tracing);
        }
        return new RunEngine(DockerSide.connect(options, runtimes, tracing), tracing);
    }

    /** The run's tracing, with {@code --attribute}. */
    Optional<RunTracing> tracing() {
        return Optional.ofNullable(tracing);
    }

    /** dockerd, unless the run measures through CRI alone. */
    Optional<DockerSide> docker() {
        return Optional.ofNullable(docker);
    }

    /** The CRI side of the run, once {@link #connectCri} made it. */
    Optional<CriSide> cri() {
        return Optional.ofNullable(cri);
    }

    /**
     * Connects the run's CRI side ({@link CriSide#connect}).
     *
     * @return what a reader of the results should know of it
     */
    String connectCri(RunOptions options, List<RuntimeUnderTest> runtimes, String image, Path runDir) {
        cri = CriSide.connect(options, runtimes, image, runDir, tracing);
        return cri.description();
    }

    /** The connected engines, dockerd first. */
    List<Engine> engines() {
        List<Engine> out = new ArrayList<>();
        docker().ifPresent(out::add);
        cri().ifPresent(out::add);
        return out;
    }

    /**
     * Removes every container and pod of the run from each engine, then closes each and stops what the run
     * started. Where an engine cannot sweep (a daemon that is gone), what the run's containers
     * ({@code containerIds}) left running is ended by their ids.
     */
    void close(String runId, Supplier<List<String>> containerIds) {
        CriSide c = cri;
        cri = null;
        List<Engine> engines = new ArrayList<>();
        if (c != null) {
            engines.add(c);
        }
        if (docker != null) {
            engines.add(docker);
        }
        RuntimeException first = null;
        for (Engine e : engines) {
            try {
                e.sweep(runId);
            } catch (RuntimeException failed) {
                // a CRI engine's close removes every pod it ran, and a managed containerd's close ends the rest
                LeftoverProcesses.killFor(containerIds.get());
            }
            try {
                e.close();
            } catch (RuntimeException failed) {
                // the next engine is still closed: nothing of the run may outlive it
                first = first == null ? failed : first;
            }
        }
        if (tracing != null) {
            tracing.close();
        }
        if (first != null) {
            throw first;
        }
    }
}
