package dev.rtbench.bench.cli;

import dev.rtbench.bench.run.WorkloadImages;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.engine.cri.CriEngine;
import dev.rtbench.harness.engine.cri.CriHandler;
import dev.rtbench.harness.engine.cri.ImageArchive;
import dev.rtbench.harness.engine.cri.ManagedContainerd;
import dev.rtbench.harness.runtime.Detection;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code doctor} on a node with no Docker engine (a Kubernetes node): each installed runtime tried the way
 * {@code run --engine cri} would run it, as a handler of a private containerd, by running a container under it and
 * asking the container what ran it. Nothing of the host's containerd is touched.
 */
final class CriNodeDoctor {

    private CriNodeDoctor() {}

    /** The lines, and whether the baseline (runc) ran. */
    record Outcome(List<CriDoctor.Line> lines, boolean baselineRuns) {}

    static Outcome tryRuntimes(Map<RuntimeProfile, Detection> found, Duration timeout) {
        List<CriDoctor.Line> lines = new ArrayList<>();
        Map<RuntimeProfile, CriHandler> handlers = new LinkedHashMap<>();
        for (var e : found.entrySet()) {
            RuntimeProfile p = e.getKey();
            Detection d = e.getValue();
            if (!d.installed()) {
                lines.add(new CriDoctor.Line("MISSING", p.name(), d.problem()));
                continue;
            }
            try {
                handlers.put(p, CriHandler.forProfile(p, d.path()));
            } catch (IllegalArgumentException noHandler) {
                lines.add(new CriDoctor.Line("FAIL", p.name(), "no CRI handler can run it here: "
                        + noHandler.getMessage()));
            }
        }
        if (!handlers.containsKey(RuntimeCatalogue.byName(RuntimeCatalogue.BASELINE))) {
            return new Outcome(lines, false);
        }
        boolean baselineRuns = false;
        try {
            ImageArchive pause = WorkloadImages.sandbox();
            try (ManagedContainerd d = ManagedContainerd.start(List.copyOf(handlers.values()), pause,
                    Duration.ofSeconds(60), List.of())) {
                String image = WorkloadImages.importInto(d);
                lines.add(new CriDoctor.Line("ok", "containerd", "a private containerd's CRI answers in " + d.dir()
                        + "; the workload image " + image + " written by rtbench and imported (no Docker engine)"));
                try (CriEngine cri = CriEngine.connect(d.endpoint(), timeout)) {
                    RuntimeTrial trial = new RuntimeTrial(cri, new RuntimeVerifier(cri, RuntimeVerifier.hostKernel()),
                            image, "doctor-" + UUID.randomUUID(), " through CRI", "a pod and its container",
                            "removes the pod");
                    for (var e : handlers.entrySet()) {
                        CriDoctor.Line l = trial.run(e.getKey(), found.get(e.getKey()), e.getValue().name());
                        lines.add(l);
                        baselineRuns |= RuntimeTrial.baselineRan(l);
                    }
                }
            }
        } catch (EngineException e) {
            lines.add(new CriDoctor.Line("FAIL", "containerd", "a private containerd could not run: "
                    + e.getMessage()));
        }
        return new Outcome(lines, baselineRuns);
    }
}
