package dev.rtbench.harness.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rtbench.harness.io.Mounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KilledRunsTest {

    private static Path folder(Path tmp, String name, boolean old) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(name));
        Files.writeString(d.resolve("daemon.json"), "{}");
        if (old) {
            Files.setLastModifiedTime(d, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        }
        return d;
    }

    @Test
    void whatAKilledRunLeftGoesMountsAndOrphansFirstWhileRunsInProgressStay(@TempDir Path tmp) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        // a killed run: its folder holds a mount and is named by an orphan (its JVM is gone, its parent is init)
        Path killed = folder(tmp, "rtb-1111", false);
        Files.createDirectories(killed.resolve("data/overlay"));
        Files.setLastModifiedTime(killed, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        assertEquals(0, new ProcessBuilder("mount", "-t", "tmpfs", "none", killed.resolve("data/overlay").toString())
                .start().waitFor());
        Process parent = new ProcessBuilder("sh", "-c", "sh -c 'sleep 600; : " + killed + "/daemon.json' &")
                .start();
        parent.waitFor();
        Thread.sleep(300);
        List<Long> orphans = LeftoverProcesses.find(List.of(killed + "/daemon.json"));
        assertFalse(orphans.isEmpty(), "the orphan did not start");
        // a run in progress: its daemon is a child of a live JVM (this one)
        Path running = folder(tmp, "rtbc-2222", true);
        Process daemon = new ProcessBuilder("sh", "-c", "sleep 600; : " + running + "/config.toml").start();
        // a run that has just made its folder and not started its daemon yet
        Path young = folder(tmp, "rtb-3333", false);
        // not rtbench's
        Path other = folder(tmp, "rtb-notours", true);
        try {
            List<Path> removed = KilledRuns.sweep(tmp, Duration.ofMinutes(2));
            assertEquals(List.of(killed), removed);
            assertFalse(Files.exists(killed));
            assertTrue(Mounts.ofSelf().stream().noneMatch(m -> m.isUnder(killed)), "the mount was left");
            for (long pid : orphans) {
                ProcessHandle.of(pid).ifPresent(h -> {
                    try {
                        h.onExit().get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new AssertionError("the orphan " + pid + " survived", e);
                    }
                });
            }
            assertTrue(daemon.isAlive() && Files.exists(running) && Files.exists(young) && Files.exists(other));
        } finally {
            daemon.destroyForcibly();
            new ProcessBuilder("umount", "-l", killed.resolve("data/overlay").toString()).start().waitFor();
            orphans.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
