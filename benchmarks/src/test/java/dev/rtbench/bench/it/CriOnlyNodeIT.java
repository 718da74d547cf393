package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kubernetes node as most are: containerd, runc and gVisor, and no Docker engine. The jar runs in a mount
 * namespace of its own where every {@code dockerd} and {@code docker} binary is covered by {@code /dev/null} (not a
 * regular file, not executable: nothing finds them, nothing can run them), and measures runc and gVisor through a
 * managed containerd: the workload image is written by rtbench and imported, and no Docker engine is asked anything.
 * {@code doctor} there tries each runtime the same way and finds the node measurable.
 */
@Tag("docker")
class CriOnlyNodeIT {

    /** Where Debian's, Docker's and hand-made installs put the engine and its client. */
    private static final List<String> DOCKER_BINARIES = List.of("/usr/sbin/dockerd", "/usr/bin/dockerd",
            "/usr/local/sbin/dockerd", "/usr/local/bin/dockerd", "/usr/bin/docker", "/usr/local/bin/docker");

    @Test
    void aRunThroughCriNeedsNoDockerEngine(@TempDir Path out) throws Exception {
        Path jar = Path.of("target", "benchmarks.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "build the jar first (mvn package): " + jar);
        Path run = out.resolve("run");
        StringBuilder script = new StringBuilder("set -e\n");
        for (String b : DOCKER_BINARIES) {
            if (Files.exists(Path.of(b))) {
                script.append("mount --bind /dev/null ").append(b).append('\n');
            }
        }
        // the proof that the namespace hides them: the shell finds neither
        script.append("if command -v dockerd >/dev/null || command -v docker >/dev/null; then echo 'docker still"
                + " found'; exit 97; fi\n");
        // doctor first: it must find the node measurable, trying each runtime through a private containerd
        Path doctor = out.resolve("doctor.txt");
        script.append("java -jar ").append(jar).append(" doctor --timeout 30 > ").append(doctor)
                .append(" 2>&1 && echo 0 >> ").append(doctor).append(" || echo $? >> ").append(doctor).append('\n');
        script.append("exec java -jar ").append(jar).append(" run --engine cri --runtimes runc,runsc --profile smoke"
                + " --rounds 1 --workloads start,pod-sandbox-start,syscall --out ").append(run).append('\n');
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                script.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), printed);
        assertEquals(0, p.exitValue(), printed);

        String doctorSaid = Files.readString(doctor);
        assertTrue(doctorSaid.strip().endsWith("\n0"), "doctor did not exit 0:\n" + doctorSaid);
        assertTrue(doctorSaid.contains("The baseline (runc) runs through CRI"), doctorSaid);
        assertTrue(doctorSaid.matches("(?s).*\\nok +runsc +.*through CRI.*"), "gVisor was not tried through CRI:\n"
                + doctorSaid);
        assertTrue(doctorSaid.contains("MISSING  dockerd"), doctorSaid);

        RunResults r = ResultsJson.read(run);
        assertEquals("complete", r.status(), printed);
        assertEquals(List.of("runc@cri", "runsc@cri"), r.config().runtimes());
        for (String arm : r.config().runtimes()) {
            for (String w : List.of("start", "pod-sandbox-start", "syscall")) {
                assertTrue(r.samples().stream().anyMatch(s -> s.runtime().equals(arm) && s.workload().equals(w)
                        && s.ok() && arm.equals(s.verifiedRuntime())), "no verified sample of " + w + " under " + arm);
            }
        }
        assertNull(r.environment().dockerVersion(), "a Docker engine was asked");
        assertEquals("none (CRI only)", r.environment().daemonMode());
        assertTrue(r.environment().containerdVersion().startsWith("containerd "),
                r.environment().containerdVersion());
        assertFalse(r.notes().stream().anyMatch(n -> n.startsWith("the managed dockerd ran in")), r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("no Docker engine: every arm ran through the CRI"
                + " server, and rtbench wrote the workload image")), r.notes().toString());
        String report = Files.readString(run.resolve("report.md"));
        assertTrue(report.contains("no Docker engine: measured through the CRI server alone (containerd "), report);
    }
}
