package dev.rtbench.harness.containerdconfig;

import dev.rtbench.harness.io.BackedUpFile;
import dev.rtbench.harness.io.ConfigFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Reads containerd's config.toml (UTF-8, as TOML requires) and writes it the way daemon.json is
 * written: {@link BackedUpFile} (backup beside it, atomic replace with fsync, mode and owner kept,
 * through a symlink, refused when the file changed since it was read). Hold the file's
 * {@link dev.rtbench.harness.io.EditLock} from {@link #load} to {@link #write} so concurrent
 * editors take turns.
 */
public final class ContainerdConfigFile {

    private ContainerdConfigFile() {
    }

    /**
     * Reads and parses a config.toml. A missing file is an error unless {@code createIfMissing},
     * when it reads as a blank document whose first edit writes {@code version = newVersion}.
     */
    public static ContainerdConfig load(Path file, boolean createIfMissing, int newVersion) {
        Objects.requireNonNull(file, "config.toml path was not specified");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            if (!createIfMissing) {
                throw new ContainerdConfigException(file + " does not exist: pass --create to start a new"
                        + " config.toml, or point rtbench at the file your containerd reads (containerd --config FILE;"
                        + " the default is " + ContainerdConfig.SYSTEM_CONFIG + ")");
            }
            return ContainerdConfig.of("", new BackedUpFile.Origin(file, null), newVersion);
        } catch (IOException e) {
            throw new ContainerdConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text = BackedUpFile.decodeUtf8(bytes, file.toString(), "TOML (and so containerd)");
        } catch (ConfigFileException e) {
            throw new ContainerdConfigException(e.getMessage(), e);
        }
        return ContainerdConfig.of(text, new BackedUpFile.Origin(file, bytes), newVersion);
    }

    /**
     * Backs up the current file and replaces it atomically with {@code config}'s text. Nothing is
     * written when the file is missing and {@code createIfMissing} is false, or when it changed on
     * disk since {@code config} was loaded from it; the same bytes again touch nothing.
     */
    public static BackedUpFile.WriteReceipt write(Path file, ContainerdConfig config, boolean createIfMissing) {
        return write(file, config, createIfMissing, Clock.systemUTC());
    }

    static BackedUpFile.WriteReceipt write(Path file, ContainerdConfig config, boolean createIfMissing, Clock clock) {
        Objects.requireNonNull(config, "config was not specified");
        return BackedUpFile.write(file, config.text().getBytes(StandardCharsets.UTF_8), config.origin(), createIfMissing, clock);
    }
}
