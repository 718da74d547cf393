package dev.rtbench.harness.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How rtbench replaces a configuration file it edits (daemon.json, containerd's config.toml): under
 * the file's {@link EditLock}, back up, then replace atomically ({@link AtomicFile}), keeping the
 * old file's mode and owner and writing through a symlink. A crash leaves either the old or the new
 * file, never a mix. Backups sit beside the file as {@code NAME.rtbench-backup-<UTC
 * yyyyMMdd'T'HHmmssSSS'Z'>}; {@link #restore(Path, Clock)} brings back the newest. What the file
 * must hold (its syntax, the rules of the daemon that reads it) is the caller's to check first.
 */
public final class BackedUpFile {

    /** Between the file name and the timestamp of a backup. */
    public static final String BACKUP_INFIX = ".rtbench-backup-";
    /** Between the file name and the timestamp of the copy {@link #restore} saves of what it replaced. */
    public static final String REPLACED_INFIX = ".rtbench-replaced-";
    static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * What a {@link #write} did, enough to undo it with {@link #rollback(WriteReceipt)}.
     *
     * @param file     the file written
     * @param backup   the backup taken, or null when the file was created or left unchanged
     * @param previous the bytes before the write, or null when the file did not exist
     * @param written  the bytes now in the file
     */
    public record WriteReceipt(Path file, Path backup, byte[] previous, byte[] written) {
        public boolean created() {
            return previous == null;
        }

        /** False when the file already held exactly these bytes and nothing was touched. */
        public boolean changed() {
            return !Arrays.equals(previous, written);
        }
    }

    /**
     * What {@link #restore} did.
     *
     * @param file         the file restored
     * @param restoredFrom the backup whose bytes are now in the file
     * @param replacedCopy where the replaced content was saved, or null when there was no file
     */
    public record RestoreResult(Path file, Path restoredFrom, Path replacedCopy) {
    }

    /**
     * The file an edit started from and its bytes then (null when it did not exist), so a write
     * can refuse when someone else changed the file in between.
     */
    public record Origin(Path file, byte[] bytes) {
    }

    private BackedUpFile() {
    }

    /**
     * Backs up the current file and replaces it atomically with {@code bytes}. Nothing is written
     * when the file is missing and {@code createIfMissing} is false, or when the file changed on
     * disk since {@code origin} was read from it. Writing the bytes the file already holds touches
     * nothing.
     *
     * @param origin where the edited content was read, or null when it was not read from {@code file}
     */
    public static WriteReceipt write(Path file, byte[] bytes, Origin origin, boolean createIfMissing, Clock clock) {
        Objects.requireNonNull(file, "file path was not specified");
        Objects.requireNonNull(bytes, "bytes were not specified");
        if (!Files.exists(file) && !createIfMissing) {
            throw new ConfigFileException(file + " does not exist: pass the create option to create it");
        }
        try {
            if (createIfMissing) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
        } catch (IOException e) {
            throw new ConfigFileException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        // Reentrant: a caller that locked before loading keeps the lock from read to rename.
        try (EditLock lock = EditLock.acquire(file)) {
            boolean exists = Files.exists(file);
            if (!exists && !createIfMissing) {
                throw new ConfigFileException(file + " does not exist: pass the create option to create it");
            }
            // Write through a symlink (config management often links the files under /etc).
            Path target = exists ? file.toRealPath() : file.toAbsolutePath();
            byte[] current = exists ? Files.readAllBytes(target) : null;
            refuseIfChangedSinceLoad(file, origin, current);
            if (current != null && Arrays.equals(current, bytes)) {
                return new WriteReceipt(file, null, current, bytes);
            }
            Path backup = null;
            if (current != null) {
                PosixFileAttributes attrs = AtomicFile.attributesOrNull(target);
                backup = freeName(file, BACKUP_INFIX, clock);
                AtomicFile.write(backup, current, attrs);
                try {
                    AtomicFile.write(target, bytes, attrs);
                } catch (IOException e) {
                    // the file is as it was: a backup of it would only be left for someone to wonder about
                    Files.deleteIfExists(backup);
                    throw e;
                }
            } else {
                Files.createDirectories(target.getParent());
                AtomicFile.write(target, bytes, null);
            }
            return new WriteReceipt(file, backup, current, bytes);
        } catch (IOException e) {
            throw new ConfigFileException("cannot write " + file + ": " + e.getMessage()
                    + " (the previous content is unchanged)", e);
        }
    }

    private static void refuseIfChangedSinceLoad(Path file, Origin origin, byte[] current) {
        if (origin == null || !sameFile(origin.file(), file)) {
            return;
        }
        if (!Arrays.equals(origin.bytes(), current)) {
            throw new ConfigFileException(file + " changed on disk since rtbench read it: nothing was written; "
                    + "run the command again so the edit applies to the current content");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * Undoes a {@link #write}: puts the previous bytes back (or deletes a file the write created).
     * Refuses when the file changed since that write, so a later edit is never lost.
     */
    public static void rollback(WriteReceipt receipt) {
        Objects.requireNonNull(receipt, "write receipt was not specified");
        Path file = receipt.file();
        if (!receipt.changed()) {
            return;
        }
        try (EditLock lock = EditLock.acquire(file)) {
            byte[] current = readOrNull(file);
            if (!Arrays.equals(current, receipt.written())) {
                throw new ConfigFileException(file + " changed since rtbench wrote it: not rolling back"
                        + (receipt.backup() == null ? "" : "; the content before rtbench's write is in " + receipt.backup()));
            }
            if (receipt.previous() == null) {
                Files.delete(file);
                AtomicFile.fsyncDirectory(file.toAbsolutePath().getParent());
                return;
            }
            Path target = file.toRealPath();
            AtomicFile.write(target, receipt.previous(), AtomicFile.attributesOrNull(target));
        } catch (IOException e) {
            throw new ConfigFileException("cannot roll back " + file + ": " + e.getMessage()
                    + (receipt.backup() == null ? "" : "; restore it from " + receipt.backup()), e);
        }
    }

    /** The rtbench backups of {@code file}, oldest first. */
    public static List<Path> backups(Path file) {
        Objects.requireNonNull(file, "file path was not specified");
        Path dir = file.toAbsolutePath().getParent();
        Pattern name = Pattern.compile(Pattern.quote(file.getFileName() + BACKUP_INFIX) + "\\d{8}T\\d{9}Z(-\\d+)?");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = new ArrayList<>(s.filter(p -> name.matcher(p.getFileName().toString()).matches()).toList());
            out.sort((a, b) -> backupKey(a).compareTo(backupKey(b)));
            return List.copyOf(out);
        } catch (IOException e) {
            throw new ConfigFileException("cannot list backups in " + dir + ": " + e.getMessage(), e);
        }
    }

    // "…Z" sorts before "…Z-1" once the suffix is padded, so same-millisecond backups keep their order.
    private static String backupKey(Path p) {
        String n = p.getFileName().toString();
        int dash = n.lastIndexOf("Z-");
        return dash < 0 ? n + "-000000" : n.substring(0, dash + 1) + String.format("-%06d",
                Integer.parseInt(n.substring(dash + 2)));
    }

    /**
     * Brings back the newest backup of {@code file}, atomically and byte for byte. What it
     * replaces is first saved as {@code NAME.rtbench-replaced-<stamp>}, so nothing is lost.
     */
    public static RestoreResult restore(Path file, Clock clock) {
        return restore(file, clock, text -> { });
    }

    /**
     * {@link #restore(Path, Clock)}, installing the backup only if {@code check} accepts its text: a backup that
     * the file's reader would refuse (edited by hand, truncated) is named and nothing is restored.
     *
     * @param check throws a {@link ConfigFileException} saying what is wrong with the text
     */
    public static RestoreResult restore(Path file, Clock clock, Consumer<String> check) {
        List<Path> backups = backups(file);
        if (backups.isEmpty()) {
            throw new ConfigFileException("no rtbench backup of " + file + " found (looked for "
                    + file.getFileName() + BACKUP_INFIX + "* beside it): nothing to restore");
        }
        Path newest = backups.get(backups.size() - 1);
        try (EditLock lock = EditLock.acquire(file)) {
            byte[] bytes = Files.readAllBytes(newest);
            try {
                check.accept(decodeUtf8(bytes, newest.toString(), "a restored file"));
            } catch (ConfigFileException | IllegalArgumentException e) {
                throw new ConfigFileException("the newest backup " + newest + " cannot be used: " + e.getMessage()
                        + "; nothing was restored (" + file + " is unchanged): fix the backup by hand, or move it"
                        + " aside to restore the one before it", e);
            }
            Path replaced = null;
            if (Files.exists(file)) {
                Path target = file.toRealPath();
                PosixFileAttributes attrs = AtomicFile.attributesOrNull(target);
                byte[] current = Files.readAllBytes(target);
                if (!Arrays.equals(current, bytes)) {
                    replaced = freeName(file, REPLACED_INFIX, clock);
                    AtomicFile.write(replaced, current, attrs);
                    AtomicFile.write(target, bytes, attrs);
                }
            } else {
                AtomicFile.write(file.toAbsolutePath(), bytes, AtomicFile.attributesOrNull(newest));
            }
            return new RestoreResult(file, newest, replaced);
        } catch (IOException e) {
            throw new ConfigFileException("cannot restore " + file + " from " + newest + ": " + e.getMessage()
                    + " (the file is unchanged)", e);
        }
    }

    private static Path freeName(Path file, String infix, Clock clock) {
        Path base = file.toAbsolutePath();
        String name = base.getFileName() + infix + STAMP.format(clock.instant());
        Path candidate = base.resolveSibling(name);
        for (int i = 1; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); i++) {
            candidate = base.resolveSibling(name + "-" + i);
        }
        return candidate;
    }

    /** A file's bytes, or null when it does not exist. */
    public static byte[] readOrNull(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Decodes a configuration file that must be UTF-8 (Docker's JSON, TOML), refusing UTF-16 and
     * malformed bytes. {@code reader} names who requires UTF-8, for the message.
     */
    public static String decodeUtf8(byte[] bytes, String sourceName, String reader) {
        try {
            return UserFile.decode(bytes, sourceName, reader);
        } catch (UserFile.Problem e) {
            throw new ConfigFileException(e.getMessage(), e);
        }
    }
}
