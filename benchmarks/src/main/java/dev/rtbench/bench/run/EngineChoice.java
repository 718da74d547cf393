package dev.rtbench.bench.run;

import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.EngineKind;
import dev.rtbench.workloads.Workload;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which engines a run measures through ({@code --engine}): dockerd, a CRI server (the way a Kubernetes node runs
 * pods), or both in one interleaved run, where every runtime becomes two arms ({@code runsc} and {@code runsc@cri})
 * measured in the same blocks.
 */
public enum EngineChoice {
    DOCKER(List.of(Arm.DOCKER)),
    CRI(List.of(Arm.CRI)),
    BOTH(List.of(Arm.DOCKER, Arm.CRI));

    private final List<String> engines;

    EngineChoice(List<String> engines) {
        this.engines = engines;
    }

    /** The engines, dockerd first when it is one of them. */
    public List<String> engines() {
        return engines;
    }

    public boolean has(String engine) {
        return engines.contains(engine);
    }

    public static EngineChoice parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--engine takes docker, cri or both, got \"" + text + "\"");
        }
    }

    /** Why {@code engine} cannot measure {@code w}, or empty when it can: {@link EngineKind#whyNot}. */
    public static Optional<String> whyNot(String engine, Workload w) {
        return EngineKind.of(engine).whyNot(w.name(), w.image());
    }
}
