package dev.rtbench.harness.daemonjson;

import dev.rtbench.harness.io.AtomicFile;
import dev.rtbench.harness.io.BackedUpFile;
import dev.rtbench.harness.io.ConfigFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Reads daemon.json (UTF-8 only, as Docker) and writes it safely: validate first, then
 * {@link BackedUpFile}: back up, replace atomically (temporary file in the same folder, fsync,
 * rename, fsync the folder), keeping the old file's mode and owner. A crash leaves either the old or
 * the new file, never a mix. Backups sit beside the file as
 * {@code daemon.json.rtbench-backup-<UTC yyyyMMdd'T'HHmmssSSS'Z'>}; {@link #restore(Path)}
 * brings back the newest. Every write, rollback and restore holds the file's
 * {@link DaemonJsonLock}; an editor that holds it from {@link DaemonConfig#load} on cannot lose a
 * concurrent edit.
 */
public final class DaemonJsonFile {

    /** Between the file name and the timestamp of a backup. */
    public static final String BACKUP_INFIX = BackedUpFile.BACKUP_INFIX;
    /** Between the file name and the timestamp of the copy {@link #restore} saves of what it replaced. */
    public static final String REPLACED_INFIX = BackedUpFile.REPLACED_INFIX;

    private DaemonJsonFile() {
    }

    /** {@link #write(Path, DaemonConfig, boolean, DockerVersion)} for an unknown Docker version. */
    public static BackedUpFile.WriteReceipt write(Path file, DaemonConfig config, boolean createIfMissing) {
        return write(file, config, createIfMissing, null);
    }

    /**
     * Validates {@code config} against Docker's rules, backs up the current file and replaces it
     * atomically. Nothing is written when validation fails, when the file is missing and
     * {@code createIfMissing} is false, or when the file changed on disk since {@code config} was
     * loaded from it. Writing the bytes the file already holds touches nothing.
     */
    public static BackedUpFile.WriteReceipt write(Path file, DaemonConfig config, boolean createIfMissing, DockerVersion docker) {
        return write(file, config, createIfMissing, docker, Clock.systemUTC());
    }

    static BackedUpFile.WriteReceipt write(Path file, DaemonConfig config, boolean createIfMissing, DockerVersion docker,
            Clock clock) {
        Objects.requireNonNull(file, "daemon.json path was not specified");
        Objects.requireNonNull(config, "daemon.json config was not specified");
        config.validate(docker);
        byte[] bytes = config.text().getBytes(StandardCharsets.UTF_8);
        DaemonConfig.Origin o = config.origin();
        BackedUpFile.Origin origin = o == null ? null : new BackedUpFile.Origin(o.file(), o.bytes());
        return daemonJson(() -> BackedUpFile.write(file, bytes, origin, createIfMissing, clock));
    }

    /**
     * Undoes a {@link #write}: puts the previous bytes back (or deletes a file the write created).
     * Refuses when the file changed since that write, so a later edit is never lost.
     */
    public static void rollback(BackedUpFile.WriteReceipt receipt) {
        daemonJson(() -> {
            BackedUpFile.rollback(receipt);
            return null;
        });
    }

    /** The rtbench backups of {@code file}, oldest first. */
    public static List<Path> backups(Path file) {
        return daemonJson(() -> BackedUpFile.backups(file));
    }

    /**
     * Brings back the newest backup of {@code file}, atomically and byte for byte. What it
     * replaces is first saved as {@code daemon.json.rtbench-replaced-<stamp>}, so nothing is lost.
     */
    public static BackedUpFile.RestoreResult restore(Path file) {
        return restore(file, Clock.systemUTC());
    }

    static BackedUpFile.RestoreResult restore(Path file, Clock clock) {
        return daemonJson(() -> BackedUpFile.restore(file, clock, text -> DaemonConfig.parse(text, file.toString())));
    }

    private static <T> T daemonJson(Supplier<T> action) {
        try {
            return action.get();
        } catch (ConfigFileException e) {
            throw DaemonConfigException.of(e);
        }
    }

    /** {@link AtomicFile#write(Path, byte[], PosixFileAttributes)}: the one atomic writer of the project. */
    static void atomicWrite(Path target, byte[] bytes, PosixFileAttributes like) throws IOException {
        AtomicFile.write(target, bytes, like);
    }

    /** {@link DaemonConfig#load(Path, boolean)}: reads and decodes the file, keeping its bytes to detect a later change. */
    static DaemonConfig read(Path file, boolean createIfMissing) {
        Objects.requireNonNull(file, "daemon.json path was not specified");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            if (!createIfMissing) {
                throw new DaemonConfigException(file + " does not exist: pass the create option to start a new "
                        + "daemon.json, or point rtbench at the file your dockerd reads (dockerd --config-file)");
            }
            return DaemonConfig.of("", new DaemonConfig.Origin(file, null));
        } catch (IOException e) {
            throw new DaemonConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String text = decode(bytes, file.toString());
        return DaemonConfig.of(text, new DaemonConfig.Origin(file, bytes));
    }

    /** Decodes daemon.json bytes as Docker does: UTF-8 only, refusing UTF-16 and malformed input. */
    static String decode(byte[] bytes, String sourceName) {
        return daemonJson(() -> BackedUpFile.decodeUtf8(bytes, sourceName, "Docker"));
    }
}
