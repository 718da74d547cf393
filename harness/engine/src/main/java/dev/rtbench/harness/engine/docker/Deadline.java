package dev.rtbench.harness.engine.docker;

import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounds a blocking Docker call in time.
 *
 * <p>docker-java's HTTP transport has no per-call timeout (it sets SO_TIMEOUT to 0 on purpose, so streams can
 * stay open), so each call runs on a daemon thread and the caller stops waiting at the deadline. The call itself
 * may still be blocked in the daemon: the caller must then remove the container, which makes the daemon answer.
 */
final class Deadline {
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rtbench-docker-call");
        t.setDaemon(true);
        return t;
    });

    private Deadline() {}

    static <T> T call(String what, Duration timeout, Callable<T> call) {
        Future<T> f = CALLS.submit(call);
        try {
            return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new EngineTimeoutException(what, timeout);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new EngineException(what + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof EngineException ee) {
                throw ee;
            }
            throw new EngineException(what + " failed: " + describe(c), c);
        }
    }

    static void run(String what, Duration timeout, Runnable call) {
        call(what, timeout, () -> {
            call.run();
            return null;
        });
    }

    /** docker-java puts the daemon's JSON error body in the message; keep it short and readable. */
    static String describe(Throwable t) {
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        m = m.strip();
        int i = m.indexOf("{\"message\":\"");
        if (i >= 0) {
            int end = m.lastIndexOf("\"}");
            if (end > i) {
                m = m.substring(i + 12, end).replace("\\\"", "\"").replace("\\n", " ");
            }
        }
        return m;
    }
}
