package dev.rtbench.harness.daemonjson;

import dev.rtbench.harness.io.ConfigFileException;
import dev.rtbench.harness.io.EditLock;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@link EditLock} of one daemon.json, held from reading the file to renaming the new one over
 * it; its refusals are {@link DaemonConfigException}s. The lock file is {@code daemon.json.lock}
 * beside the (real) file, so containerd's config.toml editing and this one use the same scheme.
 */
public final class DaemonJsonLock implements AutoCloseable {

    /** Added to the daemon.json file name to name its lock file. */
    public static final String SUFFIX = EditLock.SUFFIX;
    /** How long an edit waits for another to finish before giving up. */
    public static final Duration DEFAULT_WAIT = EditLock.DEFAULT_WAIT;

    private final EditLock lock;

    private DaemonJsonLock(EditLock lock) {
        this.lock = lock;
    }

    /** {@link #acquire(Path, Duration)} waiting {@link #DEFAULT_WAIT}. */
    public static DaemonJsonLock acquire(Path daemonJson) {
        return acquire(daemonJson, DEFAULT_WAIT);
    }

    /**
     * Waits up to {@code wait} for the edit lock of {@code daemonJson}.
     *
     * @throws DaemonConfigException when another edit holds it longer, or the lock file cannot be
     *                               created (e.g. the folder does not exist or is not writable)
     */
    public static DaemonJsonLock acquire(Path daemonJson, Duration wait) {
        try {
            return new DaemonJsonLock(EditLock.acquire(daemonJson, wait));
        } catch (ConfigFileException e) {
            throw DaemonConfigException.of(e);
        }
    }

    /** The lock file of {@code daemonJson}: beside the real file, so every path to it shares one lock. */
    public static Path lockFileOf(Path daemonJson) {
        return EditLock.lockFileOf(daemonJson);
    }

    /** The lock file. */
    public Path lockFile() {
        return lock.lockFile();
    }

    /** The daemon.json this lock guards. */
    public Path file() {
        return lock.file();
    }

    @Override
    public void close() {
        lock.close();
    }
}
