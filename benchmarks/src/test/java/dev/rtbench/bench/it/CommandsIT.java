package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.Ran;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.docker.ManagedDaemon;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code configure --reload} and {@code doctor} against real daemons. */
@Tag("docker")
class CommandsIT {

    @Test
    void configureReloadsTheDaemonThatReadsTheFileAndRestoreBringsItBack() throws Exception {
        try (ManagedDaemon d = ManagedDaemon.start(Map.of(), Duration.ofSeconds(60));
                DockerEngine engine = DockerEngine.connect(d.host(), Duration.ofSeconds(10))) {
            byte[] original = Files.readAllBytes(d.daemonJson());
            Ran r = Ran.main("configure", "--daemon-json", d.daemonJson().toString(), "--runtime", "runsc",
                    "--reload", "--docker-host", d.host());
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("+") && r.out().contains("runsc"), "no diff printed: " + r.out());
            assertEquals("/usr/bin/runsc", engine.info().runtimes().get("runsc"));
            assertEquals(List.of("--network=none"), engine.info().runtimeArgs().get("runsc"));

            Ran back = Ran.main("configure", "--daemon-json", d.daemonJson().toString(), "--restore", "--reload",
                    "--docker-host", d.host());
            assertEquals(0, back.code(), back.out() + back.err());
            assertArrayEquals(original, Files.readAllBytes(d.daemonJson()));
            assertFalse(engine.info().runtimes().containsKey("runsc"), engine.info().runtimes().toString());
        }
    }

    @Test
    void configureRefusesWhatDockerWouldRefuseAndWritesNothing() throws Exception {
        try (ManagedDaemon d = ManagedDaemon.start(Map.of(), Duration.ofSeconds(60))) {
            byte[] before = Files.readAllBytes(d.daemonJson());
            Ran r = Ran.main("configure", "--daemon-json", d.daemonJson().toString(), "--runtime", "gv=/nonexistent/runsc",
                    "--docker-host", d.host());
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("/nonexistent/runsc"), r.err());
            assertArrayEquals(before, Files.readAllBytes(d.daemonJson()));
            Ran kata = Ran.main("configure", "--daemon-json", d.daemonJson().toString(), "--runtime", "cri-o");
            assertEquals(2, kata.code());
            assertTrue(kata.err().contains("Kubernetes"), kata.err());
        }
    }

    @Test
    void doctorTriesEachRuntimeAndPassesWhenTheBaselineRuns() {
        Ran r = Ran.main("doctor", "--timeout", "15");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ok") && l.contains(" runc ") && l.contains("ran under runc")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("ok") && l.contains(" runsc ") && l.contains("gVisor")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("kata") && l.startsWith("MISSING")), r.out());
    }
}
