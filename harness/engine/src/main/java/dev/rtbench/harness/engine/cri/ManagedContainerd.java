package dev.rtbench.harness.engine.cri;

import dev.rtbench.harness.engine.DaemonProcess;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.io.Executables;
import dev.rtbench.harness.io.FileTrees;
import dev.rtbench.harness.io.Subprocess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A containerd of our own with its CRI plugin, beside any other: root, state, socket, the runtimes' state and
 * config.toml in one private folder ({@code /tmp/rtbc-*}, 0700), and exactly the runtime handlers under test. It
 * never reads or writes the host's {@code /etc/containerd} and never talks to another containerd.
 *
 * <p>No registry is reachable, so images come in as archives ({@link #importImage}); the sandbox ("pause")
 * image is one of them, imported before the first pod. {@link #close()} removes every pod, stops containerd
 * (SIGTERM, then SIGKILL), ends what outlived it (shims, gVisor sandboxes, container processes), undoes the
 * mounts below its folder and removes the folder; a shutdown hook does the same if the JVM is ended first.
 */
public final class ManagedContainerd extends DaemonProcess {

    /** The private folders are {@code /tmp/rtbc-*}. */
    private static final String FOLDER_PREFIX = "rtbc-";

    /** The containerd namespace the CRI plugin keeps its images and containers in. */
    public static final String CRI_NAMESPACE = "k8s.io";

    /** made with the folder, under the clean-up's guard */
    private volatile ManagedContainerdConfig config;
    private final Path ctr;
    /** the k8s.io cgroup folders there were before this containerd ran anything */
    private final Set<Path> cgroupParentsBefore = CgroupDirs.parents(CgroupDirs.ROOT);
    /**
     * what this host lacked for a pod network, or null when the pods have one
     * ({@link ManagedContainerdConfig#network()})
     */
    private final String noNetworkBecause;
    private CriEngine client;

    private ManagedContainerd(String noNetworkBecause, Path ctr) {
        super("containerd", "rtbench-managed-containerd-stop");
        this.noNetworkBecause = noNetworkBecause;
        this.ctr = ctr;
    }

    /**
     * Starts containerd with one CRI handler per entry of {@code handlers}, imports {@code sandbox} as every
     * pod's sandbox image, and waits until its CRI says the runtime is ready. Pods get a network of their own
     * ({@link PodNetwork}) where this host has the CNI plugins, and share the node's otherwise
     * ({@link #network()} says which, and why).
     *
     * @throws EngineException naming what to install or fix (a handler that cannot run here: see
     *                         {@link #problem}), with the end of containerd's log when it would not start
     */
    public static ManagedContainerd start(List<CriHandler> handlers, ImageArchive sandbox, Duration startTimeout) {
        return start(handlers, sandbox, startTimeout, PodNetwork.PLUGIN_DIRS);
    }

    /**
     * As {@link #start(List, ImageArchive, Duration)}, with the CNI plugins of the pods' network looked for in
     * {@code cniPluginDirs}, in order (e.g. a cluster's own plugin folder); none, for pods in the node's network
     * namespace.
     */
    public static ManagedContainerd start(List<CriHandler> handlers, ImageArchive sandbox, Duration startTimeout,
            List<String> cniPluginDirs) {
        Path containerd = find("containerd");
        Path ctr = find("ctr");
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new EngineException("a managed containerd needs root: run as root, or pass --cri-endpoint to use"
                    + " a CRI server that is already running");
        }
        for (CriHandler h : handlers) {
            problem(h).ifPresent(p -> {
                throw new EngineException("handler \"" + h.name() + "\" cannot run here: " + p);
            });
        }
        String noNetworkBecause = cniPluginDirs.isEmpty() ? "no pod network was asked for"
                : PodNetwork.whyNone(cniPluginDirs).orElse(null);
        // the clean-up is registered before anything exists to clean, and what it removes is made under it
        ManagedContainerd d = new ManagedContainerd(noNetworkBecause, ctr);
        d.spawn(FOLDER_PREFIX, "the managed containerd",
                dir -> d.prepare(dir, containerd, handlers, sandbox, cniPluginDirs));
        ManagedContainerdConfig config = d.config;

        try {
            d.client = CriEngine.connect(d.endpoint(), Duration.ofSeconds(5));
            d.awaitCri(startTimeout);
            // containerd makes its socket root's with mode 0660 for its group; the folder is 0700 anyway
            Files.setPosixFilePermissions(config.socket(), PosixFilePermissions.fromString("rw-------"));
            d.importImage(sandbox);
        } catch (IOException e) {
            d.close();
            throw new EngineException("cannot restrict the managed containerd's socket to root: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    private void awaitCri(Duration timeout) {
        CriReadiness cri = new CriReadiness();
        awaitReady(timeout, Duration.ofMillis(50), cri::ready,
                () -> "the managed containerd's CRI was not ready within " + timeout.toSeconds() + " s ("
                        + cri.last + ")");
    }

    /** The CRI's own answer to whether it is ready, and the last thing it said while it was not. */
    private final class CriReadiness {
        private String last = "no answer";

        boolean ready() {
            if (Files.exists(config.socket())) {
                try {
                    // with a pod network, its configuration is loaded too: else the first pod would find none
                    if (client.runtimeReady() && (config.network() == null || client.networkReady())) {
                        return true;
                    }
                    last = String.join(", ", client.conditions());
                } catch (EngineException e) {
                    last = e.getMessage();
                }
            }
            return false;
        }
    }

    /**
     * Why a handler cannot run on this host, or empty: its runtime binary is missing, or (Kata) containerd would
     * not find its shim.
     */
    public static Optional<String> problem(CriHandler h) {
        if (h.runtimeType().equals(CriHandler.KATA_SHIM)) {
            return Executables.find(CriHandler.KATA_SHIM_BINARY, Executables.hostDirs()).isPresent() ? Optional.empty()
                    : Optional.of(CriHandler.KATA_SHIM_BINARY + " is not installed, which containerd runs for "
                            + CriHandler.KATA_SHIM + ": Debian has no package of it; install Kata Containers' release"
                            + " (kata-deploy or its static tarball)");
        }
        if (h.binary() != null && !Files.isExecutable(Path.of(h.binary()))) {
            return Optional.of("its runtime " + h.binary() + " is not an executable file");
        }
        if (h.runtimeType().equals(CriHandler.RUNC_SHIM)
                && Executables.find("containerd-shim-runc-v2", Executables.hostDirs()).isEmpty()) {
            return Optional.of("containerd-shim-runc-v2 is not installed (Debian: apt-get install containerd)");
        }
        return Optional.empty();
    }

    /**
     * Imports an image archive into the CRI's namespace ({@code ctr images import}) and waits until the CRI
     * lists it (its image store follows containerd's events).
     */
    public void importImage(ImageArchive image) {
        Path tar = dir().resolve("import-" + System.nanoTime() + ".tar");
        try {
            image.writeTo(tar);
            importImage(tar, image.reference());
        } catch (IOException e) {
            throw new EngineException("cannot write the archive of " + image.reference() + ": " + e.getMessage(), e);
        } finally {
            FileTrees.deleteQuietly(tar);
        }
    }

    /**
     * Imports an archive in {@code docker save}'s or OCI's layout (e.g. one the Docker engine exported) that holds
     * {@code reference}, and waits until the CRI lists it.
     */
    public void importImage(Path archive, String reference) {
        Subprocess.Result r;
        try {
            r = Subprocess.run(List.of(ctr.toString(), "--address", config.socket().toString(), "-n", CRI_NAMESPACE,
                    "images", "import", archive.toString()), Duration.ofMinutes(5));
        } catch (Subprocess.SubprocessException e) {
            throw new EngineException("importing " + reference + " into the managed containerd: " + e.getMessage(), e);
        }
        if (!r.succeeded()) {
            throw new EngineException("ctr images import of " + reference + " failed (exit " + r.exitCode() + "): "
                    + r.combined().strip());
        }
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!client.hasImage(reference)) {
            if (System.nanoTime() > until) {
                throw new EngineException("the managed containerd's CRI does not list " + reference + " 30 s after"
                        + " importing it; ctr said: " + r.combined().strip());
            }
            sleep(Duration.ofMillis(50));
        }
    }

    public CriEndpoint endpoint() {
        return new CriEndpoint(config.socket());
    }

    public Path configToml() {
        return dir().resolve("config.toml");
    }

    public String sandboxImage() {
        return config.sandboxImage();
    }

    /** The pods' network, or empty when they share the node's ({@link #describeNetwork()} says why). */
    public Optional<PodNetwork> network() {
        return Optional.ofNullable(config.network());
    }

    /** What a report says of the pods' network. */
    public String describeNetwork() {
        return config.network() != null ? config.network().describe()
                : "pods share the node's network namespace, as hostNetwork pods do: " + noNetworkBecause;
    }

    /**
     * Writes the handlers' wrappers, config.toml and the pods' network into the new folder, and gives containerd's
     * command line there.
     */
    private List<String> prepare(Path dir, Path containerd, List<CriHandler> handlers, ImageArchive sandbox,
            List<String> cniPluginDirs) throws IOException {
        if (noNetworkBecause == null) {
            // a run whose JVM was killed could not remove its bridge; ours are named after the folders
            PodNetwork.removeOrphanBridges(Path.of("/tmp"), FOLDER_PREFIX);
        }
        List<CriHandler> resolved = new ArrayList<>();
        for (CriHandler h : handlers) {
            resolved.add(h.needsWrapper() ? HandlerWrapper.install(dir, h) : h);
        }
        config = new ManagedContainerdConfig(dir, sandbox.reference(), resolved,
                noNetworkBecause == null ? PodNetwork.forManaged(dir, cniPluginDirs) : null);
        if (config.network() != null) {
            config.network().writeTo(config.cniConfDir());
        }
        Files.writeString(dir.resolve("config.toml"), config.render(), StandardCharsets.UTF_8);
        return List.of(containerd.toString(), "--config", dir.resolve("config.toml").toString());
    }

    @Override
    protected void stopAndClean() {
        if (!started()) {
            removeDir();
            return;
        }
        // pods first: stopping containerd leaves its shims and their containers running
        if (client != null) {
            if (isAlive()) {
                removeEveryPod();
            }
            client.close();
        }
        List<String> tasks = taskIds();
        endProcess(Duration.ofSeconds(10));
        // what outlived it: shims (their -address names the folder), gVisor's sandbox and gofer (their --root
        // does), and a runc container's own processes, found by the cgroup containerd named after its id
        killLeftovers();
        LeftoverProcesses.killInCgroups(tasks);
        CgroupDirs.removeLeft(CgroupDirs.ROOT, tasks, cgroupParentsBefore);
        // the pods' network namespaces are mounts under the state folder: unmounted, they go with their veths
        unmount();
        if (config != null && config.network() != null) {
            config.network().removeBridge().ifPresent(why -> System.err.println("rtbench: the managed containerd's"
                    + " pod bridge " + config.network().bridge() + " was left: " + why));
        }
        removeDir();
    }

    /** Every pod in this containerd is ours: stop and remove them all, as far as the server answers. */
    private void removeEveryPod() {
        try {
            for (String pod : client.podsLabelled(CriEngine.OWNER_LABEL, null)) {
                client.stopPodSandbox(pod);
                client.removePodSandbox(pod);
            }
        } catch (EngineException e) {
            // the clean-up below ends what is left by force
        }
    }

    /** The ids of the tasks (sandboxes and containers) containerd keeps state of. */
    private List<String> taskIds() {
        Path tasks = dir().resolve("state").resolve("io.containerd.runtime.v2.task").resolve(CRI_NAMESPACE);
        if (!Files.isDirectory(tasks)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(tasks)) {
            return list.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path find(String name) {
        return Executables.find(name, Executables.hostDirs()).orElseThrow(() -> new EngineException(name
                + " is not installed: install containerd (on Debian: apt-get install containerd, which Docker's Debian package"
                + " depends on), or pass --cri-endpoint to use a CRI server that is already running"));
    }
}
