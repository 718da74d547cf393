package dev.rtbench.bench.jmh;

import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.Verification;

/**
 * A running container that in-container workloads are exec'd into, with what its runtime proved from inside.
 *
 * @param containerId the container, or null when it could not be started
 * @param verified    the runtime the daemon's record and the in-container proof agree on, or null
 * @param problem     why the container cannot be used, or null
 * @param driver      the engine that runs it
 */
record ExecTarget(String containerId, String verified, String problem, ContainerDriver driver) {

    static ExecTarget start(BenchContext ctx, String runtime, BenchContext.ImageRef image) {
        String id = null;
        ContainerDriver driver = ctx.driver(runtime);
        try {
            id = driver.create(ctx.execTargetSpec(runtime, image));
            driver.start(id);
            Verification v = ctx.verifier(runtime).running(id, ctx.profile(runtime), ctx.setup.timeout());
            return v.ok() ? new ExecTarget(id, runtime, null, driver)
                    : new ExecTarget(id, null, "runtime mismatch: " + v.describe(), driver);
        } catch (RuntimeException e) {
            if (id != null) {
                driver.discard(id);
            }
            return new ExecTarget(null, null, "could not start a container under " + runtime + ": " + e.getMessage(),
                    driver);
        }
    }

    void discard() {
        if (containerId != null) {
            driver.discard(containerId);
        }
    }
}
