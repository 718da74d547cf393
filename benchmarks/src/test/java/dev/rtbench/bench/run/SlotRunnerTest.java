package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.jmh.BenchContext;
import dev.rtbench.bench.jmh.ContainerExecBench;
import dev.rtbench.bench.jmh.LifecycleBench;
import dev.rtbench.harness.engine.Engine;
import dev.rtbench.harness.results.EngineKind;
import dev.rtbench.harness.engine.Privileges;
import dev.rtbench.harness.engine.InMemoryDriver;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.runtime.RuntimeProfile;
import dev.rtbench.workloads.Workloads;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A slot as the run drives it, JMH in this JVM, around the in-memory driver, its times merged with the records. */
class SlotRunnerTest {
    static final String KERNEL = "6.18.44-fc-v657";

    final InMemoryDriver driver = new InMemoryDriver(Duration.ofSeconds(5), "runc", "runsc")
            .program(Workloads.IDLE_COMMAND, InMemoryDriver.Program.idle(""))
            .program(RuntimeProfile.PROOF_COMMAND, InMemoryDriver.Program.exits(0, KERNEL + "\n", ""));
    final SlotRunner slots = new SlotRunner(new PrintStream(OutputStream.nullOutputStream()));

    void install() {
        BenchContext.install(new BenchContext(List.of(Engine.of(EngineKind.DOCKER, driver,
                new RuntimeVerifier(driver, KERNEL))), new BenchContext.Setup("rtbench/workload:test", "run-1", 1.0,
                Duration.ofSeconds(5), "/bin/sh", Privileges.forImage(true)), slots::accept));
    }

    @BeforeAll
    static void shareTheJmhLock() {
        // JMH takes /tmp/jmh.lock for each run so that two measurements do not disturb each other; a test measures
        // nothing, and must not fail because a benchmark or another build's test holds the lock meanwhile
        System.setProperty("jmh.ignoreLock", "true");
    }

    @AfterAll
    static void restore() {
        System.clearProperty("jmh.ignoreLock");
    }

    @AfterEach
    void uninstall() {
        BenchContext.uninstall();
    }

    @Test
    void eachWorkloadGoesToItsBenchmark() {
        assertEquals(LifecycleBench.class, SlotRunner.benchmarkOf(Workloads.byName("create")));
        assertEquals(ContainerExecBench.class, SlotRunner.benchmarkOf(Workloads.byName("exec")));
        assertEquals(ContainerExecBench.class, SlotRunner.benchmarkOf(Workloads.byName("cpu-single")));
        // through CRI a lifecycle phase is a pod's; exec and the execution workloads are ExecSync in a running one
        assertEquals(dev.rtbench.bench.jmh.CriLifecycleBench.class,
                SlotRunner.benchmarkOf("runsc@cri", Workloads.byName("start")));
        assertEquals(dev.rtbench.bench.jmh.CriLifecycleBench.class,
                SlotRunner.benchmarkOf("runc@cri", Workloads.byName("pod-sandbox-start")));
        assertEquals(LifecycleBench.class, SlotRunner.benchmarkOf("runsc", Workloads.byName("start")));
        assertEquals(ContainerExecBench.class, SlotRunner.benchmarkOf("runsc@cri", Workloads.byName("exec")));
        assertEquals(ContainerExecBench.class, SlotRunner.benchmarkOf("runsc@cri", Workloads.byName("cpu-single")));
    }

    @Test
    void aSlotGivesOneVerifiedSamplePerMeasuredInvocation() {
        install();
        SlotRunner.Outcome o = slots.run("runc", Workloads.byName("create"), 3, 1);
        assertNull(o.error(), o.error());
        assertEquals("ms", o.unit());
        assertEquals(3, o.scores().size(), o.toString());
        assertEquals(4, o.records().size(), "a warm-up and three measured");
        List<Sample> s = SampleMerger.merge("runc", "create", o.unit(), o.scores(), o.records(),
                new SampleMerger.Place(0, 0, 0), false);
        assertEquals(3, s.size());
        s.forEach(x -> assertTrue(x.ok(), x.failure()));
        s.forEach(x -> assertEquals("runc", x.verifiedRuntime()));
        assertEquals(List.of(), driver.containers());
    }

    @Test
    void failedInvocationsBecomeFailedSamplesWithTheirReason() {
        install();
        driver.failing("create", "Error response from daemon: no space left on device");
        SlotRunner.Outcome o = slots.run("runsc", Workloads.byName("run"), 2, 0);
        List<Sample> s = SampleMerger.merge("runsc", "run", o.unit(), o.scores(), o.records(),
                new SampleMerger.Place(0, 3, 1), false);
        assertEquals(2, s.size());
        for (Sample x : s) {
            assertTrue(!x.ok() && x.failure().endsWith("failed: Error response from daemon: no space left on device"),
                    x.failure());
            assertEquals(3, x.block());
        }
    }
}
