package dev.rtbench.harness.engine.cri;

import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineTimeoutException;
import dev.rtbench.harness.engine.cri.v1.ImageServiceGrpc;
import dev.rtbench.harness.engine.cri.v1.RuntimeServiceGrpc;
import dev.rtbench.harness.io.Sleeps;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The connection to a CRI server: one channel and its stubs, every call bounded by a gRPC deadline, and a failure
 * turned into an {@link EngineException} that names the call, its subject and the server. A copy with another
 * deadline ({@link #withCallTimeout}) shares the channel; only the one that made it shuts it down.
 */
final class CriCalls {

    private final CriEndpoint endpoint;
    private final Duration callTimeout;
    private final ManagedChannel channel;
    private final RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime;
    private final RuntimeServiceGrpc.RuntimeServiceFutureStub runtimeAsync;
    private final ImageServiceGrpc.ImageServiceBlockingStub images;

    /** Connecting is lazy: the first call says whether the server is there. */
    CriCalls(CriEndpoint endpoint, Duration callTimeout) {
        this.endpoint = endpoint;
        this.callTimeout = callTimeout;
        // netty-shaded brings its own epoll transport, which resolves unix: targets to a domain socket
        this.channel = Grpc.newChannelBuilder(endpoint.target(), InsecureChannelCredentials.create())
                .maxInboundMessageSize(64 << 20)
                .build();
        this.runtime = RuntimeServiceGrpc.newBlockingStub(channel);
        this.runtimeAsync = RuntimeServiceGrpc.newFutureStub(channel);
        this.images = ImageServiceGrpc.newBlockingStub(channel);
    }

    private CriCalls(CriCalls of, Duration callTimeout) {
        this.endpoint = of.endpoint;
        this.callTimeout = callTimeout;
        this.channel = of.channel;
        this.runtime = of.runtime;
        this.runtimeAsync = of.runtimeAsync;
        this.images = of.images;
    }

    /** The same channel with another deadline for every call. */
    CriCalls withCallTimeout(Duration timeout) {
        return new CriCalls(this, timeout);
    }

    CriEndpoint endpoint() {
        return endpoint;
    }

    Duration callTimeout() {
        return callTimeout;
    }

    RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime() {
        return runtime(callTimeout);
    }

    /** The runtime service with a deadline of its own, for a call that may take longer than the others. */
    RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime(Duration bound) {
        return runtime.withDeadlineAfter(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The runtime service for a call whose reply is read later. */
    RuntimeServiceGrpc.RuntimeServiceFutureStub runtimeAsync() {
        return runtimeAsync.withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    ImageServiceGrpc.ImageServiceBlockingStub images() {
        return images.withDeadlineAfter(callTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    <T> T call(String what, String subject, Supplier<T> rpc) {
        return call(what, subject, callTimeout, rpc);
    }

    /** Runs {@code rpc}, named {@code what} on {@code subject}, whose deadline is {@code bound}. */
    <T> T call(String what, String subject, Duration bound, Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw failure(what, subject, bound, e);
        }
    }

    void callIgnoringNotFound(String what, String subject, Supplier<?> rpc) {
        callIgnoringNotFound(what, subject, callTimeout, rpc);
    }

    /** As {@link #call}, where a subject that is gone is what was asked for. */
    void callIgnoringNotFound(String what, String subject, Duration bound, Supplier<?> rpc) {
        try {
            rpc.get();
        } catch (StatusRuntimeException e) {
            if (!notFound(e)) {
                throw failure(what, subject, bound, e);
            }
        }
    }

    /** containerd says NotFound; older servers and cri-o say Unknown with "not found" in the message. */
    static boolean notFound(StatusRuntimeException e) {
        String d = e.getStatus().getDescription();
        return e.getStatus().getCode() == Status.Code.NOT_FOUND
                || (d != null && (d.contains("not found") || d.contains("does not exist")));
    }

    /** The failure of a call, from its gRPC status where it has one: a timeout, no server, or the server's no. */
    EngineException failure(String what, String subject, Duration bound, Throwable t) {
        String on = subject.isEmpty() ? "" : " " + subject;
        if (t instanceof StatusRuntimeException e) {
            Status s = e.getStatus();
            String d = s.getDescription() == null ? "" : s.getDescription();
            // ExecSync's own timeout: the server ended the command and says so in words
            if (s.getCode() == Status.Code.DEADLINE_EXCEEDED || (d.contains("timeout") && d.contains("exceeded"))) {
                return new EngineTimeoutException("CRI " + what + on + " at " + endpoint, bound);
            }
            if (s.getCode() == Status.Code.UNAVAILABLE) {
                return new EngineException("CRI " + what + on + ": no CRI server answers at " + endpoint + " ("
                        + s.getDescription() + ")", e);
            }
            return new EngineException("CRI " + what + on + " failed: " + s.getCode() + ": " + s.getDescription(), e);
        }
        return new EngineException("CRI " + what + on + " failed: " + t, t);
    }

    /** Closes the channel, for every copy: call it on the one the engine made. */
    void shutdown() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A pause between two calls about a CRI container. */
    static void sleep(Duration d) {
        Sleeps.sleep(d, e -> new EngineException("interrupted while waiting for a CRI container", e));
    }
}
