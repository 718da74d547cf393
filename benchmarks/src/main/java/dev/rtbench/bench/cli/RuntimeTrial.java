package dev.rtbench.bench.cli;

import dev.rtbench.bench.jmh.BenchContext;
import dev.rtbench.harness.engine.RunRules;
import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineTimeoutException;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.engine.Verification;
import dev.rtbench.harness.runtime.Detection;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.util.List;
import java.util.Map;

/**
 * doctor's try of one installed runtime, through dockerd or a CRI server alike: a container of the workload image
 * that runs {@code true}, proved by what it says ran it and timed; then every container of the try removed.
 *
 * @param driver   the engine the try goes through
 * @param verifier how a container there proves its runtime
 * @param image    the workload image, in that engine
 * @param label    this doctor's label value, on every container it makes
 * @param through  how the line says the engine ({@code ""} for dockerd, {@code " through CRI"})
 * @param made     what one try makes there ({@code "a container"}, {@code "a pod and its container"})
 * @param cleanUp  what rtbench does to a try that hangs
 */
record RuntimeTrial(ContainerDriver driver, RuntimeVerifier verifier, String image, String label, String through,
                    String made, String cleanUp) {

    /** The line of {@code p}, installed as {@code d} and run under {@code runtime} (its daemon.json or handler name). */
    CriDoctor.Line run(RuntimeProfile p, Detection d, String runtime) {
        String why = d.problem() == null ? "" : "; why: " + d.problem();
        ContainerSpec spec = new ContainerSpec(image, List.of("true"), runtime, Map.of(RunRules.RUN_LABEL, label),
                RunRules.MEMORY_BYTES, 0, RunRules.PIDS_LIMIT);
        long t0 = System.nanoTime();
        try {
            Verification v = verifier.probe(p, spec);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new CriDoctor.Line(v.ok() ? "ok" : "FAIL", p.name(), v.describe() + through + ", " + ms + " ms for "
                    + made + (v.ok() ? "" : why));
        } catch (EngineTimeoutException t) {
            return new CriDoctor.Line("HANGS", p.name(), t.getMessage() + "; rtbench times it out, " + cleanUp
                    + ("kvm".equals(p.platform()) ? " (gVisor's KVM platform is known to hang on nested KVM)" : "")
                    + why);
        } catch (EngineException ex) {
            return new CriDoctor.Line("FAIL", p.name(), ex.getMessage() + why);
        } finally {
            try {
                driver.sweep(RunRules.RUN_LABEL, label);
            } catch (EngineException ignored) {
                // the private daemon is stopped with everything in it anyway
            }
        }
    }

    /** Whether {@code line} says the baseline (runc) ran. */
    static boolean baselineRan(CriDoctor.Line line) {
        return line.status().equals("ok") && line.what().equals(RuntimeCatalogue.BASELINE);
    }
}
