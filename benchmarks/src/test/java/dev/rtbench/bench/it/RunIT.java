package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.Main;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.Phase;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.Workloads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job end to end: {@code run --runtimes runc,runsc --profile smoke} against a managed daemon. */
@Tag("docker")
class RunIT {

    @Test
    void smokeRunMeasuresEveryWorkloadUnderBothRuntimesAndLeavesNothing(@TempDir Path out) throws Exception {
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();
        // one round: every workload once under each runtime, in a block of its own. The second round of the smoke
        // profile adds nothing this test checks and took a third of CI's time here (EnginesRunIT runs two)
        int code = Main.run(List.of("run", "--runtimes", "runc,runsc", "--workloads", "all", "--profile", "smoke",
                "--rounds", "1", "--out", out.toString()),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        String printed = stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);

        RunResults r = ResultsJson.read(out);
        assertEquals("complete", r.status());
        assertEquals(List.of("runc", "runsc"), r.config().runtimes().stream().sorted().toList());
        assertEquals("runc", r.config().baseline());
        // every block is recorded with its counterbalanced order, and every sample names its block
        assertEquals(r.config().workloads().size(), r.config().blocks().size(), "one block per workload");
        assertEquals(java.util.Set.copyOf(r.config().workloads()), r.config().blocks().stream()
                .map(b -> b.workloads().get(0)).collect(java.util.stream.Collectors.toSet()));
        for (var b : r.config().blocks()) {
            assertTrue(b.order().equals(List.of("runc", "runsc")) || b.order().equals(List.of("runsc", "runc")),
                    b.toString());
        }
        assertTrue(r.samples().stream().allMatch(x -> x.block() >= 0 && x.block() < r.config().blocks().size()));
        assertEquals(Phase.callsThrough(Arm.DOCKER), r.config().phaseCalls());
        for (String runtime : List.of("runc", "runsc")) {
            for (Workload w : Workloads.all()) {
                if (Workloads.unavailable().containsKey(w.name())) {
                    // this host lacks the tool: the run skips it with the package named
                    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith(w.name() + " was skipped: ")));
                    continue;
                }
                List<Sample> s = r.samples().stream()
                        .filter(x -> x.runtime().equals(runtime) && x.workload().equals(w.name()) && x.metric().equals("time"))
                        .toList();
                assertTrue(!s.isEmpty(), "no sample of " + w.name() + " under " + runtime);
                for (Sample x : s) {
                    assertTrue(x.ok(), runtime + "/" + w.name() + " failed: " + x.failure());
                    assertEquals(runtime, x.verifiedRuntime(), "unverified sample " + x);
                    assertTrue(x.value() > 0, "time " + x.value());
                    assertEquals("ms", x.unit());
                }
            }
        }
        // density and bursts are part of a run of every workload, at the sizes the profile's budget affords
        for (String runtime : List.of("runc", "runsc")) {
            for (String w : List.of("density", "burst-2")) {
                List<Sample> s = r.samples().stream().filter(x -> x.runtime().equals(runtime) && x.workload().equals(w)
                        && x.metric().equals("time")).toList();
                assertTrue(!s.isEmpty(), "no sample of " + w + " under " + runtime);
                s.forEach(x -> assertTrue(x.ok() && runtime.equals(x.verifiedRuntime()), x.toString()));
            }
            assertTrue(r.samples().stream().anyMatch(x -> x.runtime().equals(runtime) && x.workload().equals("density")
                    && x.metric().equals("pss-per-container") && x.ok() && x.value() > 0), runtime);
        }
        // the environment says what was measured
        assertTrue(r.environment().dockerVersion() != null && !r.environment().runtimes().isEmpty());
        assertTrue(r.environment().runtimes().stream().anyMatch(e -> e.name().equals("runsc") && e.platform() != null));
        // JMH's own log is kept beside it
        assertTrue(Files.size(out.resolve("jmh.log")) > 0);
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("harness floor")), r.notes().toString());
        // gVisor's file-system configuration, which decides what the file workloads measure, is recorded
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("runsc: ") && n.contains("file system: ")
                && n.contains("file-access=")), r.notes().toString());
        // nothing left: the managed daemon and its folder are gone, with every sandbox of the run
        ManagedFolder.assertRemoved(r);
        for (Sample x : r.samples()) {
            if (x.containerId() != null) {
                assertEquals(List.of(), dev.rtbench.harness.engine.LeftoverProcesses.find(List.of(x.containerId())),
                        "processes of container " + x.containerId() + " survived the run");
            }
        }
    }

    @Test
    void gvisorVariantsFromTheUsersDaemonJsonRunSideBySide(@TempDir Path out) throws Exception {
        // a user's file: two gVisor entries, and keys rtbench must leave alone
        Path daemonJson = out.resolve("daemon.json");
        // the runsc this machine has, wherever it is (Debian's is /usr/bin/runsc; gVisor's own or one put by hand
        // may be elsewhere)
        String runsc = RuntimeCatalogue.byName("runsc").detect().path();
        Files.writeString(daemonJson, """
                {
                  "log-driver": "json-file",
                  "runtimes": {
                    "gv-ptrace": {"path": "%s", "runtimeArgs": ["--network=none", "--platform=ptrace"]},
                    "gv-hostnet": {"path": "%s", "runtimeArgs": ["--network=host"]}
                  }
                }
                """.formatted(runsc, runsc));
        byte[] before = Files.readAllBytes(daemonJson);
        Path run = out.resolve("run");
        var stdout = new ByteArrayOutputStream();
        int code = Main.run(List.of("run", "--daemon-json", daemonJson.toString(), "--runtimes", "runc,gv-ptrace,gv-hostnet",
                "--workloads", "run,syscall", "--profile", "smoke", "--rounds", "1", "--out", run.toString()),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stdout, true, StandardCharsets.UTF_8));
        assertEquals(0, code, stdout.toString(StandardCharsets.UTF_8));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(daemonJson)), "the user's daemon.json was changed");
        RunResults r = ResultsJson.read(run);
        for (String rt : List.of("runc", "gv-ptrace", "gv-hostnet")) {
            for (String w : List.of("run", "syscall")) {
                assertTrue(r.samples().stream().anyMatch(x -> x.runtime().equals(rt) && x.workload().equals(w)
                        && x.ok() && rt.equals(x.verifiedRuntime())), "no verified sample of " + w + " under " + rt);
            }
        }
        var gv = r.environment().runtimes().stream().filter(e -> e.name().equals("gv-ptrace")).findFirst().orElseThrow();
        assertEquals("gvisor", gv.kind());
        assertEquals("ptrace", gv.platform());
        assertEquals(List.of("--network=none", "--platform=ptrace"), gv.daemonEntry().get("runtimeArgs"));
    }

    @Test
    void aUsersOwnWorkloadRunsUnderEveryRuntimeWithItsCustomMetric(@TempDir Path out) throws Exception {
        Path file = out.resolve("mine.json");
        Files.writeString(file, """
                {"workloads": [{
                  "name": "count-lines",
                  "command": ["/bin/sh", "-c", "seq 1 20000 > /tmp/mine.$$; n=$(wc -l < /tmp/mine.$$); rm /tmp/mine.$$; echo lines=$n"],
                  "metrics": [{"name": "lines", "pattern": "lines=([0-9]+)", "unit": "lines", "direction": "higher"}],
                  "setup": ["/bin/sh", "-c", "true"],
                  "timeoutSeconds": 60
                }]}
                """);
        Path run = out.resolve("run");
        var stdout = new ByteArrayOutputStream();
        int code = Main.run(List.of("run", "--runtimes", "runc,runsc", "--workload-file", file.toString(),
                "--workloads", "count-lines", "--profile", "smoke", "--rounds", "1", "--out", run.toString()),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stdout, true, StandardCharsets.UTF_8));
        assertEquals(0, code, stdout.toString(StandardCharsets.UTF_8));
        RunResults r = ResultsJson.read(run);
        for (String rt : List.of("runc", "runsc")) {
            List<Sample> lines = r.samples().stream()
                    .filter(x -> x.runtime().equals(rt) && x.workload().equals("count-lines") && x.metric().equals("lines"))
                    .toList();
            assertEquals(1, lines.size(), rt + ": " + r.samples());
            lines.forEach(x -> {
                assertTrue(x.ok(), x.failure());
                assertEquals(20000.0, x.value());
                assertEquals(rt, x.verifiedRuntime());
            });
        }
        // a workload in an image of the user's: the daemon must have it; here, an image the run itself imported
        String imported = r.config().image();
        Files.writeString(file, """
                {"workloads": [{"name": "in-mine", "image": "%s",
                  "command": ["/bin/sh", "-c", "echo answer=42"],
                  "metrics": [{"name": "answer", "pattern": "answer=([0-9]+)", "unit": "n", "direction": "higher"}]}]}
                """.formatted(imported));
        // each run's private daemon imports rtbench's own image first, so the image is there to be layered on
        assertTrue(imported.startsWith("rtbench/workload:"), imported);
        Path run2 = out.resolve("run2");
        var printed2 = new ByteArrayOutputStream();
        int code2 = Main.run(List.of("run", "--runtimes", "runc,runsc", "--workload-file", file.toString(),
                "--workloads", "in-mine", "--profile", "smoke", "--rounds", "1", "--out", run2.toString()),
                new PrintStream(printed2, true, StandardCharsets.UTF_8), new PrintStream(printed2, true, StandardCharsets.UTF_8));
        assertEquals(0, code2, printed2.toString(StandardCharsets.UTF_8));
        RunResults r2 = ResultsJson.read(run2);
        List<Sample> answers = r2.samples().stream().filter(x -> x.metric().equals("answer")).toList();
        assertEquals(2, answers.size(), r2.samples().toString());
        answers.forEach(x -> assertTrue(x.ok() && x.value() == 42 && x.runtime().equals(x.verifiedRuntime()),
                x.toString()));
        assertTrue(r2.notes().stream().anyMatch(n -> n.startsWith("workload in-mine ran in " + imported)),
                r2.notes().toString());

        // an image the daemon lacks is named as such, without a registry lookup (once: "leave out --image")
        Files.writeString(file, """
                {"workloads": [{"name": "in-absent", "image": "rtbench-test/absent:1",
                  "command": ["/bin/sh", "-c", "echo answer=42"],
                  "metrics": [{"name": "answer", "pattern": "answer=([0-9]+)", "unit": "n", "direction": "higher"}]}]}
                """);
        var absent = new ByteArrayOutputStream();
        int code3 = Main.run(List.of("run", "--runtimes", "runc", "--workload-file", file.toString(), "--workloads",
                "in-absent", "--profile", "smoke", "--rounds", "1", "--out", out.resolve("run3").toString()),
                new PrintStream(absent, true, StandardCharsets.UTF_8), new PrintStream(absent, true, StandardCharsets.UTF_8));
        String said = absent.toString(StandardCharsets.UTF_8);
        assertEquals(2, code3, said);
        assertTrue(said.contains("names the image rtbench-test/absent:1, which is not in the daemon")
                && !said.contains("--image") && !said.contains("pulling"), said);

        // a bad file is refused with its line and column and the field at fault
        Files.writeString(file, "{\"workloads\": [{\"name\": \"x\", \"command\": \"not a list\"}]}");
        var err = new ByteArrayOutputStream();
        int bad = Main.run(List.of("run", "--workload-file", file.toString(), "--profile", "smoke"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, bad);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("command"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMalformedDaemonJsonIsRefusedWithItsLineAndColumn(@TempDir Path out) throws Exception {
        Path daemonJson = out.resolve("daemon.json");
        Files.writeString(daemonJson, "{\n  \"runtimes\": {\n    \"gv\": {\"path\": \"/usr/bin/runsc\",}\n  }\n}\n");
        var err = new ByteArrayOutputStream();
        int code = Main.run(List.of("run", "--daemon-json", daemonJson.toString(), "--profile", "smoke"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        String msg = err.toString(StandardCharsets.UTF_8);
        assertTrue(msg.contains("3:") || msg.contains("line 3"), msg);
    }
}
