package dev.rtbench.harness.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.rtbench.harness.host.DaemonProcesses;
import dev.rtbench.harness.host.ProcessTree;
import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineInfo;
import dev.rtbench.harness.engine.EngineTimeoutException;
import dev.rtbench.harness.engine.ExecResult;
import dev.rtbench.harness.engine.Hardening;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.io.Sleeps;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Docker daemon reached through its API: the one place that speaks docker-java.
 *
 * <p>Every call is bounded by {@link #callTimeout()}; a hung call throws {@link EngineTimeoutException} and the
 * caller removes the container, which also releases the call.
 */
public final class DockerEngine implements ContainerDriver {

    /** The default socket, used when neither {@code --docker-host} nor {@code DOCKER_HOST} says otherwise. */
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private final String host;
    private final DockerClient client;
    private final DockerHttpClient http;
    private final Duration callTimeout;

    private DockerEngine(String host, DockerClient client, DockerHttpClient http, Duration callTimeout) {
        this.host = host;
        this.client = client;
        this.http = http;
        this.callTimeout = callTimeout;
    }

    /**
     * Connects to the daemon at {@code host} ({@code unix:///path} or {@code tcp://host:port}); null means
     * {@code DOCKER_HOST}, then the default socket. Nothing is sent until the first call.
     */
    public static DockerEngine connect(String host, Duration callTimeout) {
        String h = host != null ? host : System.getenv().getOrDefault("DOCKER_HOST", DEFAULT_HOST);
        var cfg = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(h).build();
        var http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(cfg.getDockerHost())
                .sslConfig(cfg.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        return new DockerEngine(h, DockerClientImpl.getInstance(cfg, http), http, callTimeout);
    }

    public String host() {
        return host;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    /** A copy of this engine whose calls time out after {@code timeout}, sharing the connection. */
    public DockerEngine withCallTimeout(Duration timeout) {
        return new DockerEngine(host, client, http, timeout);
    }

    /** True when the daemon answers {@code /_ping}. */
    public boolean ping() {
        try {
            Deadline.run("ping " + host, Duration.ofSeconds(3), () -> client.pingCmd().exec());
            return true;
        } catch (EngineException e) {
            return false;
        }
    }

    public EngineInfo info() {
        Version v = Deadline.call("GET /version", callTimeout, () -> client.versionCmd().exec());
        Info i = Deadline.call("GET /info", callTimeout, () -> client.infoCmd().exec());
        return DockerInfo.of(v, i);
    }

    /** The daemon's images: inspect, import, build, pull. */
    public DockerImages images() {
        return new DockerImages(client, http, callTimeout);
    }

    @Override
    public String create(ContainerSpec spec) {
        HostConfig hc = HostConfig.newHostConfig()
                .withRuntime(spec.runtime())
                // gVisor here only runs without a network; runc gets the same so that workloads stay identical
                .withNetworkMode("none");
        if (spec.memoryBytes() > 0) {
            hc.withMemory(spec.memoryBytes()).withMemorySwap(spec.memoryBytes());
        }
        if (spec.nanoCpus() > 0) {
            hc.withNanoCPUs(spec.nanoCpus());
        }
        if (spec.pidsLimit() > 0) {
            hc.withPidsLimit(spec.pidsLimit());
        }
        Hardening h = spec.hardening();
        if (h.readOnlyRoot()) {
            hc.withReadonlyRootfs(true);
        }
        if (h.dropAll()) {
            hc.withCapDrop(Capability.ALL);
        }
        if (h.noNewPrivileges()) {
            hc.withSecurityOpts(List.of("no-new-privileges"));
        }
        if (!h.tmpfs().isEmpty()) {
            hc.withTmpFs(h.tmpfs());
        }
        if (!spec.volumes().isEmpty()) {
            // anonymous volumes: fresh for each container, and removed with it (remove uses -v)
            hc.withMounts(spec.volumes().stream()
                    .map(path -> new Mount().withType(MountType.VOLUME).withTarget(path)).toList());
        }
        return Deadline.call("create container (runtime " + spec.runtime() + ")", callTimeout, () -> {
            var cmd = client.createContainerCmd(spec.image())
                    .withCmd(spec.command())
                    .withLabels(spec.labels())
                    .withHostConfig(hc);
            if (h.user() != null) {
                cmd.withUser(h.user());
            }
            return cmd.exec().getId();
        });
    }

    @Override
    public void start(String id) {
        Deadline.run("start " + shortId(id), callTimeout, () -> client.startContainerCmd(id).exec());
    }

    @Override
    public void stop(String id, Duration grace) {
        Deadline.run("stop " + shortId(id), callTimeout.plus(grace), () -> {
            try {
                client.stopContainerCmd(id).withTimeout((int) Math.max(0, grace.toSeconds())).exec();
            } catch (NotModifiedException alreadyStopped) {
                // stopping a stopped container is what we wanted anyway
            }
        });
    }

    @Override
    public int waitExit(String id) {
        // the callback's own wait is longer than the deadline's: at the same length the two raced, and the
        // callback's "Awaiting status code timeout." sometimes won over the deadline's "did not finish within"
        return Deadline.call("wait for " + shortId(id), callTimeout, () -> client.waitContainerCmd(id)
                .exec(new WaitContainerResultCallback())
                .awaitStatusCode(2 * callTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS));
    }

    @Override
    public void remove(String id) {
        Deadline.run("remove " + shortId(id), callTimeout, () -> {
            try {
                client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                // already removed: the goal holds
            }
        });
    }

    @Override
    public EndedExec execUntilEnd(String id, List<String> command, Duration timeout) {
        String what = "exec " + String.join(" ", command) + " in " + shortId(id);
        String execId = Deadline.call(what, callTimeout, () -> client.execCreateCmd(id)
                .withCmd(command.toArray(String[]::new))
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec()
                .getId());
        var cb = new OutputCollector();
        boolean done = Deadline.call(what, timeout.plusSeconds(5), () -> {
            client.execStartCmd(execId).exec(cb);
            return cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        });
        if (!done) {
            closeQuietly(cb);
            // the process goes on in the container: the caller must remove the container
            throw new EngineTimeoutException(what, timeout);
        }
        return () -> exitOf(what, execId, cb);
    }

    /** The exit code can lag the end of the stream by a moment: asked for until it comes, for up to 10 s. */
    private ExecResult exitOf(String what, String execId, OutputCollector cb) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            InspectExecResponse r = Deadline.call("inspect " + what, callTimeout,
                    () -> client.inspectExecCmd(execId).exec());
            if (!Boolean.TRUE.equals(r.isRunning()) && r.getExitCodeLong() != null) {
                return new ExecResult(r.getExitCodeLong().intValue(), cb.stdout(), cb.stderr());
            }
            if (System.nanoTime() > until) {
                throw new EngineException(what + ": output ended but the exit code did not come");
            }
            sleep(5);
        }
    }

    @Override
    public FirstOutputWatch prepareFirstOutput(String id) {
        return AttachedOutput.attach(client, id, callTimeout);
    }

    @Override
    public void startUntilFirstOutput(FirstOutputWatch watch) {
        AttachedOutput w = (AttachedOutput) watch;
        w.startUntilFirstOutput(() -> start(w.containerId()), callTimeout);
    }

    @Override
    public ExecResult logs(String id) {
        var cb = new OutputCollector();
        Deadline.call("logs of " + shortId(id), callTimeout, () -> client.logContainerCmd(id)
                .withStdOut(true).withStdErr(true).withTailAll().exec(cb)
                .awaitCompletion(callTimeout.toMillis(), TimeUnit.MILLISECONDS));
        var state = Deadline.call("inspect " + shortId(id), callTimeout,
                () -> client.inspectContainerCmd(id).exec().getState());
        Long code = state.getExitCodeLong();
        return new ExecResult(code == null ? -1 : code.intValue(), cb.stdout(), cb.stderr());
    }

    @Override
    public String runtimeOf(String id) {
        return Deadline.call("inspect " + shortId(id), callTimeout,
                () -> client.inspectContainerCmd(id).exec().getHostConfig().getRuntime());
    }

    @Override
    public long initPid(String id) {
        return ContainerProcesses.initPid(client, id, callTimeout);
    }

    @Override
    public List<String> sweep(String label, String value) {
        List<String> found = containersLabelled(label, value);
        // a hung runtime blocks the daemon's removal until its processes are gone: end them first
        LeftoverProcesses.killFor(found);
        found.forEach(this::discard);
        return found;
    }

    /** Ids of the containers carrying {@code label=value} (any value when {@code value} is null), running or not. */
    public List<String> containersLabelled(String label, String value) {
        return Deadline.call("list containers labelled " + label, callTimeout,
                () -> value == null
                        ? client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec()
                        : client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(label, value)).exec())
                .stream().map(Container::getId).toList();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            // closing a client whose daemon went away is not worth failing over
        }
    }

    @Override
    public DaemonProcesses daemons(ProcessTree tree) {
        return DaemonProcesses.find(tree, host());
    }

    public static String shortId(String id) {
        return id == null ? "?" : id.length() > 12 ? id.substring(0, 12) : id;
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }

    private static void sleep(long ms) {
        Sleeps.sleep(Duration.ofMillis(ms), e -> new EngineException("interrupted", e));
    }
}
