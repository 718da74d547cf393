package dev.rtbench.harness.engine.docker;

import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineInfo;
import dev.rtbench.harness.daemonjson.RuntimeEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Starts a real dockerd of our own and checks what it registered, and that it leaves nothing behind. */
@Tag("docker")
class ManagedDaemonIT {

    @Test
    void startsWithTheRuntimesAskedForAndCleansUp() throws Exception {
        Path dir;
        long pid;
        try (ManagedDaemon d = ManagedDaemon.start(
                Map.of("runsc", RuntimeEntry.ofPath("/usr/bin/runsc", List.of("--network=none"))),
                Duration.ofSeconds(60))) {
            dir = d.dir();
            pid = d.pid();
            assertTrue(d.host().startsWith("unix:///tmp/rtb-"), d.host());
            try (DockerEngine engine = DockerEngine.connect(d.host(), Duration.ofSeconds(30))) {
                EngineInfo info = engine.info();
                assertTrue(info.runtimes().containsKey("runc"), info.runtimes().toString());
                assertEquals("/usr/bin/runsc", info.runtimes().get("runsc"));
                assertEquals(List.of("--network=none"), info.runtimeArgs().get("runsc"));
                assertEquals("runc", info.defaultRuntime());
                assertTrue(info.majorVersion() >= 20, info.serverVersion());
            }
            assertTrue(Files.exists(dir.resolve("docker.sock")));
            // nobody but root may reach a daemon that runs as root
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("docker.sock"))));
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir)));
            assertEquals("root", Files.getOwner(dir.resolve("docker.sock")).getName());
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "dockerd still runs");
        assertFalse(Files.exists(dir), "the daemon's folder was left behind: " + dir);
    }

    @Test
    void aDaemonThatCannotStartSaysWhy() throws Exception {
        List<Path> before = ours();
        // dockerd reserves the name runc for its built-in entry and refuses to start on a redefinition
        var e = org.junit.jupiter.api.Assertions.assertThrows(EngineException.class, () -> ManagedDaemon.start(
                Map.of("runc", RuntimeEntry.ofPath("/usr/sbin/runc", List.of())),
                Duration.ofSeconds(30)));
        assertTrue(e.getMessage().contains("log ends") && e.getMessage().contains("reserved"), e.getMessage());
        // and nothing of it is left in /tmp
        assertEquals(before, ours(), "a failed start left its folder behind");
    }

    private static List<Path> ours() throws java.io.IOException {
        try (var list = Files.list(Path.of("/tmp"))) {
            return list.filter(p -> p.getFileName().toString().startsWith("rtb-")).sorted().toList();
        }
    }
}
