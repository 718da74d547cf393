package dev.rtbench.harness.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Removes many containers a few at a time, then ends whatever runtime processes they left. Outside every timed
 * region: removing 50 gVisor containers one after another took longer than starting them, and a density block's
 * removal was a fixed cost of every round.
 */
public final class ContainerRemoval {
    /** Enough to overlap the daemon's waits on two cores without a storm of concurrent teardowns. */
    static final int THREADS = 4;

    private ContainerRemoval() {}

    /**
     * Removes every container (force); one that cannot be removed is discarded (its processes ended). Returns the
     * first problem met, or null when every removal succeeded.
     */
    public static String removeAll(ContainerDriver engine, List<String> ids) {
        String problem = null;
        if (!ids.isEmpty()) {
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, ids.size()), r -> {
                Thread t = new Thread(r, "rtbench-remove");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<String>> done = new ArrayList<>();
                for (String id : ids) {
                    done.add(pool.submit(() -> {
                        try {
                            engine.remove(id);
                            return null;
                        } catch (RuntimeException e) {
                            engine.discard(id);
                            return "could not remove a container: " + e.getMessage();
                        }
                    }));
                }
                for (Future<String> f : done) {
                    String p = get(f);
                    problem = problem != null ? problem : p;
                }
            } finally {
                pool.shutdownNow();
            }
        }
        LeftoverProcesses.killFor(ids);
        return problem;
    }

    private static String get(Future<String> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while removing containers";
        } catch (ExecutionException e) {
            return "could not remove a container: " + e.getCause();
        }
    }
}
