package dev.rtbench.harness.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
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
        String containerd = null;
        if (v.getComponents() != null) {
            for (VersionComponent c : v.getComponents()) {
                if ("containerd".equalsIgnoreCase(c.getName())) {
                    containerd = c.getVersion();
                }
            }
        }
        Map<String, String> runtimes = new LinkedHashMap<>();
        Map<String, List<String>> args = new LinkedHashMap<>();
        Object raw = i.getRawValues().get("Runtimes");
        if (raw instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                String name = String.valueOf(e.getKey());
                String path = null;
                if (e.getValue() instanceof Map<?, ?> entry) {
                    path = entry.get("path") == null ? null : String.valueOf(entry.get("path"));
                    if (entry.get("runtimeArgs") instanceof List<?> l) {
                        args.put(name, l.stream().map(String::valueOf).toList());
                    }
                }
                runtimes.put(name, path);
            }
        }
        Object cgroupVersion = i.getRawValues().get("CgroupVersion");
        return new EngineInfo(
                v.getVersion(),
                v.getApiVersion(),
                containerd,
                i.getKernelVersion(),
                i.getOperatingSystem(),
                i.getNCPU() == null ? 0 : i.getNCPU(),
                i.getMemTotal() == null ? 0 : i.getMemTotal(),
                i.getCGroupDriver(),
                cgroupVersion == null ? null : String.valueOf(cgroupVersion),
                (String) i.getRawValues().get("DefaultRuntime"),
                runtimes,
                args);
    }

    /** True when an image with this reference exists in the daemon. */
    public boolean hasImage(String reference) {
        try {
            Deadline.call("inspect image " + reference, callTimeout,
                    () -> client.inspectImageCmd(reference).exec());
            return true;
        } catch (EngineException e) {
            if (e.getCause() instanceof NotFoundException) {
                return false;
            }
            throw e;
        }
    }

    /** The labels of an image (empty when it has none). */
    public Map<String, String> imageLabels(String reference) {
        var config = Deadline.call("inspect image " + reference, callTimeout,
                () -> client.inspectImageCmd(reference).exec().getConfig());
        return config == null || config.getLabels() == null ? Map.of() : Map.copyOf(config.getLabels());
    }

    /**
     * Imports a root filesystem tar as {@code repository:tag} ({@code POST /images/create?fromSrc=-}).
     *
     * <p>Sent through the raw HTTP client: docker-java 3.7.0's {@code createImageCmd} serialises the stream as
     * JSON instead of sending its bytes, and the daemon answers "unexpected EOF".
     */
    public void importImage(InputStream rootfsTar, String repository, String tag, Map<String, String> labels) {
        String what = "import image " + repository + ":" + tag;
        StringBuilder path = new StringBuilder("/images/create?fromSrc=-&repo=")
                .append(URLEncoder.encode(repository, StandardCharsets.UTF_8))
                .append("&tag=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8));
        // labels go in as Dockerfile instructions, like `docker import --change 'LABEL k="v"'`
        labels.forEach((k, v) -> path.append("&changes=").append(URLEncoder.encode(
                "LABEL " + k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"", StandardCharsets.UTF_8)));
        postTar(what, path.toString(), rootfsTar, Duration.ofMinutes(5));
        if (!hasImage(repository + ":" + tag)) {
            throw new EngineException("importing " + repository + ":" + tag + " reported success but the image"
                    + " is not there; see the daemon's log");
        }
    }

    /**
     * Builds an image from a build context tar ({@code POST /build}) and tags it. The base image must be in the
     * daemon already, or in a registry it reaches.
     */
    public void buildImage(InputStream contextTar, String tag, Duration timeout) {
        String what = "build image " + tag;
        postTar(what, "/build?rm=1&forcerm=1&t=" + URLEncoder.encode(tag, StandardCharsets.UTF_8), contextTar, timeout);
        if (!hasImage(tag)) {
            throw new EngineException(what + " reported success but the image is not there; see the daemon's log");
        }
    }

    /** The id of an image ({@code sha256:...}). */
    public String imageId(String reference) {
        return Deadline.call("inspect image " + reference, callTimeout,
                () -> client.inspectImageCmd(reference).exec().getId());
    }

    /**
     * POSTs a tar through the raw HTTP client and reads the daemon's JSON-lines answer, which reports a failure
     * as a line with "error" even when the status is 200. docker-java 3.7.0's typed commands serialise a stream
     * body as JSON instead of sending its bytes, which the daemon answers with "unexpected EOF".
     */
    private String postTar(String what, String path, InputStream tar, Duration timeout) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path(path)
                .putHeader("Content-Type", "application/x-tar")
                .body(tar)
                .build();
        String body = Deadline.call(what, timeout, () -> {
            try (DockerHttpClient.Response r = http.execute(request)) {
                String text = new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8);
                if (r.getStatusCode() / 100 != 2) {
                    throw new EngineException(what + " failed: HTTP " + r.getStatusCode() + ": " + text.strip());
                }
                return text;
            }
        });
        for (String line : body.split("\n")) {
            if (line.contains("\"error\"") || line.contains("\"errorDetail\"")) {
                throw new EngineException(what + " failed: " + Deadline.describe(new RuntimeException(line.strip())));
            }
        }
        return body;
    }

    /** Pulls an image from a registry. */
    public void pullImage(String reference, Duration timeout) {
        try {
            Deadline.call("pull " + reference, timeout, () -> client.pullImageCmd(reference)
                    .start().awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (EngineException e) {
            throw new EngineException(e.getMessage() + "; the image is not in the daemon and no registry gave it:"
                    + " load it first (docker load, docker import), or leave out --image to use the built-in one", e);
        }
        if (!hasImage(reference)) {
            throw new EngineException("pulling " + reference + " did not complete within " + timeout.toSeconds()
                    + " s: no registry answered? Load it with `docker load` or `docker import` first");
        }
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
        return Deadline.call("wait for " + shortId(id), callTimeout, () -> client.waitContainerCmd(id)
                .exec(new WaitContainerResultCallback())
                .awaitStatusCode(callTimeout.toMillis(), TimeUnit.MILLISECONDS));
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
        var first = new CompletableFuture<Void>();
        var buf = new StringBuilder();
        var cb = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame f) {
                synchronized (buf) {
                    buf.append(new String(f.getPayload(), StandardCharsets.UTF_8));
                }
                first.complete(null);
            }
        };
        Deadline.call("attach to " + shortId(id), callTimeout, () -> client.attachContainerCmd(id)
                .withStdOut(true).withStdErr(true).withFollowStream(true).exec(cb).awaitStarted(
                        callTimeout.toMillis(), TimeUnit.MILLISECONDS));
        return new AttachedOutput(id, cb, first, buf);
    }

    @Override
    public void startUntilFirstOutput(FirstOutputWatch watch) {
        AttachedOutput w = (AttachedOutput) watch;
        // the start's reply is not waited for: the clock stops at the first byte, whichever comes first
        w.started = CompletableFuture.runAsync(() -> start(w.id));
        w.started.whenComplete((ok, failed) -> {
            if (failed != null) {
                w.first.completeExceptionally(failed);
            }
        });
        try {
            w.first.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new EngineTimeoutException("first output of " + shortId(w.id), callTimeout);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re
                    : new EngineException("start " + shortId(w.id) + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
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

    static String shortId(String id) {
        return id == null ? "?" : id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** Collects a multiplexed stream (exec, logs) into its stdout and stderr. */
    private static final class OutputCollector extends ResultCallback.Adapter<Frame> {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        @Override
        public void onNext(Frame f) {
            synchronized (this) {
                (f.getStreamType() == StreamType.STDERR ? err : out).writeBytes(f.getPayload());
            }
        }

        synchronized String stdout() {
            return out.toString(StandardCharsets.UTF_8);
        }

        synchronized String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
    }

    private static final class AttachedOutput implements FirstOutputWatch {
        private final String id;
        private final ResultCallback.Adapter<Frame> cb;
        private final CompletableFuture<Void> first;
        private final StringBuilder buf;
        private volatile CompletableFuture<Void> started;

        AttachedOutput(String id, ResultCallback.Adapter<Frame> cb, CompletableFuture<Void> first, StringBuilder buf) {
            this.id = Objects.requireNonNull(id);
            this.cb = cb;
            this.first = first;
            this.buf = buf;
        }

        @Override
        public String containerId() {
            return id;
        }

        @Override
        public String firstOutput() {
            synchronized (buf) {
                return buf.toString();
            }
        }

        @Override
        public void confirmStarted() {
            if (started == null) {
                throw new IllegalStateException("the container " + shortId(id) + " was not started");
            }
            try {
                started.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }

        @Override
        public void close() {
            closeQuietly(cb);
        }
    }
}
