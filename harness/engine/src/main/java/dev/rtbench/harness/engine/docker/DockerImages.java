package dev.rtbench.harness.engine.docker;

import dev.rtbench.harness.engine.EngineException;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The images of a daemon reached through a {@link DockerEngine}: inspect, import, build and pull, each bounded by a
 * timeout. Images are prepared before measuring, so none of this is timed.
 */
public final class DockerImages {
    private final DockerClient client;
    private final DockerHttpClient http;
    private final Duration callTimeout;

    DockerImages(DockerClient client, DockerHttpClient http, Duration callTimeout) {
        this.client = client;
        this.http = http;
        this.callTimeout = callTimeout;
    }

    /** True when an image with this reference exists in the daemon. */
    public boolean has(String reference) {
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
    public Map<String, String> labels(String reference) {
        var config = Deadline.call("inspect image " + reference, callTimeout,
                () -> client.inspectImageCmd(reference).exec().getConfig());
        return config == null || config.getLabels() == null ? Map.of() : Map.copyOf(config.getLabels());
    }

    /** The id of an image ({@code sha256:...}). */
    public String id(String reference) {
        return Deadline.call("inspect image " + reference, callTimeout,
                () -> client.inspectImageCmd(reference).exec().getId());
    }

    /**
     * Imports a root filesystem tar as {@code repository:tag} ({@code POST /images/create?fromSrc=-}).
     *
     * <p>Sent through the raw HTTP client: docker-java 3.7.0's {@code createImageCmd} serialises the stream as
     * JSON instead of sending its bytes, and the daemon answers "unexpected EOF".
     */
    public void importTar(InputStream rootfsTar, String repository, String tag, Map<String, String> labels) {
        String what = "import image " + repository + ":" + tag;
        StringBuilder path = new StringBuilder("/images/create?fromSrc=-&repo=")
                .append(URLEncoder.encode(repository, StandardCharsets.UTF_8))
                .append("&tag=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8));
        // labels go in as Dockerfile instructions, like `docker import --change 'LABEL k="v"'`
        labels.forEach((k, v) -> path.append("&changes=").append(URLEncoder.encode(
                "LABEL " + k + "=\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"", StandardCharsets.UTF_8)));
        postTar(what, path.toString(), rootfsTar, Duration.ofMinutes(5));
        if (!has(repository + ":" + tag)) {
            throw new EngineException("importing " + repository + ":" + tag + " reported success but the image"
                    + " is not there; see the daemon's log");
        }
    }

    /**
     * Builds an image from a build context tar ({@code POST /build}) and tags it. The base image must be in the
     * daemon already, or in a registry it reaches.
     */
    public void build(InputStream contextTar, String tag, Duration timeout) {
        String what = "build image " + tag;
        postTar(what, "/build?rm=1&forcerm=1&t=" + URLEncoder.encode(tag, StandardCharsets.UTF_8), contextTar, timeout);
        if (!has(tag)) {
            throw new EngineException(what + " reported success but the image is not there; see the daemon's log");
        }
    }

    /**
     * Writes an image as {@code docker save} does ({@code GET /images/get}: manifest.json, config, layers), with its
     * tag, to {@code file}: how an image built here reaches another engine without a registry (containerd reads
     * the archive with {@code ctr images import}).
     */
    public void save(String reference, Path file, Duration timeout) {
        String what = "save image " + reference;
        if (!has(reference)) {
            throw new EngineException(what + ": the daemon has no such image");
        }
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/images/get?names=" + URLEncoder.encode(reference, StandardCharsets.UTF_8))
                .build();
        Deadline.call(what, timeout, () -> {
            try (DockerHttpClient.Response r = http.execute(request); InputStream in = r.getBody()) {
                if (r.getStatusCode() / 100 != 2) {
                    throw new EngineException(what + " failed: HTTP " + r.getStatusCode() + ": "
                            + new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                return null;
            }
        });
    }

    /** Pulls an image from a registry. */
    public void pull(String reference, Duration timeout) {
        try {
            Deadline.call("pull " + reference, timeout, () -> client.pullImageCmd(reference)
                    .start().awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (EngineException e) {
            throw new EngineException(e.getMessage() + "; the image is not in the daemon and no registry gave it:"
                    + " load it first (docker load, docker import), or leave out --image to use the built-in one", e);
        }
        if (!has(reference)) {
            throw new EngineException("pulling " + reference + " did not complete within " + timeout.toSeconds()
                    + " s: no registry answered? Load it with `docker load` or `docker import` first");
        }
    }

    /**
     * POSTs a tar through the raw HTTP client and reads the daemon's progress stream, which reports a failure as a
     * message with an error even when the status is 200 ({@link ProgressStream}). docker-java 3.7.0's typed
     * commands serialise a stream body as JSON instead of sending its bytes, which the daemon answers with
     * "unexpected EOF".
     */
    private void postTar(String what, String path, InputStream tar, Duration timeout) {
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
        ProgressStream.check(what, body);
    }
}
