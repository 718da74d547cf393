package dev.rtbench.bench.jmh;

import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ExecResult;
import dev.rtbench.harness.engine.Verification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
            Verification v = ctx.verifier(runtime).running(id, ctx.profile(runtime), ctx.timeout);
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

    /**
     * A container for one workload's server: started as {@link #start} does, then its {@code setup} exec'd with a
     * port of {@code ports} as last argument. A setup that fails discards the container, so that the next sample
     * starts a fresh one.
     */
    static ExecTarget startServing(BenchContext ctx, String runtime, BenchContext.ImageRef image, String workload,
            List<String> setup, Duration timeout, ServerPorts ports) {
        ExecTarget t = start(ctx, runtime, image);
        if (t.problem() != null) {
            return t;
        }
        List<String> command = new ArrayList<>(setup);
        command.add(Integer.toString(ports.next()));
        String problem;
        try {
            ExecResult r = t.driver().exec(t.containerId(), command, timeout);
            problem = r.succeeded() ? null : "its server did not start (" + String.join(" ", command) + " exited with "
                    + r.exitCode() + "): " + tail(r.stderr() + r.stdout());
        } catch (RuntimeException e) {
            problem = "its server did not start: " + e.getMessage();
        }
        if (problem == null) {
            return t;
        }
        t.discard();
        return new ExecTarget(null, null, workload + "'s container under " + runtime + ": " + problem, t.driver());
    }

    static String tail(String s) {
        s = s.strip();
        return s.length() > 300 ? "..." + s.substring(s.length() - 300) : s;
    }

    void discard() {
        if (containerId != null) {
            driver.discard(containerId);
        }
    }
}
