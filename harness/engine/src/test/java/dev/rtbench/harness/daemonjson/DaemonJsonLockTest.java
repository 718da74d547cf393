package dev.rtbench.harness.daemonjson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonJsonLockTest {

    @TempDir
    Path dir;

    private static final RuntimeEntry TRUE = RuntimeEntry.ofPath("/bin/true", null);

    /** What configure does: lock, load, edit, write. */
    private static void addRuntime(Path f, String name) {
        try (DaemonJsonLock lock = DaemonJsonLock.acquire(f)) {
            DaemonConfig c = DaemonConfig.load(f);
            DaemonJsonFile.write(f, c.withRuntime(name, TRUE), false);
        }
    }

    @Test
    void fiftyConcurrentPairsOfEditsLoseNoEdit() throws Exception {
        Path f = dir.resolve("daemon.json");
        Files.writeString(f, "{\n  \"debug\": true\n}\n");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> failures = new ArrayList<>();
        try {
            for (int pair = 0; pair < 50; pair++) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<?>> runs = new ArrayList<>();
                for (String name : List.of("a" + pair, "b" + pair)) {
                    runs.add(pool.submit(() -> {
                        together.await();
                        addRuntime(f, name);
                        return null;
                    }));
                }
                for (Future<?> r : runs) {
                    r.get(30, TimeUnit.SECONDS);   // both succeed: the second waits for the first
                }
                DaemonConfig now = DaemonConfig.load(f);
                if (!now.runtimes().containsKey("a" + pair) || !now.runtimes().containsKey("b" + pair)) {
                    failures.add("pair " + pair + ": file holds " + now.runtimes().keySet());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), failures);
        assertEquals(100, DaemonConfig.load(f).runtimes().size());
        assertEquals(100, DaemonJsonFile.backups(f).size(), "one backup per write");
    }

    @Test
    void theLockIsReentrantSoWriteUnderTheCallersLockDoesNotDeadlock() {
        Path f = dir.resolve("daemon.json");
        try (DaemonJsonLock outer = DaemonJsonLock.acquire(f, Duration.ofSeconds(1))) {
            DaemonJsonFile.write(f, DaemonConfig.load(f, true).withRuntime("t", TRUE), true);
            // not beside the user's file: in the machine's lock folder, named after it
            assertFalse(outer.lockFile().startsWith(dir), outer.lockFile().toString());
            assertTrue(outer.lockFile().getFileName().toString().startsWith("daemon.json-"), outer.lockFile().toString());
        }
        assertTrue(DaemonConfig.load(f).runtimes().containsKey("t"));
    }

    @Test
    void symlinkAndRealPathShareOneLock() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real")).resolve("daemon.json");
        Files.writeString(real, "{}\n");
        Path link = Files.createSymbolicLink(dir.resolve("daemon.json"), real);
        assertEquals(DaemonJsonLock.lockFileOf(real), DaemonJsonLock.lockFileOf(link));
    }

    /** Another process holds the lock: the edit waits, then fails cleanly and writes nothing. */
    @Test
    void anEditLockedByAnotherProcessFailsCleanlyAfterWaiting() throws Exception {
        Path f = dir.resolve("daemon.json");
        Files.writeString(f, "{}\n");
        byte[] before = Files.readAllBytes(f);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), dev.rtbench.harness.io.EditLockHolder.class.getName(), f.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine());
            DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> {
                try (DaemonJsonLock l = DaemonJsonLock.acquire(f, Duration.ofMillis(300))) {
                    DaemonJsonFile.write(f, DaemonConfig.load(f).withRuntime("t", TRUE), false);
                }
            });
            assertTrue(e.getMessage().contains("is being edited by another process"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(f));
        } finally {
            holder.getOutputStream().close();   // the holder exits when its stdin closes
            assertTrue(holder.waitFor(20, TimeUnit.SECONDS));
        }
        addRuntime(f, "t");   // free again once the other process is gone
        assertTrue(DaemonConfig.load(f).runtimes().containsKey("t"));
    }
}
