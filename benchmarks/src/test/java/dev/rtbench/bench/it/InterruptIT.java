package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of a run: the finished samples stay, the run is marked interrupted, and no container,
 * sandbox or managed daemon is left behind. Runs the real {@code benchmarks.jar} and sends it SIGINT.
 */
@Tag("docker")
class InterruptIT {

    @Test
    void ctrlCKeepsWhatFinishedAndLeavesNothing(@TempDir Path out) throws Exception {
        Path jar = Path.of("target", "benchmarks.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "build the jar first (mvn package): " + jar);
        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "run", "--runtimes", "runc,runsc",
                "--profile", "smoke", "--out", out.toString()).redirectErrorStream(true).start();
        StringBuilder printed = new StringBuilder();
        List<ProcessHandle> children = new java.util.ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                printed.append(line).append('\n');
                // the second block has ended: the first ones' samples are in results.json
                if (line.matches("\\[block +2,.*")) {
                    Thread.sleep(2000);
                    // dockerd, containerd, shims, sandboxes: all must be gone after the stop
                    children.addAll(p.descendants().toList());
                    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
                }
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not stop after SIGINT:\n" + printed);
        assertTrue(printed.toString().contains("interrupted"), printed.toString());

        RunResults res = ResultsJson.read(out);
        assertEquals("interrupted", res.status(), printed.toString());
        List<Sample> ok = res.samples().stream().filter(Sample::ok).toList();
        assertFalse(ok.isEmpty(), "the first step's samples were lost");
        assertTrue(res.notes().stream().anyMatch(n -> n.startsWith("interrupted")), res.notes().toString());

        ManagedFolder.assertRemoved(res);
        for (Sample s : res.samples()) {
            if (s.containerId() != null) {
                assertEquals(List.of(), LeftoverProcesses.find(List.of(s.containerId())));
            }
        }
        assertFalse(children.isEmpty(), "the run had no child processes when it was interrupted?");
        for (ProcessHandle c : children) {
            c.onExit().get(15, TimeUnit.SECONDS);
            assertFalse(c.isAlive(), "a child of the run survived it: " + c.info());
        }
    }

}
