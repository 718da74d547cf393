package dev.rtbench.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.engine.InMemoryDriver.Program;
import dev.rtbench.harness.runtime.RuntimeProfile;
import dev.rtbench.workloads.Workloads;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ContainerExecBench}'s set-up, timed exec and check, driven by hand around the in-memory driver. */
class ContainerExecBenchTest {

    /** What the cpu workload printed under runc (workloads' captured/runc/cpu.out and .err): 1.191 s inside. */
    /** Captured under runc (workloads' captured/runc/syscall.out and .err). */
    static final String CPU_OUT = "rtbench-result workload=syscall ms=1000 t0=1795918547.027586 t1=1795918548.044711\n";
    static final String CPU_ERR = "1762628+0 records in\n1762628+0 records out\n";

    final InMemoryBench bench = new InMemoryBench();

    @AfterEach
    void uninstall() {
        BenchContext.uninstall();
    }

    List<InvocationRecord> run(String runtime, String workload, int invocations) {
        return run(runtime, workload, invocations, Duration.ofSeconds(5));
    }

    List<InvocationRecord> run(String runtime, String workload, int invocations, Duration timeout) {
        BenchContext.install(bench.context(timeout));
        ContainerExecBench b = new ContainerExecBench();
        b.runtime = runtime;
        b.workload = workload;
        b.trial();
        b.iteration(InMemoryBench.MEASUREMENT);
        for (int i = 0; i < invocations; i++) {
            b.prepare();
            b.exec();
            b.check();
        }
        return bench.records;
    }

    private static List<String> command(String workload) {
        return Workloads.byName(workload).command(1.0);
    }

    @Test
    void warmUpsRunTheWorkloadAtATenthOfItsSize() {
        // the tenth-size command answers 3, the full one as captured: each record shows which one its exec ran
        bench.driver.program(Workloads.byName("syscall").command(ContainerExecBench.WARMUP_SCALE),
                Program.exits(3, "", "warm-up size"));
        bench.driver.program(command("syscall"), Program.exits(0, CPU_OUT, CPU_ERR).taking(Duration.ofMillis(1250)));
        BenchContext.install(bench.context(Duration.ofSeconds(5)));
        ContainerExecBench b = new ContainerExecBench();
        b.runtime = "runc";
        b.workload = "syscall";
        b.trial();
        for (var params : List.of(InMemoryBench.WARMUP, InMemoryBench.MEASUREMENT)) {
            b.iteration(params);
            b.prepare();
            b.exec();
            b.check();
        }
        InvocationRecord warm = bench.records.get(0);
        InvocationRecord measured = bench.records.get(1);
        assertTrue(warm.warmup() && warm.failure().contains("exited with 3"), warm.toString());
        assertTrue(!measured.warmup() && measured.failure() == null, measured.toString());
    }

    @Test
    void execRunsInOneVerifiedContainerKeptAcrossInvocations() {
        List<InvocationRecord> r = run("runc", "exec", 3);
        assertEquals(3, r.size());
        r.forEach(x -> assertNull(x.failure(), x.failure()));
        r.forEach(x -> assertEquals("runc", x.verifiedRuntime()));
        assertEquals(1, r.stream().map(InvocationRecord::containerId).distinct().count(), "one container");
        assertEquals(List.of(r.get(0).containerId()), bench.driver.running());
        BenchContext.uninstall();
        assertEquals(List.of(), bench.driver.containers(), "uninstalling removes the kept container");
    }

    @Test
    void aContainerWhoseInsideIsNotItsRuntimeIsNeverMeasured() {
        // the daemon says runsc, but the container sees the host's kernel: not gVisor
        InvocationRecord r = run("runsc", "exec", 1).get(0);
        assertTrue(r.failure().startsWith("runtime mismatch: inside, the container saw kernel " + InMemoryBench.HOST_KERNEL),
                r.failure());
        assertNull(r.verifiedRuntime());
        bench.records.clear();
        bench.driver.program(RuntimeProfile.PROOF_COMMAND, Program.exits(0, InMemoryBench.GVISOR_PROOF, ""));
        BenchContext.uninstall();
        assertEquals("runsc", run("runsc", "exec", 1).get(0).verifiedRuntime());
    }

    @Test
    void theWorkloadsOwnFiguresAreKeptWhenItsTimeFitsInTheHarnesss() {
        bench.driver.program(command("syscall"), Program.exits(0, CPU_OUT, CPU_ERR).taking(Duration.ofMillis(1250)));
        InvocationRecord r = run("runc", "syscall", 1).get(0);
        assertNull(r.failure(), r.failure());
        assertEquals("runc", r.verifiedRuntime());
        assertEquals(1, r.extra().size(), "the workload's own figure, without its inside time: " + r.extra());
        InvocationRecord.Figure f = r.extra().get(0);
        assertEquals("syscall-time", f.metric());
        assertEquals("ns", f.unit());
        assertEquals(1.017125e9 / (2 * 1762628), f.value(), 1e-6);
        // outside (>= 1250 ms) minus inside (1017.125 ms): what the exec path added
        assertTrue(r.harnessMs() >= 1250 - 1017.125 - 1 && r.harnessMs() < 1000, "harness ms " + r.harnessMs());
    }

    @Test
    void aWorkloadTimeLongerThanTheHarnesssFailsTheSample() {
        // the exec answers at once, but the workload claims 1.02 s of its own: one of the clocks is wrong
        bench.driver.program(command("syscall"), Program.exits(0, CPU_OUT, CPU_ERR));
        InvocationRecord r = run("runc", "syscall", 1).get(0);
        assertTrue(r.failure().startsWith("the workload's own time (1017.125 ms) is longer than the harness's"),
                r.failure());
        assertEquals(List.of(), r.extra());
        assertTrue(Double.isNaN(r.harnessMs()));
    }

    @Test
    void aFailedWorkloadIsRecordedAndItsContainerReplaced() {
        bench.driver.program(command("syscall"), Program.exits(2, "", "sha256sum: applet not found\n"));
        List<InvocationRecord> r = run("runc", "syscall", 2);
        assertEquals("exited with 2: sha256sum: applet not found", r.get(0).failure());
        assertNull(r.get(0).verifiedRuntime());
        assertTrue(!r.get(0).containerId().equals(r.get(1).containerId()), "the container was replaced");
        assertEquals(List.of(), bench.driver.running(), "the container it failed in was removed");
    }

    @Test
    void aHangingWorkloadTimesOut() {
        bench.driver.program(command("syscall"), Program.idle(""));
        String failure = run("runc", "syscall", 1, Duration.ofMillis(200)).get(0).failure();
        assertTrue(failure.startsWith("exec ") && failure.contains("did not finish within 200 ms"), failure);
    }
}
