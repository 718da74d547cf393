package dev.rtbench.bench.run;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.bench.jmh.BenchContext;
import dev.rtbench.harness.engine.DockerEngine;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.engine.ManagedDaemon;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine a run measures through: a running daemon named by {@code --docker-host}, checked to know every runtime
 * of the run, or a managed daemon started with exactly those runtimes; and its clean-up, which removes every
 * container of the run and stops a managed daemon.
 */
final class RunEngine {
    private final ManagedDaemon daemon;
    private final DockerEngine engine;

    private RunEngine(ManagedDaemon daemon, DockerEngine engine) {
        this.daemon = daemon;
        this.engine = engine;
    }

    DockerEngine engine() {
        return engine;
    }

    /** The managed daemon's folder, if the run started one. */
    java.util.Optional<java.nio.file.Path> daemonDir() {
        return daemon == null ? java.util.Optional.empty() : java.util.Optional.of(daemon.dir());
    }

    static RunEngine connect(RunOptions options, List<RuntimeUnderTest> runtimes) {
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
            return new RunEngine(null, engine);
        }
        Map<String, RuntimeEntry> entries = new LinkedHashMap<>();
        for (RuntimeUnderTest r : runtimes) {
            if (r.entry() != null) {
                entries.put(r.name(), r.entry());
            }
        }
        ManagedDaemon daemon = ManagedDaemon.start(entries, Duration.ofSeconds(60));
        return new RunEngine(daemon, DockerEngine.connect(daemon.host(), options.callTimeout()));
    }

    /**
     * Removes every container of the run, then closes the connection and stops a managed daemon. When the daemon
     * is gone, what the run's containers ({@code containerIds}) left running is ended by their ids.
     */
    void close(String runId, Supplier<List<String>> containerIds) {
        try {
            engine.sweep(BenchContext.RUN_LABEL, runId);
        } catch (RuntimeException e) {
            LeftoverProcesses.killFor(containerIds.get());
        }
        engine.close();
        if (daemon != null) {
            daemon.close();
        }
    }
}
