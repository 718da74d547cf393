package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.run.RunPlan;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.results.BlockOrder;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the middle of a run: the finished samples stay, the run is marked interrupted, nothing but that is
 * printed (no stack trace, no "daemon stopped answering": the clean-up takes the engine away under the measuring
 * thread, which must go quiet), and no container, sandbox or managed daemon is left behind. Runs the real
 * {@code benchmarks.jar} and sends it SIGINT. {@code .ci/interrupt-check} does the same at random moments.
 */
@Tag("docker")
class InterruptIT {
    /** what must never follow a Ctrl-C: a stack trace, or the run blaming the daemon the clean-up stopped */
    private static final Pattern NOT_CLEAN = Pattern.compile("Exception|^\\s+at [a-z]|stopped answering|run failed",
            Pattern.MULTILINE);

    @Test
    void ctrlCKeepsWhatFinishedAndLeavesNothing(@TempDir Path out) throws Exception {
        // the second block has ended: the first ones' samples are in results.json
        Interrupted i = interrupt(List.of("--runtimes", "runc,runsc", "--profile", "smoke", "--out", out.toString()),
                Pattern.compile("\\[block +2,.*"), 2000);
        RunResults res = ResultsJson.read(out);
        assertEquals("interrupted", res.status(), i.printed());
        List<Sample> ok = res.samples().stream().filter(Sample::ok).toList();
        assertFalse(ok.isEmpty(), "the first step's samples were lost");
        assertTrue(res.notes().stream().anyMatch(n -> n.startsWith("interrupted")), res.notes().toString());
        assertNothingLeft(res, i);
    }

    @Test
    void ctrlCWhileTheRunStartsOrInADensityWorkloadIsQuiet(@TempDir Path out) throws Exception {
        // while the runtimes are probed: the clean-up once left the probe a null engine (a NullPointerException)
        Interrupted early = interrupt(List.of("--runtimes", "runc", "--workloads", "start", "--profile", "smoke",
                "--out", out.resolve("early").toString()), Pattern.compile("rtbench run .*"), 1500);
        assertEquals("interrupted", ResultsJson.read(out.resolve("early")).status(), early.printed());
        // the daemon may not have started yet; if it had, it and its folder are gone (other tests run beside this
        // one, so the folder is known from the daemon's command line, not from what /tmp holds)
        for (ProcessHandle c : early.children()) {
            c.onExit().get(15, TimeUnit.SECONDS);
        }
        for (String a : early.childArguments()) {
            if (a.matches("/tmp/rtbc?-[^/]+/.*")) {
                Path folder = Path.of(a.substring(0, a.indexOf('/', 5)));
                assertFalse(Files.exists(folder), "a managed daemon's folder was left: " + folder);
            }
        }
        // in the middle of a density workload's starts: once "the Docker daemon ... stopped answering", or a
        // NullPointerException in the block's end
        Interrupted density = interrupt(List.of("--runtimes", "runc", "--workloads", "density", "--density", "60",
                "--profile", "smoke", "--out", out.resolve("density").toString()), Pattern.compile("  A = runc"), 4000);
        RunResults r = ResultsJson.read(out.resolve("density"));
        assertEquals("interrupted", r.status(), density.printed());
        assertNothingLeft(r, density);
    }

    @Test
    void aRunStoppedByCtrlCIsResumedToItsEndWithTheSameDesign(@TempDir Path out) throws Exception {
        List<String> design = List.of("--runtimes", "runc,runsc", "--workloads", "start,exec", "--profile", "smoke",
                "--seed", "5");
        List<String> first = new ArrayList<>(design);
        first.addAll(List.of("--out", out.toString()));
        // in the second block: the first is whole, the second cut short
        Interrupted i = interrupt(first, Pattern.compile("\\[block +1,.*"), 300);
        RunResults was = ResultsJson.read(out);
        assertEquals("interrupted", was.status(), i.printed());
        assertNothingLeft(was, i);

        Process p = new ProcessBuilder("java", "-jar", Path.of("target", "benchmarks.jar").toAbsolutePath().toString(),
                "run", "--resume", out.toString()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), printed);
        assertEquals(0, p.exitValue(), printed);
        RunResults done = ResultsJson.read(out);
        assertEquals("complete", done.status(), printed);
        assertEquals(was.runId(), done.runId());
        // the same blocks as the run in one go would have had: 2 rounds of 2 workloads, orders from the seed
        RunPlan plan = new RunPlan(List.of("runc", "runsc"), List.of("start", "exec"), 5);
        List<BlockOrder> expected = new ArrayList<>(plan.round(0, 0));
        expected.addAll(plan.round(1, 2));
        assertEquals(expected, done.config().blocks(), printed);
        for (BlockOrder b : expected) {
            for (String rt : b.order()) {
                assertTrue(done.samples().stream().anyMatch(s -> s.block() == b.index() && s.runtime().equals(rt)
                        && s.ok()), "block " + b.index() + " has no sample of " + rt + ":\n" + printed);
            }
        }
        assertFalse(done.samples().stream().anyMatch(Sample::interrupted), "a cut-short sample was kept");
        assertTrue(done.notes().stream().anyMatch(n -> n.startsWith("resumed at")), done.notes().toString());
        assertTrue(done.notes().stream().anyMatch(n -> n.startsWith("part 1 of the run:")), done.notes().toString());
        assertTrue(done.notes().stream().anyMatch(n -> n.startsWith("part 2 of the run:")), done.notes().toString());
        assertTrue(Files.exists(out.resolve("results.before-part-2.json")), "the earlier results.json was not kept");
        assertEquals(was.samples().size(), ResultsJson.read(out.resolve("results.before-part-2.json")).samples().size());
        assertTrue(Files.exists(out.resolve("report.md")), printed);
        ManagedFolder.assertRemoved(done);

        // a complete run is not resumed, and nothing of it changes
        Process again = new ProcessBuilder("java", "-jar", Path.of("target", "benchmarks.jar").toAbsolutePath()
                .toString(), "run", "--resume", out.toString()).redirectErrorStream(true).start();
        String said = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(again.waitFor(60, TimeUnit.SECONDS), said);
        assertEquals(2, again.exitValue(), said);
        assertTrue(said.contains("is complete: there is nothing to resume"), said);
    }

    /** What the run printed, and its child processes with their arguments when it was interrupted. */
    private record Interrupted(String printed, List<ProcessHandle> children, List<String> childArguments) {}

    /** Runs the jar, sends SIGINT {@code afterMs} after the first line matching {@code when}, and checks its end. */
    private static Interrupted interrupt(List<String> runArgs, Pattern when, long afterMs) throws Exception {
        Path jar = Path.of("target", "benchmarks.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "build the jar first (mvn package): " + jar);
        // SIGINT's default disposition back: a build started in the background (nohup, `&` in a script) hands its
        // children SIGINT ignored, and Java then never sees a Ctrl-C. perl is in every Debian (perl-base)
        List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die",
                "java", "-jar", jar.toString(), "run"));
        command.addAll(runArgs);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder printed = new StringBuilder();
        List<ProcessHandle> children = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        boolean sent = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                printed.append(line).append('\n');
                if (!sent && when.matcher(line).matches()) {
                    Thread.sleep(afterMs);
                    // dockerd, containerd, shims, sandboxes: all must be gone after the stop
                    children.addAll(p.descendants().toList());
                    children.forEach(c -> arguments.addAll(List.of(c.info().arguments().orElse(new String[0]))));
                    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
                    sent = true;
                }
            }
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the run did not stop after SIGINT:\n" + printed);
        assertTrue(sent, "the run ended before the moment to interrupt it:\n" + printed);
        assertEquals(130, p.exitValue(), printed.toString());
        assertTrue(printed.toString().contains("interrupted"), printed.toString());
        assertFalse(NOT_CLEAN.matcher(printed).find(), "Ctrl-C was not a clean end:\n" + printed);
        return new Interrupted(printed.toString(), children, arguments);
    }

    private static void assertNothingLeft(RunResults res, Interrupted i) throws Exception {
        ManagedFolder.assertRemoved(res);
        for (Sample s : res.samples()) {
            if (s.containerId() != null) {
                assertEquals(List.of(), LeftoverProcesses.find(List.of(s.containerId())));
            }
        }
        assertFalse(i.children().isEmpty(), "the run had no child processes when it was interrupted?");
        for (ProcessHandle c : i.children()) {
            c.onExit().get(15, TimeUnit.SECONDS);
            assertFalse(c.isAlive(), "a child of the run survived it: " + c.info());
        }
    }
}
