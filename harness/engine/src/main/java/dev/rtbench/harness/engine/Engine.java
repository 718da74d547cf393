package dev.rtbench.harness.engine;

import dev.rtbench.harness.results.EngineKind;
import dev.rtbench.harness.results.Phase;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An engine a run measures through, dockerd or a CRI server, as equals: its containers ({@link #driver}), how a
 * container proves the runtime that ran it ({@link #verifier}), the OCI calls inside each phase it times, the sweep
 * of what a run left, and its end. Pod operations, which only a CRI server has, are a capability of its driver
 * ({@link ContainerDriver#pods}). How an engine is connected and how the workload image gets into it differ, and
 * belong to whoever connects it.
 */
public interface Engine extends AutoCloseable {

    EngineKind kind();

    ContainerDriver driver();

    RuntimeVerifier verifier();

    /** Phase name to the OCI calls inside it through this engine, in life order: what a run records. */
    default Map<String, String> phaseCalls() {
        return Phase.callsThrough(kind().label());
    }

    /** Removes every container (and pod) of run {@code runId}, any run's when null, and returns their ids. */
    default List<String> sweep(String runId) {
        return driver().sweep(RunRules.RUN_LABEL, runId);
    }

    /** Whether the engine still answers: after a block with failed samples, a run asks before it goes on. */
    boolean answers();

    /** Where the engine is, for a message: "the Docker daemon at unix:///...", "the CRI server at ...". */
    String where();

    /** Closes the connection; an engine that started its daemon stops it. */
    @Override
    void close();

    /** An engine of a driver already connected, whose containers prove their runtime against this host's kernel. */
    static Engine of(EngineKind kind, ContainerDriver driver) {
        return of(kind, driver, new RuntimeVerifier(driver, RuntimeVerifier.hostKernel()));
    }

    /**
     * An engine of a driver already connected and its verifier, which takes the driver's word that it answers (for
     * tests and for a benchmark run by hand); closing it closes the driver.
     */
    static Engine of(EngineKind kind, ContainerDriver driver, RuntimeVerifier verifier) {
        Objects.requireNonNull(kind, "engine kind was not specified");
        Objects.requireNonNull(driver, "driver was not specified");
        Objects.requireNonNull(verifier, "verifier was not specified");
        return new Engine() {
            @Override
            public EngineKind kind() {
                return kind;
            }

            @Override
            public ContainerDriver driver() {
                return driver;
            }

            @Override
            public RuntimeVerifier verifier() {
                return verifier;
            }

            @Override
            public boolean answers() {
                return true;
            }

            @Override
            public String where() {
                return kind + " (" + driver.getClass().getSimpleName() + ")";
            }

            @Override
            public void close() {
                driver.close();
            }
        };
    }
}
