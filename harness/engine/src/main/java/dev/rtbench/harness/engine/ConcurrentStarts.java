package dev.rtbench.harness.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Starts created containers all at once, one thread each, released together, as a burst of clients would: what
 * the daemon, containerd and the runtime do when many containers start at the same moment.
 */
public final class ConcurrentStarts {
    private ConcurrentStarts() {}

    /**
     * How one start of a burst went.
     *
     * @param id      the container
     * @param endMs   when its start call returned, in ms from the release of the burst
     * @param failure why it failed, or null
     */
    public record Start(String id, double endMs, String failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    /** Starts every container at once and returns, in the order given, when each start returned. */
    public static List<Start> startAll(ContainerDriver engine, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(ids.size(), r -> {
            Thread t = new Thread(r, "rtbench-burst");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch ready = new CountDownLatch(ids.size());
        CountDownLatch go = new CountDownLatch(1);
        long[] t0 = new long[1];
        List<Future<Start>> futures = new ArrayList<>();
        try {
            for (String id : ids) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        engine.start(id);
                        return new Start(id, (System.nanoTime() - t0[0]) / 1e6, null);
                    } catch (RuntimeException e) {
                        return new Start(id, (System.nanoTime() - t0[0]) / 1e6, String.valueOf(e.getMessage()));
                    }
                }));
            }
            ready.await();
            t0[0] = System.nanoTime();
            go.countDown();
            List<Start> out = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    out.add(new Start(ids.get(i), Double.NaN, String.valueOf(e.getCause())));
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted during a burst of starts", e);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
