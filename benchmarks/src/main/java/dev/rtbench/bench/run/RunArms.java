package dev.rtbench.bench.run;

import dev.rtbench.harness.engine.Privileges;
import dev.rtbench.harness.engine.RunRules;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.Engine;
import dev.rtbench.harness.engine.EngineInfo;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.RuntimeEnvironment;
import dev.rtbench.harness.runtime.RuntimeKind;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A run's arms made ready on its engines: the workload image in each engine (imported into dockerd, or written for
 * the CRI server when it is the only one), and for each runtime and engine a first container that proves what ran
 * it. A runtime that fails its proof is left out of the run, said so in its notes.
 *
 * @param image        the workload image, as the containers name it
 * @param privileges   the lifecycle and exec-target containers' privileges, from the image
 * @param measuredBy   per engine ({@link Arm}), the runtimes whose first container there proved them
 * @param info         what the run records of its engine: dockerd's, or the CRI server's when it is the only one
 */
record RunArms(WorkloadImages.Prepared image, Privileges privileges, Map<String, List<RuntimeUnderTest>> measuredBy,
               EngineInfo info) {

    /** The arms, in order: every proven runtime through dockerd, then through CRI ({@code runsc}, {@code runsc@cri}). */
    List<String> names() {
        List<String> names = new ArrayList<>();
        measuredBy.forEach((e, rs) -> rs.forEach(r -> names.add(new Arm(r.name(), e).name())));
        return names;
    }

    /** How a container of each proven runtime shows it, by runtime name. */
    Map<String, RuntimeProfile> profiles() {
        Map<String, RuntimeProfile> profiles = new LinkedHashMap<>();
        measuredBy.values().forEach(rs -> rs.forEach(r -> profiles.put(r.name(), r.profile())));
        return profiles;
    }

    /** Each arm's runtime as the results record it. */
    List<RuntimeEnvironment> environments() {
        List<RuntimeEnvironment> environments = new ArrayList<>();
        measuredBy.forEach((e, rs) -> rs.forEach(r -> {
            var env = r.environment();
            environments.add(new RuntimeEnvironment(new Arm(r.name(), e).name(), env.kind(), env.version(),
                    env.platform(), env.daemonEntry()));
        }));
        return environments;
    }

    /** The OCI calls inside each phase, per engine the run measures through ({@code start}, {@code start@cri}). */
    static Map<String, String> phaseCalls(List<Engine> engines) {
        Map<String, String> phaseCalls = new LinkedHashMap<>();
        for (Engine e : engines) {
            String engine = e.kind().label();
            e.phaseCalls().forEach((phase, calls) -> phaseCalls.put(new Arm(phase, engine).name(), calls));
        }
        return phaseCalls;
    }

    /**
     * Makes the arms ready on the run's connected engines.
     *
     * @param connection the run's engines, connected (dockerd, if the run measures through it)
     * @param dir        the run's folder (where a CRI server rtbench does not manage gets the image written for it)
     */
    static RunArms prepare(RunEngine connection, RunOptions options, RuntimeResolver resolver,
                           List<RuntimeUnderTest> runtimes, String runId, String baseline, Path dir,
                           Consumer<String> note, PrintStream out) {
        EngineChoice engines = options.engine();
        if (engines.has(Arm.CRI) && options.image() != null) {
            // before anything is pulled or layered for dockerd
            throw new IllegalArgumentException("--image is measured through dockerd only: rtbench imports its own"
                    + " image into the CRI server; leave out --image, or use --engine docker");
        }
        Optional<DockerSide> docker = connection.docker();
        EngineInfo info = null;
        WorkloadImages.Prepared image;
        if (docker.isPresent()) {
            DockerEngine engine = docker.get().docker();
            docker.get().describe().ifPresent(note);
            info = engine.info();
            int swept = docker.get().sweep(null).size();
            if (swept > 0) {
                out.println("removed " + swept + " container(s) left by an earlier run");
            }
            image = WorkloadImages.prepare(engine, options.image(), out);
            if (image.userImage() != null) {
                note.accept("the workloads ran in " + image.userImage() + ", with rtbench's scripts and busybox"
                        + " tools layered on top as " + image.reference());
            }
        } else {
            // through CRI alone there is no dockerd: the image is written for the CRI server, which says what it is
            image = WorkloadImages.ours();
            note.accept("no Docker engine: every arm ran through the CRI server, and rtbench wrote the workload"
                    + " image " + image.reference() + " as an archive for it");
        }
        Privileges privileges = Privileges.forImage(image.userImage() == null);
        note.accept(RunRules.describe(privileges));
        Map<String, List<RuntimeUnderTest>> measuredBy = new LinkedHashMap<>();
        if (docker.isPresent()) {
            DockerSide d = docker.get();
            measuredBy.put(Arm.DOCKER, resolver.probe(runtimes, d.verifier(), image.reference(), runId, baseline,
                    privileges, () -> d.sweep(runId)));
            note.accept(HarnessFloor.measure(d.docker()));
        }
        if (engines.has(Arm.CRI)) {
            out.println("  starting the CRI side" + (options.criEndpoint() == null ? " (a managed containerd)" : ""));
            note.accept(connection.connectCri(options, runtimes, image.reference(), dir));
            CriSide cri = connection.cri().orElseThrow();
            if (info == null) {
                info = cri.info();
            }
            measuredBy.put(Arm.CRI, resolver.probe(runtimes, cri.verifier(), image.reference(), runId, baseline,
                    privileges, () -> cri.sweep(runId), Arm.CRI));
            if (measuredBy.get(Arm.CRI).stream().anyMatch(r -> r.profile().kind() == RuntimeKind.GVISOR)
                    && cri.managed()) {
                note.accept("through CRI every pod carries one container, and each gVisor container boots a"
                        + " sandbox of its own beside the pod's: containerd runs runsc through the runc shim here"
                        + " (Debian packages no containerd-shim-runsc-v1), so the CRI pod phases under gVisor hold two"
                        + " sandboxes where gVisor's own shim would hold one");
            }
        }
        return new RunArms(image, privileges, measuredBy, info);
    }
}
