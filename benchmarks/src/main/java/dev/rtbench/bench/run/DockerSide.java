package dev.rtbench.bench.run;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.Engine;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.docker.ManagedDaemon;
import dev.rtbench.harness.results.EngineKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * dockerd as a run's engine: a running daemon named by {@code --docker-host}, checked to know every runtime of the
 * run, or a managed daemon started with exactly those runtimes, stopped and removed when the run closes it.
 */
final class DockerSide implements Engine {
    private final ManagedDaemon daemon;
    private final DockerEngine engine;
    private final RuntimeVerifier verifier;

    private DockerSide(ManagedDaemon daemon, DockerEngine engine) {
        this.daemon = daemon;
        this.engine = engine;
        this.verifier = new RuntimeVerifier(engine, RuntimeVerifier.hostKernel());
    }

    /** @param tracing the run's tracing ({@code --attribute}), whose wrappers take the runtimes' places; or null */
    static DockerSide connect(RunOptions options, List<RuntimeUnderTest> runtimes, RunTracing tracing) {
        if (options.dockerHost() != null) {
            DockerEngine engine = DockerEngine.connect(options.dockerHost(), options.callTimeout());
            try {
                if (!engine.ping()) {
                    throw new EngineException("no Docker daemon answers at " + options.dockerHost()
                            + ": start it, or leave out --docker-host to let rtbench start a private one");
                }
                Map<String, String> registered = engine.info().runtimes();
                for (RuntimeUnderTest r : runtimes) {
                    if (!registered.containsKey(r.name())) {
                        throw new IllegalArgumentException("runtime \"" + r.name() + "\" is not registered in the"
                                + " daemon at "
                                + options.dockerHost() + ": configured runtimes are " + registered.keySet()
                                + "; add it with `java -jar benchmarks.jar configure --reload`");
                    }
                }
            } catch (RuntimeException e) {
                engine.close();
                throw e;
            }
            return new DockerSide(null, engine);
        }
        Map<String, RuntimeEntry> entries = new LinkedHashMap<>();
        for (RuntimeUnderTest r : runtimes) {
            if (r.entry() != null) {
                entries.put(r.name(), tracing == null ? r.entry() : tracing.wrap(r.name(), r.entry()));
            }
        }
        ManagedDaemon daemon = ManagedDaemon.start(entries, Duration.ofSeconds(60),
                tracing == null ? null : tracing.builtinRunc());
        if (tracing != null) {
            tracing.follow(daemon.containerdSocket());
        }
        return new DockerSide(daemon, DockerEngine.connect(daemon.host(), options.callTimeout()));
    }

    @Override
    public EngineKind kind() {
        return EngineKind.DOCKER;
    }

    @Override
    public ContainerDriver driver() {
        return engine;
    }

    /** dockerd's own client: images, info, the daemon's host. */
    DockerEngine docker() {
        return engine;
    }

    @Override
    public RuntimeVerifier verifier() {
        return verifier;
    }

    @Override
    public boolean answers() {
        return engine.ping();
    }

    @Override
    public String where() {
        return "the Docker daemon at " + engine.host();
    }

    /** What the run's notes say of the daemon, when the run started it. */
    Optional<String> describe() {
        return daemon == null ? Optional.empty() : Optional.of("the managed dockerd ran in " + daemon.dir()
                + " (removed at the end of the run), from " + daemon.binary());
    }

    @Override
    public void close() {
        engine.close();
        if (daemon != null) {
            daemon.close();
        }
    }
}
