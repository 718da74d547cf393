package dev.rtbench.bench.jmh;

import dev.rtbench.harness.engine.Engine;
import dev.rtbench.harness.results.EngineKind;
import dev.rtbench.harness.engine.Privileges;
import dev.rtbench.harness.engine.InMemoryDriver;
import dev.rtbench.harness.engine.InMemoryDriver.Program;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.runtime.RuntimeProfile;
import dev.rtbench.workloads.Workloads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * A benchmark context around an {@link InMemoryDriver} that knows runc and runsc, with the proof output real
 * containers gave (workloads' captured/&lt;runtime&gt;/proof.out), and the records the benchmarks hand in.
 */
final class InMemoryBench {
    static final String HOST_KERNEL = "6.18.44-fc-v657";
    /** What a container under runsc printed for the proof command (captured/runsc/proof.out). */
    static final String GVISOR_PROOF = "4.4.0\n[   0.000000] Starting gVisor...\n"
            + "[   0.167246] Conjuring /dev/null black hole...\n[   0.543780] Creating process schedule...\n";
    static final IterationParams MEASUREMENT = new IterationParams(IterationType.MEASUREMENT, 1, TimeValue.NONE, 1);
    static final IterationParams WARMUP = new IterationParams(IterationType.WARMUP, 1, TimeValue.NONE, 1);

    /** Replaceable by a copy with another call timeout ({@link InMemoryDriver#withCallTimeout}: one daemon). */
    InMemoryDriver driver = new InMemoryDriver(Duration.ofSeconds(5), "runc", "runsc")
            .program(Workloads.IDLE_COMMAND, Program.idle(""))
            .program(LifecycleBench.READY_THEN_IDLE, Program.idle(Workloads.FIRST_OUTPUT_LINE + "\n"))
            .program(Workloads.byName("first-output").command(1.0),
                    Program.exits(0, Workloads.FIRST_OUTPUT_LINE + "\n", ""))
            .program(RuntimeProfile.PROOF_COMMAND, Program.exits(0, HOST_KERNEL + "\n", ""));
    final List<InvocationRecord> records = new CopyOnWriteArrayList<>();

    BenchContext context() {
        return context(Duration.ofSeconds(5));
    }

    BenchContext context(Duration timeout) {
        return new BenchContext(List.of(Engine.of(EngineKind.DOCKER, driver, new RuntimeVerifier(driver, HOST_KERNEL))),
                new BenchContext.Setup("rtbench/workload:test", "run-1", 1.0, timeout, "/bin/sh",
                        Privileges.forImage(true)), records::add);
    }
}
