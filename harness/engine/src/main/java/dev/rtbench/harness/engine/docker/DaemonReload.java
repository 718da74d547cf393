package dev.rtbench.harness.engine.docker;

import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineInfo;
import dev.rtbench.harness.engine.ProcessTable;
import dev.rtbench.harness.io.Subprocess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a running dockerd take up an edited daemon.json: SIGHUP reloads {@code runtimes} and
 * {@code default-runtime}. A failed reload leaves the daemon running on its old set and says so only in its log,
 * so the result is checked through {@code GET /info}.
 */
public final class DaemonReload {

    public static final Path SYSTEM_DAEMON_JSON = Path.of("/etc/docker/daemon.json");

    private DaemonReload() {}

    /** What the daemon showed after the reload. */
    public record Outcome(boolean applied, Map<String, String> runtimes, String defaultRuntime, String problem) {}

    /**
     * The pid of the dockerd that reads {@code daemonJson}: the one started with {@code --config-file} naming it,
     * or, for {@code /etc/docker/daemon.json}, one started without {@code --config-file}.
     */
    public static Optional<Long> findDaemon(Path daemonJson) {
        Path want = real(daemonJson);
        for (Map.Entry<Long, List<String>> e : ProcessTable.commandLines().entrySet()) {
            List<String> argv = e.getValue();
            if (!Path.of(argv.get(0)).getFileName().toString().equals("dockerd")) {
                continue;
            }
            String config = null;
            for (int i = 0; i < argv.size(); i++) {
                String a = argv.get(i);
                if (a.equals("--config-file") && i + 1 < argv.size()) {
                    config = argv.get(i + 1);
                } else if (a.startsWith("--config-file=")) {
                    config = a.substring("--config-file=".length());
                }
            }
            Path reads = config == null ? SYSTEM_DAEMON_JSON : real(Path.of(config));
            if (reads.equals(want)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /**
     * Sends SIGHUP to {@code pid} and waits until {@code engine} shows every runtime of {@code expected}, none of
     * {@code removed}, and {@code expectedDefault} (when not null) as the default.
     */
    public static Outcome reload(long pid, DockerEngine engine, Set<String> expected, Set<String> removed,
            String expectedDefault, Duration wait) {
        signal(pid);
        long until = System.nanoTime() + wait.toNanos();
        EngineInfo info;
        while (true) {
            info = engine.info();
            boolean ok = info.runtimes().keySet().containsAll(expected)
                    && removed.stream().noneMatch(info.runtimes()::containsKey)
                    && (expectedDefault == null || expectedDefault.equals(info.defaultRuntime()));
            if (ok) {
                return new Outcome(true, info.runtimes(), info.defaultRuntime(), null);
            }
            if (System.nanoTime() > until) {
                return new Outcome(false, info.runtimes(), info.defaultRuntime(), "after the reload the daemon shows"
                        + " runtimes " + info.runtimes().keySet() + " and default " + info.defaultRuntime()
                        + ", not what the file says: it refused the file (see its log)");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while waiting for the reload", e);
            }
        }
    }

    /** SIGHUP, through kill(1): the JDK can only send TERM and KILL. */
    public static void signal(long pid) {
        Subprocess.Result k;
        try {
            k = Subprocess.run(List.of("kill", "-HUP", Long.toString(pid)), Duration.ofSeconds(10));
        } catch (Subprocess.SubprocessException e) {
            throw new EngineException("cannot signal dockerd (pid " + pid + "): " + e.getMessage(), e);
        }
        if (!k.succeeded()) {
            throw new EngineException("cannot signal dockerd (pid " + pid + "): " + k.combined().strip());
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
