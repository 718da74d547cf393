package dev.rtbench.bench.run;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.bench.jmh.BenchContext;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineInfo;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.engine.docker.ManagedDaemon;
import dev.rtbench.harness.engine.cri.CriEndpoint;
import dev.rtbench.harness.engine.cri.CriEngine;
import dev.rtbench.harness.engine.cri.CriHandler;
import dev.rtbench.harness.engine.cri.ImageArchive;
import dev.rtbench.harness.engine.cri.ManagedContainerd;
import dev.rtbench.harness.engine.cri.PodNetwork;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.runtime.RuntimeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine a run measures through: a running daemon named by {@code --docker-host}, checked to know every runtime
 * of the run, or a managed daemon started with exactly those runtimes; with {@code --engine cri} or {@code both},
 * a CRI server beside it; and its clean-up, which removes every container and pod of the run and stops what it
 * started.
 */
final class RunEngine {
    private final ManagedDaemon daemon;
    private final DockerEngine engine;
    /** the run's CRI side ({@code --engine cri} or {@code both}), once {@link #connectCri} made it */
    private volatile CriEngine cri;
    private volatile ManagedContainerd containerd;

    private RunEngine(ManagedDaemon daemon, DockerEngine engine) {
        this.daemon = daemon;
        this.engine = engine;
    }

    /** dockerd's client, or null when the run measures through CRI alone and started no dockerd. */
    DockerEngine engine() {
        return engine;
    }

    /** The managed daemon's folder, if the run started one. */
    Optional<Path> daemonDir() {
        return daemon == null ? Optional.empty() : Optional.of(daemon.dir());
    }

    /** The dockerd binary the managed daemon runs, if the run started one. */
    Optional<Path> daemonBinary() {
        return daemon == null ? Optional.empty() : Optional.of(daemon.binary());
    }

    static RunEngine connect(RunOptions options, List<RuntimeUnderTest> runtimes) {
        if (!options.engine().has(Arm.DOCKER)) {
            // a Kubernetes node has no dockerd: a CRI run needs none, the workload image included (connectCri)
            if (options.dockerHost() != null) {
                throw new IllegalArgumentException("--docker-host names a Docker engine, and --engine cri measures"
                        + " through a CRI server alone: leave out --docker-host, or use --engine both");
            }
            return new RunEngine(null, null);
        }
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

    /** The CRI engine of the run, once {@link #connectCri} made it. */
    Optional<CriEngine> cri() {
        return Optional.ofNullable(cri);
    }

    /** The managed containerd's folder, if the run started one. */
    Optional<Path> containerdDir() {
        return containerd == null ? Optional.empty() : Optional.of(containerd.dir());
    }

    /**
     * The run's CRI side: the server at {@code --cri-endpoint}, checked to answer, to be ready and to hold the
     * workload image (rtbench cannot import into a server it does not manage); or a managed containerd with one
     * handler per runtime, named as in daemon.json, into which rtbench imports the workload image as an archive it
     * writes itself.
     *
     * @param runDir where a server rtbench does not manage gets the workload image written for it, when it lacks it
     * @return what a reader of the results should know of it
     */
    String connectCri(RunOptions options, List<RuntimeUnderTest> runtimes, String image, Path runDir) {
        if (options.criEndpoint() != null) {
            CriEndpoint endpoint = CriEndpoint.parse(options.criEndpoint());
            CriEngine c = CriEngine.connect(endpoint, options.callTimeout());
            try {
                String version;
                try {
                    var v = c.version();
                    version = v.getRuntimeName() + " " + v.getRuntimeVersion() + " (CRI " + v.getRuntimeApiVersion()
                            + ")";
                } catch (EngineException e) {
                    // the engine's message names the endpoint and says it does not answer
                    throw new EngineException(e.getMessage() + "; start containerd (with its CRI plugin) or cri-o"
                            + " there, or leave out --cri-endpoint to let rtbench start a private containerd", e);
                }
                if (!c.runtimeReady()) {
                    throw new EngineException("the CRI server at " + endpoint + " says its runtime is not ready: "
                            + c.conditions());
                }
                if (!c.hasImage(image)) {
                    // written where the user looks, so that importing it takes one command and no Docker engine
                    Path archive = runDir.resolve("workload-image.tar");
                    WorkloadImages.writeArchive(archive);
                    throw new EngineException("the CRI server at " + endpoint + " has no image " + image + ", and"
                            + " rtbench imports only into a containerd it manages. rtbench wrote it to " + archive
                            + "; put it there and run again: for containerd, `ctr -n k8s.io images import "
                            + archive + "`; for cri-o, `skopeo copy docker-archive:" + archive + " containers-storage:"
                            + image + "`");
                }
                PodNetworkChoice choice = options.podNetwork();
                c.usePodNetwork(choice == PodNetworkChoice.POD
                        || (choice == PodNetworkChoice.AUTO && c.networkReady()));
                cri = c;
                return "the CRI arms ran through " + version + " at " + endpoint + " (a running server: handlers"
                        + " as it configures them; only rtbench's pods were touched); " + (c.podNetwork()
                        ? "each pod in the server's pod network (its CNI configuration)"
                        : choice == PodNetworkChoice.NODE ? "pods share the node's network namespace, as hostNetwork"
                                + " pods do (--pod-network node)"
                        : "the server has no pod network ready (NetworkReady false), so pods share the node's network"
                                + " namespace, as hostNetwork pods do");
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        }
        List<CriHandler> handlers = runtimes.stream().map(RunEngine::handlerOf).toList();
        ImageArchive pause = WorkloadImages.sandbox();
        if (options.podNetwork() == PodNetworkChoice.POD) {
            PodNetwork.whyNone().ifPresent(why -> {
                throw new EngineException("--pod-network pod: a managed containerd cannot give pods a network here: "
                        + why);
            });
        }
        ManagedContainerd d = ManagedContainerd.start(handlers, pause, Duration.ofSeconds(60),
                options.podNetwork() == PodNetworkChoice.NODE ? List.of()
                        : PodNetwork.PLUGIN_DIRS);
        containerd = d;
        // written by rtbench, not exported from dockerd: the same files, labels and reference
        String written = WorkloadImages.importInto(d);
        if (!written.equals(image)) {
            throw new IllegalStateException("the CRI side's workload image " + written + " is not the run's " + image);
        }
        cri = CriEngine.connect(d.endpoint(), options.callTimeout());
        cri.usePodNetwork(d.network().isPresent());
        var v = cri.version();
        return "the CRI arms ran through a managed " + v.getRuntimeName() + " " + v.getRuntimeVersion() + " (CRI "
                + v.getRuntimeApiVersion() + ") in " + d.dir() + " (removed at the end of the run), handlers "
                + handlers.stream().map(RunEngine::describe).toList() + "; " + d.describeNetwork()
                + (options.podNetwork() == PodNetworkChoice.NODE ? " (--pod-network node)" : "");
    }

    /**
     * What the run records of its engine when the CRI server is the only one: its name and version, and for a
     * containerd rtbench configured, its cgroup driver (the runc shim's default, cgroupfs: the configuration sets
     * no SystemdCgroup) and its snapshotter (overlayfs, the default) on the file system of its folder.
     */
    EngineInfo criInfo() {
        var v = cri.version();
        String server = v.getRuntimeName() + " " + v.getRuntimeVersion();
        if (containerd == null) {
            return EngineInfo.ofCri(server, null, null, null);
        }
        String fs;
        try {
            fs = Files.getFileStore(containerd.dir()).type();
        } catch (IOException e) {
            fs = null;
        }
        return EngineInfo.ofCri(server, "cgroupfs", "overlayfs", fs);
    }

    /**
     * A runtime's CRI handler, named as in daemon.json: its profile's, which carries the arguments of a user's
     * entry too ({@code RuntimeCatalogue.forEntry}), with the entry's binary where it names one.
     */
    static CriHandler handlerOf(RuntimeUnderTest r) {
        RuntimeEntry e = r.entry();
        if (e != null && e.hasRuntimeType() && r.profile().kind() != RuntimeKind.KATA) {
            throw new IllegalArgumentException("runtime \"" + r.name() + "\" is a runtimeType entry (" + e.runtimeType()
                    + "): rtbench makes CRI handlers of runtime binaries only; measure it with --engine docker");
        }
        return CriHandler.forProfile(r.profile(), e != null && e.hasPath() ? e.path() : r.profile().detect().path());
    }

    private static String describe(CriHandler h) {
        return h.name() + " = " + h.runtimeType() + (h.binary() == null ? "" : " running " + h.binary())
                + (h.runtimeArgs().isEmpty() ? "" : " " + String.join(" ", h.runtimeArgs()))
                + (h.sandboxPerContainer() ? " (a sandbox per container)" : "");
    }

    /**
     * Removes every container of the run, then closes the connection and stops a managed daemon. When the daemon
     * is gone, what the run's containers ({@code containerIds}) left running is ended by their ids.
     */
    void close(String runId, Supplier<List<String>> containerIds) {
        CriEngine c = cri;
        cri = null;
        if (c != null) {
            try {
                c.sweep(BenchContext.RUN_LABEL, runId);
            } catch (RuntimeException e) {
                // closing the engine below removes every pod it ran, and a managed containerd's close ends the rest
            }
            c.close();
        }
        ManagedContainerd d = containerd;
        containerd = null;
        if (d != null) {
            d.close();
        }
        if (engine == null) {
            return;
        }
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
