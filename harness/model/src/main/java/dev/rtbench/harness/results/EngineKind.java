package dev.rtbench.harness.results;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An engine rtbench measures through, by name: dockerd, or a CRI server (containerd's CRI plugin or cri-o, the way a
 * Kubernetes node runs pods). It knows what it can measure: the phases it has a call for ({@link Phase}), and
 * whether a workload can run through it at all. A third engine is a constant here, its phases' calls in
 * {@link Phase}, and an engine of its own in the engine module.
 */
public enum EngineKind {
    DOCKER(Arm.DOCKER),
    CRI(Arm.CRI);

    private final String label;

    EngineKind(String label) {
        this.label = label;
    }

    /** The engine's name in arms and results ({@code docker}, {@code cri}: {@code runsc@cri}). */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The engine named {@code label}, as arms name it. */
    public static EngineKind of(String label) {
        return Arrays.stream(values()).filter(k -> k.label.equals(label)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown engine \"" + label + "\": rtbench measures through "
                        + Arrays.stream(values()).map(EngineKind::label).toList()));
    }

    /** The phases this engine can time, in life order. */
    public List<Phase> phases() {
        return Phase.timedThrough(label);
    }

    /**
     * Why this engine cannot measure the workload {@code name} (run in the user's {@code image}, or in rtbench's
     * own when empty), or empty when it can. A phase needs a call of this engine; through a CRI server a workload
     * must run in rtbench's image, the only one imported there. Density and bursts count whole pods there.
     */
    public Optional<String> whyNot(String name, Optional<String> image) {
        Optional<Phase> phase = Phase.byName(name);
        if (phase.isPresent() && !phase.get().through(label)) {
            return Optional.of(this == DOCKER
                    ? name + " is a pod phase, which only a CRI server has (--engine cri or both)"
                    : name + " is a dockerd phase with no CRI call");
        }
        if (this == CRI && image.isPresent()) {
            return Optional.of(name + " runs in the user's image " + image.get() + ", which is not imported"
                    + " into the CRI server");
        }
        return Optional.empty();
    }
}
