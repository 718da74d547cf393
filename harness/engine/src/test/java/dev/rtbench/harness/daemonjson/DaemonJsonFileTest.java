package dev.rtbench.harness.daemonjson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.io.BackedUpFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonJsonFileTest {

    @TempDir
    Path dir;

    private static final RuntimeEntry CRUN = RuntimeEntry.ofPath("/usr/bin/crun", null);
    private static final Clock T1 = Clock.fixed(Instant.parse("2026-11-28T21:30:00.123Z"), ZoneOffset.UTC);
    private static final Clock T2 = Clock.fixed(Instant.parse("2026-11-28T21:31:00.456Z"), ZoneOffset.UTC);

    private Path file(String resource) throws Exception {
        Path f = dir.resolve("daemon.json");
        Files.write(f, Fixtures.bytes(resource));
        return f;
    }

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeBacksUpThenReplacesKeepingModeAndOwner() throws Exception {
        Path f = file("production.json");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        UserPrincipalLookupService users = f.getFileSystem().getUserPrincipalLookupService();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // "nobody"/"nogroup" exist on Debian; the write must carry them over to the new file.
            Files.getFileAttributeView(f, PosixFileAttributeView.class).setOwner(users.lookupPrincipalByName("nobody"));
            Files.getFileAttributeView(f, PosixFileAttributeView.class).setGroup(users.lookupPrincipalByGroupName("nogroup"));
        }
        UserPrincipal owner = Files.getOwner(f);
        GroupPrincipal group = Files.readAttributes(f, java.nio.file.attribute.PosixFileAttributes.class).group();
        Object inodeBefore = Files.getAttribute(f, "unix:ino");

        DaemonConfig edited = DaemonConfig.load(f).withRuntime("crun", CRUN);
        BackedUpFile.WriteReceipt r = DaemonJsonFile.write(f, edited, false, DockerVersion.parse("20.10.24"), T1);

        assertEquals(edited.text(), Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(owner, Files.getOwner(f));
        assertEquals(group, Files.readAttributes(f, java.nio.file.attribute.PosixFileAttributes.class).group());
        assertFalse(inodeBefore.equals(Files.getAttribute(f, "unix:ino")), "replaced by rename, not rewritten in place");
        assertEquals(dir.resolve("daemon.json.rtbench-backup-20261128T213000123Z").toAbsolutePath(), r.backup());
        assertArrayEquals(Fixtures.bytes("production.json"), Files.readAllBytes(r.backup()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(r.backup())));
        assertArrayEquals(Fixtures.bytes("production.json"), r.previous());
        assertEquals(List.of("daemon.json", "daemon.json.rtbench-backup-20261128T213000123Z"), names(),
                "no temp file and no lock left beside the file");
    }

    @Test
    void newFileIsCreatedOnlyWhenAskedWithMode0644() throws Exception {
        Path f = dir.resolve("etc/docker/daemon.json");
        DaemonConfig cfg = DaemonConfig.load(f, true).withRuntime("crun", CRUN);
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonJsonFile.write(f, cfg, false));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(f));

        BackedUpFile.WriteReceipt r = DaemonJsonFile.write(f, cfg, true);
        assertTrue(r.created());
        assertNull(r.backup());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(cfg.text(), Files.readString(f));
    }

    @Test
    void refusedWritesLeaveTheFileByteIdentical() throws Exception {
        Path f = file("kata-runtime-type.json");
        byte[] before = Files.readAllBytes(f);
        DaemonConfig cfg = DaemonConfig.load(f).withRuntime("crun", CRUN);
        // runtimeType on 20.10: validation fails, nothing written, no backup.
        assertThrows(DaemonConfigException.class, () -> DaemonJsonFile.write(f, cfg, false, DockerVersion.parse("20.10")));
        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals(List.of("daemon.json"), names());
        // Reserved name: refused for any version.
        assertThrows(DaemonConfigException.class, () -> DaemonJsonFile.write(f, cfg.withRuntime("runc", CRUN), false));
        assertArrayEquals(before, Files.readAllBytes(f));

        Path bad = file("trailing-comma.json");
        byte[] badBytes = Files.readAllBytes(bad);
        assertThrows(DaemonConfigException.class, () -> DaemonConfig.load(bad));
        assertArrayEquals(badBytes, Files.readAllBytes(bad));
    }

    @Test
    void refusesWhenTheFileChangedSinceLoad() throws Exception {
        Path f = file("production.json");
        DaemonConfig cfg = DaemonConfig.load(f).withRuntime("crun", CRUN);
        Files.writeString(f, "{\"debug\": true}\n");
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonJsonFile.write(f, cfg, false));
        assertTrue(e.getMessage().contains("changed on disk"), e.getMessage());
        assertEquals("{\"debug\": true}\n", Files.readString(f));
    }

    @Test
    void unchangedContentTouchesNothing() throws Exception {
        Path f = file("production.json");
        Object inode = Files.getAttribute(f, "unix:ino");
        BackedUpFile.WriteReceipt r = DaemonJsonFile.write(f, DaemonConfig.load(f), false);
        assertFalse(r.changed());
        assertNull(r.backup());
        assertEquals(inode, Files.getAttribute(f, "unix:ino"));
        assertEquals(List.of("daemon.json"), names());
    }

    @Test
    void rollbackRestoresPreviousBytesOrDeletesACreatedFile() throws Exception {
        Path f = file("crlf.json");
        BackedUpFile.WriteReceipt r = DaemonJsonFile.write(f, DaemonConfig.load(f).withRuntime("crun", CRUN), false);
        DaemonJsonFile.rollback(r);
        assertArrayEquals(Fixtures.bytes("crlf.json"), Files.readAllBytes(f));

        Path g = dir.resolve("new.json");
        BackedUpFile.WriteReceipt created = DaemonJsonFile.write(g, DaemonConfig.load(g, true).withRuntime("crun", CRUN), true);
        DaemonJsonFile.rollback(created);
        assertFalse(Files.exists(g));
    }

    @Test
    void rollbackRefusesToClobberALaterEdit() throws Exception {
        Path f = file("production.json");
        BackedUpFile.WriteReceipt r = DaemonJsonFile.write(f, DaemonConfig.load(f).withRuntime("crun", CRUN), false, null, T1);
        Files.writeString(f, "{}\n");
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonJsonFile.rollback(r));
        assertTrue(e.getMessage().contains("changed since rtbench wrote it") && e.getMessage().contains(r.backup().toString()),
                e.getMessage());
        assertEquals("{}\n", Files.readString(f));
    }

    @Test
    void restoreBringsBackTheNewestBackupAndKeepsWhatItReplaced() throws Exception {
        Path f = file("production.json");
        BackedUpFile.WriteReceipt first = DaemonJsonFile.write(f, DaemonConfig.load(f).withRuntime("crun", CRUN), false, null, T1);
        byte[] afterFirst = Files.readAllBytes(f);
        BackedUpFile.WriteReceipt second = DaemonJsonFile.write(f, DaemonConfig.load(f).withDefaultRuntime("crun"), false, null, T2);
        byte[] afterSecond = Files.readAllBytes(f);
        assertEquals(List.of(first.backup(), second.backup()), DaemonJsonFile.backups(f));

        BackedUpFile.RestoreResult res = DaemonJsonFile.restore(f, T2);
        assertEquals(second.backup(), res.restoredFrom());
        assertArrayEquals(afterFirst, Files.readAllBytes(f));
        assertNotNull(res.replacedCopy());
        assertArrayEquals(afterSecond, Files.readAllBytes(res.replacedCopy()));
        assertEquals(2, DaemonJsonFile.backups(f).size(), "the replaced copy is not a backup");
    }

    @Test
    void aWriteThatFailsLeavesNoBackupBehind() throws Exception {
        // the link's folder takes the backup; the real file's folder is immutable, so the new file cannot be put
        // there (root writes through permissions, not through chattr +i)
        Path realDir = Files.createDirectory(dir.resolve("real"));
        Path real = Files.writeString(realDir.resolve("daemon.json"), "{}\n");
        Path link = Files.createSymbolicLink(dir.resolve("daemon.json"), real);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("chattr", "+i", realDir.toString()).start().waitFor() == 0, "no chattr here");
        try {
            assertThrows(RuntimeException.class,
                    () -> DaemonJsonFile.write(link, DaemonConfig.load(link).withRuntime("crun", CRUN), false));
            assertEquals(List.of("daemon.json", "real"), names(), "a backup was left beside the file");
            assertEquals("{}\n", Files.readString(real));
        } finally {
            new ProcessBuilder("chattr", "-i", realDir.toString()).start().waitFor();
        }
    }

    @Test
    void restoreWithoutBackupsSaysSo() {
        Path f = dir.resolve("daemon.json");
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonJsonFile.restore(f));
        assertTrue(e.getMessage().contains("no rtbench backup"), e.getMessage());
    }

    @Test
    void backupsInTheSameMillisecondGetDistinctNames() throws Exception {
        Path f = file("production.json");
        DaemonJsonFile.write(f, DaemonConfig.load(f).withRuntime("a", CRUN), false, null, T1);
        DaemonJsonFile.write(f, DaemonConfig.load(f).withRuntime("b", CRUN), false, null, T1);
        BackedUpFile.WriteReceipt third = DaemonJsonFile.write(f, DaemonConfig.load(f).withRuntime("c", CRUN), false, null, T1);
        List<Path> b = DaemonJsonFile.backups(f);
        assertEquals(3, b.size());
        assertEquals(third.backup(), b.get(2));
        assertTrue(b.get(2).getFileName().toString().endsWith("Z-2"), b.toString());
    }

    @Test
    void writesThroughASymlink() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real")).resolve("daemon.json");
        Files.write(real, Fixtures.bytes("production.json"));
        Path link = Files.createSymbolicLink(dir.resolve("daemon.json"), real);
        DaemonJsonFile.write(link, DaemonConfig.load(link).withRuntime("crun", CRUN), false);
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTrue(Files.readString(real, StandardCharsets.UTF_8).contains("\"crun\""));
    }

    @Test
    void aFailedRenameLeavesNoTempFileAndTheOldContent() throws Exception {
        // A directory where the file should be: the rename fails, the temp file must be cleaned up.
        Path target = Files.createDirectory(dir.resolve("daemon.json"));
        Files.createFile(target.resolve("keep"));
        assertThrows(java.io.IOException.class, () -> DaemonJsonFile.atomicWrite(target, "{}".getBytes(StandardCharsets.UTF_8), null));
        assertEquals(List.of("daemon.json"), names());
        assertTrue(Files.exists(target.resolve("keep")));
    }
}
