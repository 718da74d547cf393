package dev.rtbench.bench.it;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.run.WorkloadImages;
import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.ExecResult;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.engine.docker.ManagedDaemon;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.engine.Verification;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeProfile;
import dev.rtbench.workloads.Workloads;
import java.io.PrintStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The engine driver against a real private dockerd with runc and gVisor: every container operation, the
 * verification of each runtime, and what happens when a runtime hangs.
 */
@Tag("docker")
class EngineIT {
    private static final String LABEL = "dev.rtbench.run";
    private static final String RUN = "engine-it";
    private static ManagedDaemon daemon;
    private static DockerEngine engine;
    private static String image;
    private static RuntimeVerifier verifier;

    @BeforeAll
    static void start() {
        Map<String, RuntimeEntry> entries = new LinkedHashMap<>();
        for (String name : List.of("runsc", "runsc-kvm")) {
            RuntimeProfile p = RuntimeCatalogue.byName(name);
            entries.put(name, p.daemonEntry(p.detect().path(), 20).orElseThrow());
        }
        daemon = ManagedDaemon.start(entries, Duration.ofSeconds(60));
        engine = DockerEngine.connect(daemon.host(), Duration.ofSeconds(60));
        image = WorkloadImages.ensure(engine, null, new PrintStream(OutputStream.nullOutputStream()));
        verifier = new RuntimeVerifier(engine, RuntimeVerifier.hostKernel());
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.sweep(LABEL, RUN);
            engine.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private static ContainerSpec spec(String runtime, List<String> cmd) {
        return new ContainerSpec(image, cmd, runtime, Map.of(LABEL, RUN), 512L << 20, 0, 1024);
    }

    @Test
    void theImageIsTaggedByItsContentAndNotImportedTwice() {
        assertTrue(image.startsWith("rtbench/workload:"), image);
        assertTrue(engine.images().has(image));
        var labels = engine.images().labels(image);
        String hash = labels.get(dev.rtbench.workloads.WorkloadImage.LABEL_CONTENT_HASH);
        assertTrue(hash != null && image.endsWith(":" + hash.substring(0, 12)), labels.toString());
        assertEquals(image, WorkloadImages.ensure(engine, null, new PrintStream(OutputStream.nullOutputStream())));
    }

    @Test
    void everyOperationWorksUnderRuncAndGvisorAndEachProvesItsRuntime() {
        for (String runtime : List.of("runc", "runsc")) {
            RuntimeProfile profile = RuntimeCatalogue.byName(runtime);
            String id = engine.create(spec(runtime, Workloads.IDLE_COMMAND));
            try {
                engine.start(id);
                assertEquals(runtime, engine.runtimeOf(id));
                ExecResult r = engine.exec(id, List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"),
                        Duration.ofSeconds(30));
                assertEquals(3, r.exitCode());
                assertEquals("out\n", r.stdout());
                assertEquals("err\n", r.stderr());
                Verification v = verifier.running(id, profile, Duration.ofSeconds(30));
                assertTrue(v.ok(), runtime + ": " + v.describe());
                engine.stop(id, Duration.ofSeconds(10));
            } finally {
                engine.remove(id);
            }
            Verification probe = verifier.probe(profile, spec(runtime, List.of("true")));
            assertTrue(probe.ok(), probe.describe());
        }
    }

    @Test
    void aContainerThatIsNotWhatItClaimsFailsVerification() {
        // a container under runc, judged as if it had to be gVisor: the proof must disagree
        String id = engine.create(spec("runc", Workloads.IDLE_COMMAND));
        try {
            engine.start(id);
            Verification v = verifier.running(id, RuntimeCatalogue.byName("runsc"), Duration.ofSeconds(30));
            assertFalse(v.ok(), v.describe());
            assertTrue(v.describe().contains("runc"), v.describe());
        } finally {
            engine.remove(id);
        }
    }

    @Test
    void firstOutputAndLogsReachUs() {
        String id = engine.create(spec("runsc", List.of("/bin/sh", "-c", "echo ready; sleep 1")));
        try (ContainerDriver.FirstOutputWatch w = engine.prepareFirstOutput(id)) {
            engine.startUntilFirstOutput(w);
            assertTrue(w.firstOutput().startsWith("ready"), w.firstOutput());
            assertEquals(0, engine.waitExit(id));
            assertEquals("ready\n", engine.logs(id).stdout());
        } finally {
            engine.remove(id);
        }
    }

    @Test
    void aHangingRuntimeTimesOutAndLeavesNothingBehind() {
        // gVisor's KVM platform hangs in create on nested KVM: the call must come back, and the sweep must
        // remove the container and end the sandbox processes it left
        DockerEngine impatient = engine.withCallTimeout(Duration.ofSeconds(15));
        String id = null;
        try {
            id = impatient.create(spec("runsc-kvm", List.of("true")));
            impatient.start(id);
            impatient.waitExit(id);
        } catch (EngineException e) {
            assertTrue(e.getMessage().contains("did not finish") || e.getMessage().contains("failed"), e.getMessage());
        }
        List<String> swept = engine.sweep(LABEL, RUN);
        if (id != null) {
            assertTrue(swept.contains(id), "the sweep did not find " + id);
        }
        for (String c : swept) {
            assertEquals(List.of(), LeftoverProcesses.find(List.of(c)), "processes of " + c + " survived the sweep");
        }
        assertEquals(List.of(), engine.containersLabelled(LABEL, RUN));
    }

    @Test
    void anUnknownRuntimeIsACleanError() {
        EngineException e = assertThrows(EngineException.class, () -> engine.create(spec("kata", List.of("true"))));
        assertTrue(e.getMessage().toLowerCase().contains("unknown runtime"), e.getMessage());
    }
}
