package dev.rtbench.bench.run;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.Engine;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineInfo;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.engine.cri.CriEndpoint;
import dev.rtbench.harness.engine.cri.CriEngine;
import dev.rtbench.harness.engine.cri.CriHandler;
import dev.rtbench.harness.engine.cri.ImageArchive;
import dev.rtbench.harness.engine.cri.ManagedContainerd;
import dev.rtbench.harness.engine.cri.PodNetwork;
import dev.rtbench.harness.results.EngineKind;
import dev.rtbench.harness.runtime.RuntimeKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A CRI server as a run's engine: the server at {@code --cri-endpoint}, checked to answer, to be ready and to hold
 * the workload image (rtbench cannot import into a server it does not manage); or a managed containerd with one
 * handler per runtime, named as in daemon.json, into which rtbench imports the workload image as an archive it
 * writes itself, stopped and removed when the run closes it.
 */
final class CriSide implements Engine {
    private final CriEngine cri;
    /** the containerd the run started, or null for a server at {@code --cri-endpoint} */
    private final ManagedContainerd containerd;
    private final RuntimeVerifier verifier;
    /** what a reader of the results should know of it */
    private final String description;

    private CriSide(CriEngine cri, ManagedContainerd containerd, String description) {
        this.cri = cri;
        this.containerd = containerd;
        this.verifier = new RuntimeVerifier(cri, RuntimeVerifier.hostKernel());
        this.description = description;
    }

    /**
     * @param image   the workload image, as containers name it
     * @param runDir  where a server rtbench does not manage gets the workload image written for it, when it lacks it
     * @param tracing the run's tracing ({@code --attribute}), whose wrappers take the handlers' binaries; or null
     */
    static CriSide connect(RunOptions options, List<RuntimeUnderTest> runtimes, String image, Path runDir,
            RunTracing tracing) {
        return options.criEndpoint() != null ? running(options, image, runDir)
                : managed(options, runtimes, image, tracing);
    }

    private static CriSide running(RunOptions options, String image, Path runDir) {
        CriEndpoint endpoint = CriEndpoint.parse(options.criEndpoint());
        CriEngine c = CriEngine.connect(endpoint, options.callTimeout());
        try {
            String version;
            try {
                var v = c.version();
                version = v.getRuntimeName() + " " + v.getRuntimeVersion() + " (CRI " + v.getRuntimeApiVersion() + ")";
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
            c.usePodNetwork(choice == PodNetworkChoice.POD || (choice == PodNetworkChoice.AUTO && c.networkReady()));
            return new CriSide(c, null, "the CRI arms ran through " + version + " at " + endpoint + " (a running"
                    + " server: handlers as it configures them; only rtbench's pods were touched); " + (c.podNetwork()
                    ? "each pod in the server's pod network (its CNI configuration)"
                    : choice == PodNetworkChoice.NODE ? "pods share the node's network namespace, as hostNetwork"
                            + " pods do (--pod-network node)"
                    : "the server has no pod network ready (NetworkReady false), so pods share the node's network"
                            + " namespace, as hostNetwork pods do"));
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static CriSide managed(RunOptions options, List<RuntimeUnderTest> runtimes, String image,
            RunTracing tracing) {
        List<CriHandler> handlers = runtimes.stream().map(CriSide::handlerOf)
                .map(h -> tracing == null ? h : tracing.wrap(h)).toList();
        ImageArchive pause = WorkloadImages.sandbox();
        if (options.podNetwork() == PodNetworkChoice.POD) {
            PodNetwork.whyNone().ifPresent(why -> {
                throw new EngineException("--pod-network pod: a managed containerd cannot give pods a network here: "
                        + why);
            });
        }
        List<String> plugins = options.podNetwork() == PodNetworkChoice.NODE ? List.<String>of()
                : tracing == null ? PodNetwork.PLUGIN_DIRS : tracing.cniPlugins(PodNetwork.PLUGIN_DIRS);
        ManagedContainerd d = ManagedContainerd.start(handlers, pause, Duration.ofSeconds(60), plugins);
        CriEngine c = null;
        try {
            if (tracing != null) {
                tracing.follow(d.endpoint().socket());
            }
            // written by rtbench, not exported from dockerd: the same files, labels and reference
            String written = WorkloadImages.importInto(d);
            if (!written.equals(image)) {
                throw new IllegalStateException("the CRI side's workload image " + written + " is not the run's "
                        + image);
            }
            c = CriEngine.connect(d.endpoint(), options.callTimeout());
            c.usePodNetwork(d.network().isPresent());
            var v = c.version();
            return new CriSide(c, d, "the CRI arms ran through a managed " + v.getRuntimeName() + " "
                    + v.getRuntimeVersion() + " (CRI " + v.getRuntimeApiVersion() + ") in " + d.dir() + " (removed at"
                    + " the end of the run), handlers " + handlers.stream().map(CriSide::describe).toList() + "; "
                    + d.describeNetwork() + (options.podNetwork() == PodNetworkChoice.NODE ? " (--pod-network node)"
                    : ""));
        } catch (RuntimeException e) {
            if (c != null) {
                c.close();
            }
            d.close();
            throw e;
        }
    }

    @Override
    public EngineKind kind() {
        return EngineKind.CRI;
    }

    @Override
    public ContainerDriver driver() {
        return cri;
    }

    @Override
    public RuntimeVerifier verifier() {
        return verifier;
    }

    @Override
    public boolean answers() {
        try {
            cri.version();
            return true;
        } catch (EngineException e) {
            return false;
        }
    }

    @Override
    public String where() {
        return "the CRI server at " + cri.endpoint();
    }

    /** What a reader of the results should know of the server. */
    String description() {
        return description;
    }

    /** Whether the run started the server (a managed containerd), rather than using one at --cri-endpoint. */
    boolean managed() {
        return containerd != null;
    }

    /**
     * What the run records of its engine when the CRI server is the only one: its name and version, and for a
     * containerd rtbench configured, its cgroup driver (the runc shim's default, cgroupfs: the configuration sets
     * no SystemdCgroup) and its snapshotter (overlayfs, the default) on the file system of its folder.
     */
    EngineInfo info() {
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

    @Override
    public void close() {
        try {
            cri.close();
        } finally {
            if (containerd != null) {
                containerd.close();
            }
        }
    }
}
