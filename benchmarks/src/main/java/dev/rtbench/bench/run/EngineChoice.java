package dev.rtbench.bench.run;

import dev.rtbench.harness.results.Arm;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.Workloads;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which engines a run measures through ({@code --engine}): dockerd, a CRI server (the way a Kubernetes node runs
 * pods), or both in one interleaved run, where every runtime becomes two arms ({@code runsc} and {@code runsc@cri})
 * measured in the same blocks.
 */
public enum EngineChoice {
    DOCKER(List.of(Arm.DOCKER)),
    CRI(List.of(Arm.CRI)),
    BOTH(List.of(Arm.DOCKER, Arm.CRI));

    /** dockerd's phases that a CRI server has no call for: it has no wait, and a pod is no {@code docker run}. */
    private static final Set<String> DOCKER_ONLY_PHASES = Set.of("wait", "run");

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

    /**
     * Why {@code engine} cannot measure {@code w}, or empty when it can. Through CRI: not dockerd's own phases,
     * not a workload in a user's image (only rtbench's image is imported into the CRI server); density and bursts
     * count whole pods there. Through dockerd: not the pod phases.
     */
    public static Optional<String> whyNot(String engine, Workload w) {
        boolean pod = Workloads.pod().stream().anyMatch(p -> p.name().equals(w.name()));
        if (engine.equals(Arm.DOCKER)) {
            return pod ? Optional.of(w.name() + " is a pod phase, which only a CRI server has (--engine cri or both)")
                    : Optional.empty();
        }
        if (DOCKER_ONLY_PHASES.contains(w.name())) {
            return Optional.of(w.name() + " is a dockerd phase with no CRI call");
        }
        if (w.image().isPresent()) {
            return Optional.of(w.name() + " runs in the user's image " + w.image().get() + ", which is not imported"
                    + " into the CRI server");
        }
        return Optional.empty();
    }
}
