package dev.rtbench.harness.io;

/**
 * A clean-up that runs exactly once: when its owner is closed, or at the JVM's exit (Ctrl-C) if that comes first.
 * What rtbench starts on the host (a private daemon and what it ran) must not outlive it either way.
 */
public final class CleanupOnExit {
    private final Runnable cleanup;
    private final Thread hook;
    private boolean done;

    private CleanupOnExit(Runnable cleanup, String name) {
        this.cleanup = cleanup;
        this.hook = new Thread(this::runOnce, name);
    }

    /** Registers {@code cleanup} to run at the JVM's exit unless {@link #run()} ran it first. */
    public static CleanupOnExit register(String name, Runnable cleanup) {
        CleanupOnExit c = new CleanupOnExit(cleanup, name);
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    /**
     * Runs {@code start}, which makes what the clean-up removes (a folder, a process), unless the clean-up has run
     * already: the two never interleave, so a Ctrl-C that comes while a daemon is being started finds it started
     * and stops it, or comes first and it is never started. When {@code start} fails, the clean-up runs at once
     * (removing what it made) and the failure is rethrown.
     *
     * @throws IllegalStateException when the clean-up has run (the JVM is exiting): start nothing more
     */
    public void guard(Runnable start) {
        synchronized (this) {
            if (done) {
                throw new IllegalStateException("the JVM is exiting: nothing more is started");
            }
            try {
                start.run();
                return;
            } catch (RuntimeException e) {
                run();
                throw e;
            }
        }
    }

    /** Runs the clean-up now, unless it ran already, and drops it from the JVM's exit. */
    public void run() {
        runOnce();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it finds the work done
        }
    }

    private synchronized void runOnce() {
        if (done) {
            return;
        }
        done = true;
        cleanup.run();
    }
}
