package dev.rtbench.bench.cli;

import dev.rtbench.bench.jmh.BenchContext;
import dev.rtbench.bench.run.WorkloadImages;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineTimeoutException;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.engine.Verification;
import dev.rtbench.harness.engine.cri.CriEngine;
import dev.rtbench.harness.engine.cri.CriHandler;
import dev.rtbench.harness.engine.cri.ImageArchive;
import dev.rtbench.harness.engine.cri.ManagedContainerd;
import dev.rtbench.harness.io.FileTrees;
import dev.rtbench.harness.runtime.Detection;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeProfile;
import dev.rtbench.workloads.WorkloadImage;
import java.io.IOException;
import java.nio.file.Path;
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
    /** One line of the report: a status, what it is about, and the detail. */
    record Line(String status, String what, String detail) {}

    private CriNodeDoctor() {}

    /** The lines, and whether the baseline (runc) ran. */
    record Outcome(List<Line> lines, boolean baselineRuns) {}

    static Outcome tryRuntimes(Map<RuntimeProfile, Detection> found, Duration timeout) {
        List<Line> lines = new ArrayList<>();
        Map<RuntimeProfile, CriHandler> handlers = new LinkedHashMap<>();
        for (var e : found.entrySet()) {
            RuntimeProfile p = e.getKey();
            Detection d = e.getValue();
            if (!d.installed()) {
                lines.add(new Line("MISSING", p.name(), d.problem()));
                continue;
            }
            try {
                handlers.put(p, CriHandler.forProfile(p, d.path()));
            } catch (IllegalArgumentException noHandler) {
                lines.add(new Line("FAIL", p.name(), "no CRI handler can run it here: " + noHandler.getMessage()));
            }
        }
        if (!handlers.containsKey(RuntimeCatalogue.byName(RuntimeCatalogue.BASELINE))) {
            return new Outcome(lines, false);
        }
        boolean baselineRuns = false;
        ImageArchive pause;
        try {
            pause = ImageArchive.busybox(WorkloadImage.HOST_BUSYBOX, "rtbench/cri-pause",
                    List.of("/bin/sleep", "2147483647"));
        } catch (IOException e) {
            lines.add(new Line("FAIL", "image", "cannot make the pods' sandbox image from "
                    + WorkloadImage.HOST_BUSYBOX + ": " + e.getMessage() + " (apt-get install busybox-static)"));
            return new Outcome(lines, false);
        }
        String label = "doctor-" + UUID.randomUUID();
        try (ManagedContainerd d = ManagedContainerd.start(List.copyOf(handlers.values()), pause,
                Duration.ofSeconds(60), List.of())) {
            Path archive = d.dir().resolve("workload-image.tar");
            String image;
            try {
                image = WorkloadImages.writeArchive(archive);
                d.importImage(archive, image);
            } finally {
                FileTrees.deleteQuietly(archive);
            }
            lines.add(new Line("ok", "containerd", "a private containerd's CRI answers in " + d.dir()
                    + "; the workload image " + image + " written by rtbench and imported (no Docker engine)"));
            try (CriEngine cri = CriEngine.connect(d.endpoint(), timeout)) {
                RuntimeVerifier verifier = new RuntimeVerifier(cri, RuntimeVerifier.hostKernel());
                for (var e : handlers.entrySet()) {
                    RuntimeProfile p = e.getKey();
                    String why = found.get(p).problem() == null ? "" : "; why: " + found.get(p).problem();
                    ContainerSpec spec = new ContainerSpec(image, List.of("true"), e.getValue().name(),
                            Map.of(BenchContext.RUN_LABEL, label), BenchContext.MEMORY_BYTES, 0,
                            BenchContext.PIDS_LIMIT);
                    long t0 = System.nanoTime();
                    try {
                        Verification v = verifier.probe(p, spec);
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        lines.add(new Line(v.ok() ? "ok" : "FAIL", p.name(), v.describe() + " through CRI, " + ms
                                + " ms for a pod and its container" + (v.ok() ? "" : why)));
                        baselineRuns |= v.ok() && p.name().equals(RuntimeCatalogue.BASELINE);
                    } catch (EngineTimeoutException t) {
                        lines.add(new Line("HANGS", p.name(), t.getMessage() + "; rtbench times it out and removes"
                                + " the pod" + why));
                    } catch (EngineException ex) {
                        lines.add(new Line("FAIL", p.name(), ex.getMessage() + why));
                    } finally {
                        try {
                            cri.sweep(BenchContext.RUN_LABEL, label);
                        } catch (EngineException ignored) {
                            // the private containerd is stopped with everything in it anyway
                        }
                    }
                }
            }
        } catch (EngineException e) {
            lines.add(new Line("FAIL", "containerd", "a private containerd could not run: " + e.getMessage()));
        }
        return new Outcome(lines, baselineRuns);
    }
}
