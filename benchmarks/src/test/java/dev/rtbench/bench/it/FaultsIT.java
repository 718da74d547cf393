package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.Main;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that meet trouble: a runtime that hangs on one container, a runtime known only by its binary, and the
 * managed daemon killed in the middle. Each must end honestly and leave nothing behind.
 */
@Tag("docker")
class FaultsIT {

    @Test
    void aHungSampleTimesOutAndTheRunGoesOnAndAnUnnamedFamilyIsMeasured(@TempDir Path out) throws Exception {
        // a runc wrapper whose third OCI create never returns; its shell keeps the container id in its arguments
        // (so the clean-up finds it) and sleeps in one-second steps (so nothing outlives it for long)
        Path hang = out.resolve("hang");
        Path count = out.resolve("creates");
        Files.writeString(count, "0");
        Files.writeString(hang, "#!/bin/sh\n"
                + "for a in \"$@\"; do [ \"$a\" = create ] && { n=$(cat " + count + "); echo $((n+1)) > " + count
                + "; [ \"$n\" -eq 2 ] && while :; do sleep 1; done; }; done\n"
                + "exec " + runc() + " \"$@\"\n");
        hang.toFile().setExecutable(true);
        // gVisor under a name that names no family: known by what its binary says
        Path daemonJson = out.resolve("daemon.json");
        Files.writeString(daemonJson, "{\"runtimes\": {\"sandboxed\": {\"path\": \"/usr/bin/runsc\","
                + " \"runtimeArgs\": [\"--network=none\"]}}}");
        Path run = out.resolve("run");
        var printed = new ByteArrayOutputStream();
        int code = Main.run(List.of("run", "--runtimes", "runc,hang,sandboxed", "--runtime", "hang=" + hang,
                "--daemon-json", daemonJson.toString(), "--workloads", "start,run", "--profile", "smoke",
                "--timeout", "8", "--out", run.toString()),
                new PrintStream(printed, true, StandardCharsets.UTF_8), new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        RunResults r = ResultsJson.read(run);
        assertEquals("complete", r.status(), text);

        List<Sample> hung = r.samples().stream().filter(s -> s.runtime().equals("hang") && !s.ok()).toList();
        assertEquals(1, hung.size(), "exactly the third create hangs: " + hung);
        assertTrue(hung.get(0).failure().contains("did not finish within 8000 ms"), hung.get(0).failure());
        assertTrue(r.samples().stream().filter(s -> s.runtime().equals("hang") && s.ok()).count() >= 3,
                "the run went on under the same runtime after the hang");

        assertTrue(r.samples().stream().filter(s -> s.runtime().equals("sandboxed"))
                .allMatch(s -> s.ok() && "sandboxed".equals(s.verifiedRuntime())), text);
        var env = r.environment().runtimes().stream().filter(e -> e.name().equals("sandboxed")).findFirst().orElseThrow();
        assertEquals("gvisor", env.kind());
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("sandboxed was verified as gvisor (family from its"
                + " binary /usr/bin/runsc)") && n.contains("dmesg says gVisor")), r.notes().toString());

        assertNothingLeft(r);
    }

    @Test
    void theDaemonKilledMidRunEndsTheRunMarkedFailedWithEveryFinishedSample(@TempDir Path out) throws Exception {
        Path jar = Path.of("target", "benchmarks.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "build the jar first (mvn package): " + jar);
        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "run", "--runtimes", "runc,runsc",
                "--workloads", "run,exec,start", "--profile", "smoke", "--out", out.toString())
                .redirectErrorStream(true).start();
        StringBuilder printed = new StringBuilder();
        boolean killed = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                printed.append(line).append('\n');
                if (!killed && line.matches("\\[block +2,.*")) {
                    ProcessHandle dockerd = p.descendants().filter(h -> h.info().command().orElse("")
                            .endsWith("/dockerd")).findFirst().orElseThrow(() -> new AssertionError("no dockerd"));
                    new ProcessBuilder("kill", "-KILL", Long.toString(dockerd.pid())).start().waitFor();
                    killed = true;
                }
            }
        }
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), printed.toString());
        assertTrue(killed, "the run ended before its second block:\n" + printed);
        assertNotEquals(0, p.exitValue(), printed.toString());
        assertTrue(printed.toString().contains("stopped answering") || printed.toString().contains("the run failed"),
                printed.toString());

        RunResults r = ResultsJson.read(out);
        assertEquals("failed", r.status(), printed.toString());
        assertTrue(r.finished() != null, "a failed run has its end time");
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("the run failed")), r.notes().toString());
        List<Sample> ok = r.samples().stream().filter(Sample::ok).toList();
        assertTrue(ok.size() >= 4, "the first two blocks' samples were lost: " + ok.size());
        assertNothingLeft(r);
    }

    private static void assertNothingLeft(RunResults r) throws Exception {
        String prefix = "the managed dockerd ran in ";
        String dir = r.notes().stream().filter(n -> n.startsWith(prefix)).findFirst()
                .map(n -> n.substring(prefix.length(), n.indexOf(' ', prefix.length()))).orElseThrow();
        assertFalse(Files.exists(Path.of(dir)), "the managed daemon's folder was left behind: " + dir);
        for (Sample s : r.samples()) {
            if (s.containerId() != null) {
                assertEquals(List.of(), LeftoverProcesses.find(List.of(s.containerId())),
                        "processes of container " + s.containerId() + " survived the run");
                // a container's own processes name nothing of it: its cgroup does (a killed daemon's shims once
                // took theirs to the grave and left the containers' shells running under init)
                assertEquals(List.of(), LeftoverProcesses.findInCgroups(List.of(s.containerId())),
                        "processes in the cgroup of container " + s.containerId() + " survived the run");
            }
        }
        List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .filter(l -> l.split(" ")[1].startsWith(dir + "/")).toList();
        assertEquals(List.of(), mounts, "mounts of a managed daemon were left");
    }

    private static String runc() {
        for (String p : List.of("/usr/sbin/runc", "/usr/bin/runc", "/usr/local/sbin/runc")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new AssertionError("runc is not installed");
    }
}
