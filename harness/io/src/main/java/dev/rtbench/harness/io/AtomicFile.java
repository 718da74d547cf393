package dev.rtbench.harness.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Objects;
import java.util.Set;

/**
 * The project's one way to replace a file: the bytes go to a temporary file beside the target, are
 * fsynced, get the owner, group and mode wanted, and the temporary file is renamed over the target;
 * then the folder is fsynced so the rename survives a crash. A reader sees the old file or the new
 * one, never a mix, and a crash at any point leaves one of the two on disk.
 */
public final class AtomicFile {

    /** The mode of a file that did not exist before, whatever the umask. */
    public static final Set<PosixFilePermission> NEW_FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private static final String TMP_SUFFIX = ".rtbench-tmp";

    private AtomicFile() {
    }

    /**
     * Replaces {@code target} with {@code bytes}, keeping the owner, group and mode of the file it
     * replaces (0644 for a new file). Creates the parent folders when missing.
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        Objects.requireNonNull(target, "target file was not specified");
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        write(target, bytes, attributesOrNull(target));
    }

    /**
     * Replaces {@code target} with {@code bytes}, owner, group and mode copied from {@code like}
     * (0644 when null). The folder must exist.
     */
    public static void write(Path target, byte[] bytes, PosixFileAttributes like) throws IOException {
        Objects.requireNonNull(target, "target file was not specified");
        Objects.requireNonNull(bytes, "bytes were not specified");
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", TMP_SUFFIX);
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            copyOwnerAndMode(tmp, like);
            // Same folder, so rename(2): atomic on every POSIX filesystem; no non-atomic fallback on purpose.
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            fsyncDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** The POSIX attributes of {@code file}, or null when it does not exist or the filesystem has none. */
    public static PosixFileAttributes attributesOrNull(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return null;
        }
        try {
            return view.readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Makes a rename or delete in {@code dir} durable. Not every platform lets a folder be opened;
     * there the filesystem's own ordering is all there is.
     */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }

    private static void copyOwnerAndMode(Path tmp, PosixFileAttributes like) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        if (like == null) {
            view.setPermissions(NEW_FILE_MODE);
            return;
        }
        // chown before chmod: chown can clear set-id bits; skip it when already right (non-root users).
        PosixFileAttributes mine = view.readAttributes();
        UserPrincipal owner = like.owner();
        GroupPrincipal group = like.group();
        if (!mine.owner().equals(owner)) {
            view.setOwner(owner);
        }
        if (!mine.group().equals(group)) {
            view.setGroup(group);
        }
        view.setPermissions(like.permissions());
    }
}
