package dev.rtbench.harness.engine;

import dev.rtbench.harness.io.CleanupOnExit;
import dev.rtbench.harness.io.FileTrees;
import dev.rtbench.harness.io.LogFiles;
import dev.rtbench.harness.io.Mounts;
import dev.rtbench.harness.io.Sleeps;
import dev.rtbench.harness.io.Subprocess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A daemon of rtbench's own (a {@link ManagedDaemon dockerd}, a managed containerd) as a process: a private folder
 * under /tmp, the daemon started there with its output in {@code <name>.log}, and a clean-up registered before
 * anything exists to clean, so that it runs exactly once, at {@link #close()} or at the JVM's exit (Ctrl-C),
 * whichever comes first. What each daemon writes into its folder, how it is asked whether it answers, and what it
 * leaves behind to clean are its own.
 */
public abstract class DaemonProcess implements AutoCloseable {

    private final String name;
    private final CleanupOnExit cleanup;
    /** made under {@link CleanupOnExit#guard}: a Ctrl-C during the start finds them all or none */
    private volatile Path dir;
    private volatile Process process;

    /**
     * Registers the clean-up before anything exists to clean, so that nothing can be made after it ran.
     *
     * @param name     the program, as messages say it ("the managed containerd") and as its log is named
     * @param hookName the name of the shutdown hook's thread
     * @throws EngineException when the JVM is exiting: nothing is started
     */
    protected DaemonProcess(String name, String hookName) {
        this.name = name;
        try {
            this.cleanup = CleanupOnExit.register(hookName, this::cleanUp);
        } catch (IllegalStateException exiting) {
            throw notStarted(exiting);
        }
    }

    /** Writes a daemon's configuration into its new folder and gives the command line that starts it there. */
    @FunctionalInterface
    protected interface Preparation {
        List<String> prepare(Path dir) throws IOException;
    }

    /**
     * Makes the private folder {@code /tmp/<prefix>*} (0700), lets {@code preparation} write the daemon's
     * configuration into it, and starts the daemon there, all under the clean-up's guard: a Ctrl-C that comes
     * meanwhile finds it started and stops it, or comes first and nothing starts; a failure removes what was made.
     *
     * @param folderFor what the folder is for, as the message of a folder that cannot be made says it
     * @throws EngineException when the folder cannot be made, the daemon cannot be started, or the JVM is exiting
     */
    protected final void spawn(String prefix, String folderFor, Preparation preparation) {
        try {
            cleanup.guard(() -> {
                List<String> command;
                try {
                    // short: unix socket paths are limited to about 107 bytes, and what the daemon runs adds to them
                    dir = Files.createTempDirectory(Path.of("/tmp"), prefix);
                    command = preparation.prepare(dir);
                } catch (IOException e) {
                    throw new EngineException("cannot prepare a folder for " + folderFor + " under /tmp: "
                            + e.getMessage(), e);
                }
                try {
                    process = Subprocess.startLogged(command, dir.resolve(name + ".log"));
                } catch (Subprocess.SubprocessException e) {
                    throw new EngineException(e.getMessage(), e);
                }
            });
        } catch (IllegalStateException exiting) {
            throw notStarted(exiting);
        }
    }

    private EngineException notStarted(IllegalStateException exiting) {
        return new EngineException("interrupted: the managed " + name + " was not started", exiting);
    }

    /**
     * Asks {@code ready} every {@code every} until the daemon answers. When it exits first, or {@code timeout}
     * passes, it is closed (stopped, its folder removed) and the failure is thrown with the end of its log.
     *
     * @param notReady what the message of a timeout says first, e.g. "the managed dockerd did not answer within 30 s"
     */
    protected final void awaitReady(Duration timeout, Duration every, BooleanSupplier ready,
            Supplier<String> notReady) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw closedWith("the managed " + name + " exited at start (code " + process.exitValue() + ")");
            }
            if (System.nanoTime() > until) {
                throw closedWith(notReady.get());
            }
            sleep(every);
        }
    }

    /** The log's end read before closing, which removes the log with the folder. */
    private EngineException closedWith(String failure) {
        String log = logTail(15);
        close();
        return new EngineException(failure + "; its log ends:\n" + log);
    }

    /** The one pause of a wait for this daemon: an interrupt ends it with a message that names the daemon. */
    protected final void sleep(Duration d) {
        Sleeps.sleep(d, e -> new EngineException("interrupted while waiting for the managed " + name, e));
    }

    /** The private folder, or null before it is made. */
    public Path dir() {
        return dir;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the daemon logged, to explain a failure. */
    public String logTail(int lines) {
        return LogFiles.tail(dir.resolve(name + ".log"), lines);
    }

    /** Stops the daemon and removes its folder and what it left behind; later calls do nothing. */
    @Override
    public void close() {
        cleanup.run();
    }

    private void cleanUp() {
        if (dir != null) {
            stopAndClean();
        }
    }

    /**
     * Stops the daemon and removes what it made, from {@link #close()} or the JVM's exit, once; called only when the
     * folder was made. Built of the steps below, in the order the daemon needs.
     */
    protected abstract void stopAndClean();

    /** Whether the daemon's process was started (the folder may exist without it). */
    protected final boolean started() {
        return process != null;
    }

    /** Ends the daemon, if it was started: SIGTERM, then SIGKILL after {@code grace}, and what it started. */
    protected final void endProcess(Duration grace) {
        if (process != null) {
            Subprocess.end(process, grace);
        }
    }

    /** Kills what outlived the daemon and names its folder on its command line (a socket, a state or root folder). */
    protected final void killLeftovers() {
        LeftoverProcesses.killFor(List.of(dir.toString()));
    }

    /** Undoes the mounts below the folder, so that removing it removes nothing else. */
    protected final void unmount() {
        Mounts.unmountUnder(dir);
    }

    protected final void removeDir() {
        FileTrees.deleteQuietly(dir);
    }
}
