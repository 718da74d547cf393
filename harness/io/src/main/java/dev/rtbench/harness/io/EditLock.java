package dev.rtbench.harness.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on edits of one configuration file (daemon.json, containerd's config.toml),
 * held from reading the file to renaming the new one over it, so two edits started together
 * serialize instead of one silently overwriting the other. The lock is {@code NAME-<hash>.lock} in
 * {@code /run/lock/rtbench}, named after the real file (through a symlink), locked with
 * {@link FileChannel#lock} so other processes see it; nothing is left beside the user's file. The
 * lock file stays after use, since deleting a lock file while others wait on it breaks the lock; the
 * lock folder is a tmpfs emptied at boot.
 *
 * <p>A JVM cannot hold two OS locks on one file, so threads of one process first take an in-process
 * lock; both are reentrant for the thread holding them, so {@link BackedUpFile#write} can take
 * the lock its caller already holds. Close it on the thread that acquired it.
 */
public final class EditLock implements AutoCloseable {

    /** Added to the file name to name its lock file. */
    public static final String SUFFIX = ".lock";
    /** How long an edit waits for another to finish before giving up. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private static final Map<Path, Slot> SLOTS = new ConcurrentHashMap<>();

    /** One lock file's in-process lock and, while held, its OS lock. */
    private static final class Slot {
        final ReentrantLock inProcess = new ReentrantLock();
        FileChannel channel;
        FileLock osLock;
    }

    private final Path file;
    private final Path lockFile;
    private final Slot slot;
    private boolean closed;

    private EditLock(Path file, Path lockFile, Slot slot) {
        this.file = file;
        this.lockFile = lockFile;
        this.slot = slot;
    }

    /** {@link #acquire(Path, Duration)} waiting {@link #DEFAULT_WAIT}. */
    public static EditLock acquire(Path file) {
        return acquire(file, DEFAULT_WAIT);
    }

    /**
     * Waits up to {@code wait} for the edit lock of {@code file}.
     *
     * @throws ConfigFileException when another edit holds it longer, or the lock file cannot be
     *                               created (e.g. the folder does not exist or is not writable)
     */
    public static EditLock acquire(Path file, Duration wait) {
        Objects.requireNonNull(file, "file path was not specified");
        Path lockFile = lockFileOf(file);
        Slot slot = SLOTS.computeIfAbsent(lockFile, k -> new Slot());
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            if (!slot.inProcess.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(file, lockFile, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigFileException("interrupted while waiting to edit " + file + ": nothing was written", e);
        }
        if (slot.inProcess.getHoldCount() > 1) {
            return new EditLock(file, lockFile, slot);
        }
        try {
            FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock os;
                while ((os = ch.tryLock()) == null) {
                    if (System.nanoTime() > deadline) {
                        throw busy(file, lockFile, wait);
                    }
                    Thread.sleep(5);
                }
                slot.channel = ch;
                slot.osLock = os;
            } catch (RuntimeException | IOException | InterruptedException e) {
                ch.close();
                throw e;
            }
        } catch (InterruptedException e) {
            slot.inProcess.unlock();
            Thread.currentThread().interrupt();
            throw new ConfigFileException("interrupted while waiting to edit " + file + ": nothing was written", e);
        } catch (IOException e) {
            slot.inProcess.unlock();
            throw new ConfigFileException("cannot lock " + file + " for editing (" + lockFile + "): " + e.getMessage()
                    + "; nothing was written", e);
        } catch (RuntimeException e) {
            slot.inProcess.unlock();
            throw e;
        }
        return new EditLock(file, lockFile, slot);
    }

    /** The lock file of {@code file}: beside the real file, so every path to it shares one lock. */
    public static Path lockFileOf(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) {
                abs = abs.toRealPath();
            }
        } catch (IOException e) {
            // fall back to the path as given
        }
        // not beside the file: every edit, refusals included, left NAME.lock in the user's /etc/docker. The lock
        // lives in the machine's lock folder, named after the file's real path, so every rtbench finds the same one
        String real = abs.toString();
        String id;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(real.getBytes(
                    StandardCharsets.UTF_8));
            id = HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return lockDir().resolve(abs.getFileName() + "-" + id + SUFFIX);
    }

    /** {@code /run/lock/rtbench} (a tmpfs, emptied at boot), else a folder under the JVM's temporary folder. */
    private static Path lockDir() {
        Path run = Path.of("/run/lock");
        Path dir = Files.isDirectory(run) && Files.isWritable(run) ? run.resolve("rtbench")
                : Path.of(System.getProperty("java.io.tmpdir"), "rtbench-locks");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigFileException("cannot make the folder for rtbench's edit locks, " + dir + ": "
                    + e.getMessage(), e);
        }
        return dir;
    }

    private static ConfigFileException busy(Path file, Path lockFile, Duration wait) {
        return new ConfigFileException(file + " is being edited by another process (it has held " + lockFile
                + " for more than " + wait.toSeconds() + " s): nothing was written; run the command again once it has finished");
    }

    /** The lock file. */
    public Path lockFile() {
        return lockFile;
    }

    /** The file this lock guards. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (slot.inProcess.getHoldCount() == 1 && slot.channel != null) {
                try {
                    slot.osLock.release();
                    slot.channel.close();
                } catch (IOException e) {
                    // closing the channel releases the lock in any case
                } finally {
                    slot.channel = null;
                    slot.osLock = null;
                }
            }
        } finally {
            slot.inProcess.unlock();
        }
    }
}
