package dev.rtbench.harness.containerdconfig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.io.BackedUpFile;
import dev.rtbench.harness.io.ConfigFileException;
import dev.rtbench.harness.io.EditLock;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerdConfigFileTest {

    @TempDir
    Path dir;

    private static final Clock T1 = Clock.fixed(Instant.parse("2026-11-29T04:30:00.123Z"), ZoneOffset.UTC);
    private static final CriRuntime RUNSC = CriRuntime.runcShim("/usr/bin/runsc");

    private Path debianFile() throws Exception {
        Path f = dir.resolve("config.toml");
        Files.writeString(f, ContainerdConfigTest.fixture("debian-12-etc.toml"));
        return f;
    }

    @Test
    void writeBacksUpThenReplacesByRenameKeepingTheMode() throws Exception {
        Path f = debianFile();
        byte[] before = Files.readAllBytes(f);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        Object inode = Files.getAttribute(f, "unix:ino");
        ContainerdConfig edited = ContainerdConfigFile.load(f, false, 2).withRuntime("runsc", RUNSC);
        BackedUpFile.WriteReceipt r = ContainerdConfigFile.write(f, edited, false, T1);
        assertEquals(edited.text(), Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertTrue(!inode.equals(Files.getAttribute(f, "unix:ino")), "replaced by rename");
        assertEquals(dir.resolve("config.toml.rtbench-backup-20261129T043000123Z").toAbsolutePath(), r.backup());
        assertArrayEquals(before, Files.readAllBytes(r.backup()));
    }

    @Test
    void refusesWhenTheFileChangedSinceLoad() throws Exception {
        Path f = debianFile();
        ContainerdConfig edited = ContainerdConfigFile.load(f, false, 2).withRuntime("runsc", RUNSC);
        Files.writeString(f, "version = 2\n");
        ConfigFileException e = assertThrows(ConfigFileException.class, () -> ContainerdConfigFile.write(f, edited, false));
        assertTrue(e.getMessage().contains("changed on disk since rtbench read it"), e.getMessage());
        assertEquals("version = 2\n", Files.readString(f));
    }

    /** Another process holds the edit lock: the edit waits, then fails cleanly and writes nothing. */
    @Test
    void anEditLockedByAnotherProcessFailsCleanlyAfterWaiting() throws Exception {
        Path f = debianFile();
        byte[] before = Files.readAllBytes(f);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), dev.rtbench.harness.io.EditLockHolder.class.getName(), f.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine());
            ConfigFileException e = assertThrows(ConfigFileException.class, () -> {
                try (EditLock l = EditLock.acquire(f, Duration.ofMillis(300))) {
                    ContainerdConfigFile.write(f, ContainerdConfigFile.load(f, false, 2).withRuntime("runsc", RUNSC), false);
                }
            });
            assertTrue(e.getMessage().contains("is being edited by another process"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(f));
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void aMissingFileIsNamedUnlessCreateIsAsked() {
        Path f = dir.resolve("nope/config.toml");
        ContainerdConfigException e = assertThrows(ContainerdConfigException.class, () -> ContainerdConfigFile.load(f, false, 2));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("--create"), e.getMessage());
        assertEquals("", ContainerdConfigFile.load(f, true, 3).text());
        assertEquals(3, ContainerdConfigFile.load(f, true, 3).version());
    }

    @Test
    void restoreBringsBackTheNewestBackup() throws Exception {
        Path f = debianFile();
        byte[] before = Files.readAllBytes(f);
        ContainerdConfigFile.write(f, ContainerdConfigFile.load(f, false, 2).withRuntime("runsc", RUNSC), false);
        BackedUpFile.restore(f, Clock.systemUTC());
        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals(1, BackedUpFile.backups(f).size());
        assertEquals(List.of(), BackedUpFile.backups(dir.resolve("other.toml")));
    }
}
