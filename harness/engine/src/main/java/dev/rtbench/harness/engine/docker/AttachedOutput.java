package dev.rtbench.harness.engine.docker;

import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineTimeoutException;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A created container's output stream, attached before it starts, so that a start can be timed to its first byte. */
final class AttachedOutput implements ContainerDriver.FirstOutputWatch {
    private final String id;
    private final ResultCallback.Adapter<Frame> cb;
    private final CompletableFuture<Void> first;
    private final StringBuilder buf;
    private volatile CompletableFuture<Void> started;

    private AttachedOutput(String id, ResultCallback.Adapter<Frame> cb, CompletableFuture<Void> first,
            StringBuilder buf) {
        this.id = Objects.requireNonNull(id);
        this.cb = cb;
        this.first = first;
        this.buf = buf;
    }

    static AttachedOutput attach(DockerClient client, String id, Duration callTimeout) {
        String what = "attach to " + DockerEngine.shortId(id);
        var attached = new CompletableFuture<Void>();
        var first = new CompletableFuture<Void>();
        var buf = new StringBuilder();
        var cb = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onStart(Closeable stream) {
                super.onStart(stream);
                attached.complete(null);
            }

            @Override
            public void onNext(Frame f) {
                synchronized (buf) {
                    buf.append(new String(f.getPayload(), StandardCharsets.UTF_8));
                }
                first.complete(null);
            }

            @Override
            public void onError(Throwable failed) {
                // a refused attach (a gone container: 404) calls onError and never onStart, so waiting for the
                // start alone would wait out the whole call timeout and then return as if attached
                attached.completeExceptionally(failed);
                first.completeExceptionally(failed);
                super.onError(failed);
            }
        };
        client.attachContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).exec(cb);
        try {
            attached.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            DockerEngine.closeQuietly(cb);
            throw new EngineTimeoutException(what, callTimeout);
        } catch (ExecutionException e) {
            throw new EngineException(what + " failed: " + Deadline.describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            DockerEngine.closeQuietly(cb);
            Thread.currentThread().interrupt();
            throw new EngineException(what + " was interrupted", e);
        }
        return new AttachedOutput(id, cb, first, buf);
    }

    /** Sends the start through {@code start} without waiting for its reply; returns at the first byte of output. */
    void startUntilFirstOutput(Runnable start, Duration timeout) {
        // the start's reply is not waited for: the clock stops at the first byte, whichever comes first
        started = CompletableFuture.runAsync(start);
        started.whenComplete((ok, failed) -> {
            if (failed != null) {
                first.completeExceptionally(failed);
            }
        });
        try {
            first.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EngineTimeoutException("first output of " + DockerEngine.shortId(id), timeout);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re
                    : new EngineException("start " + DockerEngine.shortId(id) + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
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
            throw new IllegalStateException("the container " + DockerEngine.shortId(id) + " was not started");
        }
        try {
            started.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    @Override
    public void close() {
        DockerEngine.closeQuietly(cb);
    }
}
