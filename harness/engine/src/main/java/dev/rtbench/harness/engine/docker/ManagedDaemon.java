package dev.rtbench.harness.engine.docker;

import dev.rtbench.harness.engine.DaemonProcess;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.daemonjson.RuntimeEntry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rtbench.harness.io.Executables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code dockerd} of our own, beside any other: private socket, data-root and exec-root, no bridge and no
 * iptables, with a daemon.json generated for exactly the runtimes under test.
 *
 * <p>It never reads or writes {@code /etc/docker/daemon.json} and never talks to another daemon, so a benchmark
 * cannot disturb the user's containers. {@link #close()} stops it (SIGTERM, then SIGKILL after 20 s) and removes
 * everything it created; a shutdown hook does the same if the JVM is ended first (Ctrl-C).
 */
public final class ManagedDaemon extends DaemonProcess {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path binary;

    private ManagedDaemon(Path binary) {
        super("dockerd", "rtbench-managed-daemon-stop");
        this.binary = binary;
    }

    /**
     * Starts a daemon whose daemon.json registers {@code runtimes} (name to its entry, e.g.
     * {@code RuntimeEntry.ofPath("/usr/bin/runsc", List.of("--network=none"))}) and waits until it answers.
     *
     * @throws EngineException naming what to install or fix, with the end of the daemon's log
     */
    public static ManagedDaemon start(Map<String, RuntimeEntry> runtimes, Duration startTimeout) {
        return start(runtimes, startTimeout, null);
    }

    /**
     * The same, with {@code firstOnPath} first on the daemon's PATH: dockerd's built-in {@code runc} is found on
     * it, by dockerd's containerd and its shims, which inherit it; so a {@code runc} there runs in its place.
     */
    public static ManagedDaemon start(Map<String, RuntimeEntry> runtimes, Duration startTimeout, Path firstOnPath) {
        Path dockerd = findDockerd();
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new EngineException("a managed dockerd needs root: run as root, or pass --docker-host to use a"
                    + " daemon that is already running");
        }
        // the clean-up is registered before anything exists to clean, and what it removes is made under it
        ManagedDaemon d = new ManagedDaemon(dockerd);
        d.spawn("rtb-", "the managed daemon", dir -> d.withPath(firstOnPath, d.prepare(dir, runtimes)));
        try (DockerEngine probe = DockerEngine.connect(d.host(), Duration.ofSeconds(5))) {
            d.awaitReady(startTimeout, Duration.ofMillis(100), probe::ping,
                    () -> "the managed dockerd did not answer within " + startTimeout.toSeconds() + " s");
        }
        // dockerd makes its socket root:docker 0660: a member of the docker group could drive this daemon, which
        // runs as root; the folder is already 0700, and the socket itself is made root's alone
        try {
            Files.setPosixFilePermissions(d.dir().resolve("docker.sock"), PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            d.close();
            throw new EngineException("cannot restrict the managed daemon's socket to root: " + e.getMessage(), e);
        }
        return d;
    }

    /** Writes the daemon.json of {@code runtimes} into the new folder; dockerd's command line keeps all else there. */
    private List<String> prepare(Path dir, Map<String, RuntimeEntry> runtimes) throws IOException {
        Map<String, Object> entries = new LinkedHashMap<>();
        runtimes.forEach((name, e) -> entries.put(name, e.toJsonMap()));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("runtimes", entries);
        JSON.writeValue(dir.resolve("daemon.json").toFile(), config);
        return List.of(binary.toString(),
                "--config-file", dir.resolve("daemon.json").toString(),
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("exec").toString(),
                "--pidfile", dir.resolve("docker.pid").toString(),
                "-H", "unix://" + dir.resolve("docker.sock"),
                "--bridge", "none", "--iptables=false", "--ip-masq=false");
    }

    private List<String> withPath(Path first, List<String> command) {
        if (first == null) {
            return command;
        }
        String path = System.getenv().getOrDefault("PATH", String.join(":", Executables.SYSTEM_DIRS));
        List<String> out = new java.util.ArrayList<>(List.of("/usr/bin/env", "PATH=" + first + ":" + path));
        out.addAll(command);
        return out;
    }

    /** The socket of the containerd dockerd starts for itself, under its exec-root. */
    public Path containerdSocket() {
        return dir().resolve("exec").resolve("containerd").resolve("containerd.sock");
    }

    /** The daemon's address, e.g. {@code unix:///tmp/rtb-123/docker.sock}. */
    public String host() {
        return "unix://" + dir().resolve("docker.sock");
    }

    public Path daemonJson() {
        return dir().resolve("daemon.json");
    }

    /** The dockerd binary it runs: the one on PATH, or in root's tool folders, from whatever package or none. */
    public Path binary() {
        return binary;
    }

    @Override
    protected void stopAndClean() {
        // dockerd's own containerd and any shim must not outlive it
        endProcess(Duration.ofSeconds(20));
        // a dockerd that was killed left its containerd, shims and sandboxes to init, out of its descendants:
        // each of them names this daemon's folder (socket, state or root) on its command line; a container's own
        // processes below its shim name nothing of it, so the shims' whole trees go
        killLeftovers();
        unmount();
        removeDir();
    }

    /** Where dockerd is, or an error saying how to get it. */
    public static Path findDockerd() {
        // looked up as the set-up looks it up (PATH, then root's tool folders), so the dockerd that ./rtbench names,
        // from whatever source (docker.io, docker-ce, moby-engine, by hand), is the one that runs
        return Executables.find("dockerd", Executables.hostDirs()).orElseThrow(() -> new EngineException("dockerd is not installed:"
                + " install Docker's engine (on Debian: apt-get install docker.io), or pass --docker-host to use a"
                + " daemon that is already running"));
    }
}
