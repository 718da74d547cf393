package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.Ran;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kubernetes node as most are: containerd, runc and gVisor, and no Docker engine ({@link WithoutDocker}). There
 * {@code doctor} tries each runtime through a private containerd and finds the node measurable, {@code run --engine
 * cri} measures runc and gVisor through a managed containerd, and {@code validate --engine cri} runs its checks.
 * Through {@code --cri-endpoint} the same node is {@link CriEndpointRunIT}'s.
 */
@Tag("docker")
class CriOnlyNodeIT {
    static final String WORKLOADS = "start,pod-sandbox-start,syscall";

    @Test
    void aNodeWithoutDockerIsMeasuredThroughCri(@TempDir Path out) throws Exception {
        Ran doctor = WithoutDocker.jar("doctor", "--timeout", "30");
        assertEquals(0, doctor.code(), doctor.out());
        assertTrue(doctor.out().contains("MISSING  dockerd"), doctor.out());
        assertTrue(doctor.out().matches("(?s).*\\nok +runc +ran under runc .*through CRI.*"), doctor.out());
        assertTrue(doctor.out().matches("(?s).*\\nok +runsc +ran under runsc .*through CRI.*"), doctor.out());
        assertTrue(doctor.out().contains("The baseline (runc) runs through CRI"), doctor.out());

        Path run = out.resolve("run");
        Ran measured = WithoutDocker.jar("run", "--engine", "cri", "--runtimes", "runc,runsc", "--profile", "smoke",
                "--rounds", "1", "--workloads", WORKLOADS, "--out", run.toString());
        assertEquals(0, measured.code(), measured.out());
        RunResults r = ResultsJson.read(run);
        assertEquals("complete", r.status(), measured.out());
        assertEverySampleVerified(r, WORKLOADS);
        assertNoDockerEngine(r);
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("no Docker engine: every arm ran through the CRI"
                + " server, and rtbench wrote the workload image")), r.notes().toString());
        String report = Files.readString(run.resolve("report.md"));
        assertTrue(report.contains("no Docker engine: measured through the CRI server alone (containerd "), report);

        // one round of one phase: whether validate runs here, not what it finds (ValidateIT's business); 3 is its
        // "could not decide", which one round gives
        Path validation = out.resolve("validate");
        Ran validated = WithoutDocker.jar("validate", "--engine", "cri", "--inject", "100ms", "--inject-verb", "kill",
                "--rounds", "1", "--phases", "stop", "--out", validation.toString());
        assertTrue(List.of(0, 1, 3).contains(validated.code()), validated.out());
        RunResults v = ResultsJson.read(validation);
        assertEquals("complete", v.status(), validated.out());
        assertEquals(List.of("runc-a@cri", "runc-b@cri", "calib-plain@cri", "calib-delayed@cri"),
                v.config().runtimes());
        assertTrue(Files.readString(validation.resolve("validation.md")).contains("known delay: 100.0 ms injected at"
                + " OCI kill, recovered in stop"), validated.out());
        assertNoDockerEngine(v);
    }

    /** Every workload has samples under runc and gVisor through CRI, and every timed one is ok and verified. */
    static void assertEverySampleVerified(RunResults r, String workloads) {
        assertEquals(List.of("runc@cri", "runsc@cri"), r.config().runtimes());
        for (String arm : r.config().runtimes()) {
            for (String w : workloads.split(",")) {
                assertTrue(r.samples().stream().anyMatch(s -> s.runtime().equals(arm) && s.workload().equals(w)),
                        "no sample of " + w + " under " + arm);
            }
        }
        r.samples().stream().filter(s -> s.metric().equals("time")).forEach(s -> assertTrue(s.ok()
                && s.runtime().equals(s.verifiedRuntime()), s.toString()));
    }

    /** The run asked no Docker engine and started none. */
    static void assertNoDockerEngine(RunResults r) {
        assertEquals(null, r.environment().dockerVersion(), "a Docker engine was asked");
        assertEquals("none (CRI only)", r.environment().daemonMode());
        assertTrue(r.environment().containerdVersion().startsWith("containerd "), r.environment().containerdVersion());
        assertTrue(r.notes().stream().noneMatch(n -> n.startsWith("the managed dockerd ran in")), r.notes().toString());
    }
}
