package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.Main;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.io.Mounts;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.stats.RunAnalysis;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --engine both}: runc and gVisor through dockerd and through a managed containerd's CRI in one
 * interleaved run, the pod phases through CRI alone, every sample verified, the engines compared, and nothing left.
 */
@Tag("docker")
class EnginesRunIT {
    private static final Pattern CONTAINERD_NOTE = Pattern.compile("managed containerd \\S+ \\(CRI \\S+\\) in"
            + " (\\S+) \\(removed");
    private static final List<String> ARMS = List.of("runc", "runsc", "runc@cri", "runsc@cri");

    @Test
    void lifecyclePhasesThroughBothEnginesSideBySide(@TempDir Path out) throws Exception {
        List<String> netnsBefore = netns();
        var printed = new ByteArrayOutputStream();
        var ps = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int code = Main.run(List.of("run", "--engine", "both", "--runtimes", "runc,runsc", "--profile", "smoke",
                "--rounds", "1", "--workloads", "start,stop,remove,wait,pod-sandbox-start,pod-first-output,pod-stop,syscall,density,"
                        + "burst-2", "--density", "3", "--out", out.toString()), ps, ps);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);

        RunResults r = ResultsJson.read(out);
        assertEquals("complete", r.status());
        assertEquals(ARMS, r.config().runtimes());
        assertEquals("runc", r.config().baseline());
        // a block holds the arms that can measure its workload: the pod phases CRI's, wait dockerd's
        for (var b : r.config().blocks()) {
            String w = b.workloads().get(0);
            Set<String> expected = w.startsWith("pod-") ? Set.of("runc@cri", "runsc@cri")
                    : w.equals("wait") ? Set.of("runc", "runsc") : Set.copyOf(ARMS);
            assertEquals(expected, Set.copyOf(b.order()), b.toString());
        }
        assertTrue(r.config().phaseCalls().containsKey("start") && r.config().phaseCalls().containsKey("start@cri")
                && r.config().phaseCalls().containsKey("pod-sandbox-start@cri"), r.config().phaseCalls().toString());
        for (var b : r.config().blocks()) {
            for (String arm : b.order()) {
                String w = b.workloads().get(0);
                List<Sample> s = r.samples().stream().filter(x -> x.block() == b.index() && x.runtime().equals(arm)
                        && x.metric().equals("time")).toList();
                assertFalse(s.isEmpty(), "no sample of " + w + " under " + arm + " in block " + b.index());
                // verified: through CRI, the handler the server records for the pod (and the in-container proof
                // of the container the syscall workload is exec'd into)
                s.forEach(x -> assertTrue(x.ok() && arm.equals(x.verifiedRuntime()) && x.value() > 0, x.toString()));
            }
        }
        // density counts whole pods through CRI, and a burst's CPU is the CRI server's
        for (String arm : ARMS) {
            assertTrue(r.samples().stream().anyMatch(x -> x.runtime().equals(arm) && x.workload().equals("density")
                    && x.metric().equals("pss-per-container") && x.ok() && x.value() > 0), "no PSS under " + arm);
            assertTrue(r.samples().stream().anyMatch(x -> x.runtime().equals(arm) && x.workload().equals("burst-2")
                    && x.metric().equals("containerd-cpu") && x.ok() && x.value() > 0), "no daemon CPU under " + arm);
        }
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("runsc@cri was verified as gvisor")),
                r.notes().toString());
        assertTrue(r.environment().runtimes().stream().anyMatch(e -> e.name().equals("runsc@cri")));

        // each arm against its engine's baseline, and each runtime through CRI against itself through dockerd
        RunAnalysis a = RunAnalysis.of(r);
        var start = new dev.rtbench.harness.stats.MetricKey("start", "time");
        for (String[] pair : List.of(new String[] {"runsc", "runc"}, new String[] {"runsc@cri", "runc@cri"},
                new String[] {"runc@cri", "runc"}, new String[] {"runsc@cri", "runsc"})) {
            assertTrue(a.overheads(start).stream().anyMatch(o -> o.runtime().equals(pair[0])
                    && o.reference().equals(pair[1])), "no comparison of " + pair[0] + " with " + pair[1]);
        }
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("## Engines compared"), report);
        assertTrue(report.contains("A pod's whole path is pod-first-output."), "what a CRI start holds");

        // the regression gate on a real run of both engines: the same run slowed 1.5x can never pass
        RunResults slow = new RunResults(r.formatVersion(), r.runId() + "-slow", r.started(), r.finished(), r.status(),
                r.environment(), r.config(), r.samples().stream().map(x -> x.ok() && x.metric().equals("time")
                        ? new Sample(x.runtime(), x.workload(), x.metric(), x.value() * 1.5, x.unit(), x.direction(),
                                x.round(), x.block(), x.fork(), x.iteration(), x.containerId(), x.verifiedRuntime(),
                                x.failure(), x.interrupted())
                        : x).toList(), r.notes());
        Path slowDir = out.resolve("slow");
        ResultsJson.write(slow, slowDir.resolve(ResultsJson.FILE_NAME));
        var compared = new ByteArrayOutputStream();
        int gate = Main.run(List.of("compare", out.toString(), slowDir.toString(), "--max-regression", "10%"),
                new PrintStream(compared, true, StandardCharsets.UTF_8), new PrintStream(compared, true, StandardCharsets.UTF_8));
        assertTrue(gate == 1 || gate == 3, "a 1.5x slowdown passed the gate (exit " + gate + "):\n" + compared);


        // nothing left: the managed containerd's folder, its processes and mounts, and every pod's processes
        Path dir = r.notes().stream().map(CONTAINERD_NOTE::matcher).filter(Matcher::find)
                .map(m -> Path.of(m.group(1))).findFirst().orElse(null);
        assertTrue(dir != null, "the run does not say where its containerd ran: " + r.notes());
        assertFalse(Files.exists(dir), "the managed containerd's folder was left: " + dir);
        assertEquals(List.of(), LeftoverProcesses.find(List.of(dir.toString())), "processes of " + dir);
        assertEquals(List.of(), Mounts.ofSelf().stream().filter(m -> m.isUnder(dir)).toList(), "mounts left");
        ManagedFolder.assertRemoved(r);
        assertEquals(netnsBefore, netns(), "network namespaces were made and left");
        // where the host has the CNI plugins, pods had a network of their own, whose bridge went with the run
        Matcher bridge = Pattern.compile("on bridge (\\S+) \\(").matcher(String.join("\n", r.notes()));
        if (dev.rtbench.harness.engine.cri.PodNetwork.whyNone().isEmpty()) {
            assertTrue(bridge.find(), "no pod network in " + r.notes());
            assertFalse(Files.exists(Path.of("/sys/class/net", bridge.group(1))), "the pods' bridge was left");
        } else {
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("pods share the node's network namespace")),
                    r.notes().toString());
        }
        for (Sample x : r.samples()) {
            if (x.containerId() != null) {
                assertEquals(List.of(), LeftoverProcesses.find(List.of(x.containerId())),
                        "processes of " + x.containerId() + " survived the run");
            }
        }
    }

    /** The named network namespaces ({@code ip netns}'s folder), where a CRI server's pods would leave theirs. */
    private static List<String> netns() throws java.io.IOException {
        Path d = Path.of("/var/run/netns");
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
