package dev.rtbench.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.engine.InMemoryDriver.Program;
import dev.rtbench.workloads.Workloads;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link LifecycleBench}'s set-up, timed phase and check, driven by hand around the in-memory driver. */
class LifecycleBenchTest {

    final InMemoryBench bench = new InMemoryBench();

    @AfterEach
    void uninstall() {
        BenchContext.uninstall();
    }

    /** One trial of {@code invocations} invocations, as JMH would drive it. */
    List<InvocationRecord> trial(String runtime, String workload, int invocations) {
        BenchContext.install(bench.context());
        LifecycleBench b = new LifecycleBench();
        b.runtime = runtime;
        b.workload = workload;
        b.trial();
        b.iteration(InMemoryBench.WARMUP);
        b.prepare();
        b.phase();
        b.check();
        b.iteration(InMemoryBench.MEASUREMENT);
        for (int i = 0; i < invocations; i++) {
            b.prepare();
            b.phase();
            b.check();
        }
        return bench.records;
    }

    /** The daemon calls made inside the timed method, by verb, for one measured invocation. */
    List<String> timedCalls(String workload) {
        BenchContext.install(bench.context());
        LifecycleBench b = new LifecycleBench();
        b.runtime = "runc";
        b.workload = workload;
        b.trial();
        b.iteration(InMemoryBench.MEASUREMENT);
        b.prepare();
        int before = bench.driver.calls().size();
        b.phase();
        List<String> timed = bench.driver.calls().subList(before, bench.driver.calls().size()).stream()
                .map(c -> c.substring(0, c.indexOf(' '))).toList();
        b.check();
        return timed;
    }

    @Test
    void eachTimedRegionHoldsOnlyItsPhasesCalls() {
        assertEquals(List.of("create"), timedCalls("create"));
        assertEquals(List.of("start"), timedCalls("start"));
        assertEquals(List.of("wait"), timedCalls("wait"));
        // the container said it was ready (its trap set) before the clock: only the stop is timed
        assertEquals(List.of("stop"), timedCalls("stop"));
        assertEquals(List.of("remove"), timedCalls("remove"));
        assertEquals(List.of("create", "start", "wait"), timedCalls("run"));
        // the attach was made before; checking the start's reply and the runtime come after the clock
        assertEquals(List.of("start"), timedCalls("first-output"));
        assertTrue(bench.records.stream().allMatch(r -> r.failure() == null), bench.records.toString());
    }

    @Test
    void stopIsSentOnlyToAContainerThatHasSaidItIsReady() {
        BenchContext.install(bench.context());
        LifecycleBench b = new LifecycleBench();
        b.runtime = "runc";
        b.workload = "stop";
        b.trial();
        b.iteration(InMemoryBench.MEASUREMENT);
        b.prepare();
        List<String> verbs = bench.driver.calls().stream().map(c -> c.substring(0, c.indexOf(' '))).toList();
        // attached, started, and its first output (the "ready" its shell prints once the trap is set) received
        assertEquals(List.of("create", "attach", "start"), verbs.subList(verbs.size() - 3, verbs.size()));
        assertTrue(LifecycleBench.READY_THEN_IDLE.get(2).matches("trap 'exit 0' TERM; echo ready; .*"),
                "the trap must be set before the line that ends the wait");
        b.phase();
        b.check();
        assertNull(bench.records.get(bench.records.size() - 1).failure());
    }

    @Test
    void everyPhaseSucceedsVerifiedAndLeavesNoContainer() {
        for (String workload : List.of("create", "start", "wait", "stop", "remove", "run", "first-output")) {
            bench.records.clear();
            List<InvocationRecord> r = trial("runsc", workload, 2);
            assertEquals(3, r.size(), workload);
            assertTrue(r.get(0).warmup(), workload);
            for (InvocationRecord rec : r) {
                assertNull(rec.failure(), workload + ": " + rec.failure());
                assertEquals("runsc", rec.verifiedRuntime(), workload);
                assertEquals("LifecycleBench", rec.benchmark());
                assertEquals(workload, rec.workload());
                assertTrue(rec.containerId() != null && rec.containerId().length() == 64, workload);
                assertTrue(Double.isNaN(rec.harnessMs()));
            }
            assertFalse(r.get(1).warmup());
            assertEquals(List.of(), bench.driver.containers(), workload + " left containers");
        }
    }

    @Test
    void aRuntimeTheDaemonDidNotUseFailsVerification() {
        bench.driver.recording("runsc", "runc");
        for (String workload : List.of("create", "remove")) {
            bench.records.clear();
            InvocationRecord r = trial("runsc", workload, 1).get(1);
            assertEquals("runtime mismatch: the daemon ran it under \"runc\", not \"runsc\"", r.failure(), workload);
            assertNull(r.verifiedRuntime());
        }
        assertEquals(List.of(), bench.driver.containers());
    }

    @Test
    void aFailedPhaseIsRecordedWithItsReasonAndTheContainerDiscarded() {
        bench.driver.failing("start", "OCI runtime create failed: runsc did not start");
        InvocationRecord r = trial("runsc", "start", 1).get(1);
        assertTrue(r.failure().startsWith("start ") && r.failure().endsWith("failed: OCI runtime create failed: runsc"
                + " did not start"), r.failure());
        assertNull(r.verifiedRuntime());
        assertEquals(List.of(), bench.driver.containers());

        bench.records.clear();
        InvocationRecord prep = trial("runsc", "wait", 1).get(1);
        assertTrue(prep.failure().startsWith("preparing the container failed: start "), prep.failure());
    }

    @Test
    void aNonZeroExitFailsTheSample() {
        bench.driver.program(Workloads.byName("run").command(1.0), Program.exits(1, "", "no such file"));
        InvocationRecord r = trial("runc", "run", 1).get(1);
        assertEquals("the container exited with 1", r.failure());
    }

    @Test
    void theFirstOutputMustBeTheReadyLine() {
        bench.driver.program(Workloads.byName("first-output").command(1.0), Program.exits(0, "exec failed\n", ""));
        InvocationRecord r = trial("runc", "first-output", 1).get(1);
        assertEquals("the first output was \"exec failed\", not \"ready\"", r.failure());
        assertEquals(List.of(), bench.driver.containers());
    }

    @Test
    void aHangingCreateTimesOutAndIsRecorded() {
        // the copy must be the one the context drives: the hung creates then cost 100 ms each, not the default 5 s
        bench.driver = bench.driver.withCallTimeout(Duration.ofMillis(100));
        bench.driver.hanging("create");
        InvocationRecord r = trial("runc", "create", 1).get(1);
        assertTrue(r.failure().startsWith("create container (runtime runc) did not finish within"), r.failure());
        assertNull(r.containerId());
    }
}
