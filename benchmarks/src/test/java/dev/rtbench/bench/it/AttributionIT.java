package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.Main;
import dev.rtbench.harness.attribution.Segments;
import dev.rtbench.harness.engine.cri.PodNetwork;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.results.Timeline;
import dev.rtbench.harness.results.TimelineEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --attribute} and {@code validate --attribute} on the real engines: each phase's timeline holds the OCI
 * verbs the phase calls, through dockerd and through CRI, for runc and gVisor, a pod's CNI calls and gVisor's own
 * milestones where they happen, and a delay injected at OCI create (through dockerd) or start (through CRI)
 * lands in its verb's segment and in no other.
 */
@Tag("docker")
class AttributionIT {

    @Test
    void eachPhaseHoldsTheVerbsItCallsThroughBothEngines(@TempDir Path out) throws Exception {
        var printed = new ByteArrayOutputStream();
        var ps = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Set<String> tracesBefore = traceFolders();
        int code = Main.run(List.of("run", "--attribute", "--engine", "both", "--runtimes", "runc,runsc",
                "--profile", "smoke", "--rounds", "2", "--workloads", "start,stop,exec,pod-sandbox-start",
                "--out", out.toString()), ps, ps);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        RunResults r = ResultsJson.read(out);
        boolean podNetwork = PodNetwork.whyNone().isEmpty();
        List<Sample> times = r.samples().stream().filter(s -> s.metric().equals("time")).toList();
        assertFalse(times.isEmpty());
        for (Sample s : times) {
            assertTrue(s.ok(), s.toString());
            Timeline t = r.timelines().stream().filter(x -> x.runtime().equals(s.runtime())
                    && x.workload().equals(s.workload()) && x.block() == s.block() && x.fork() == s.fork()
                    && x.iteration() == s.iteration()).findFirst().orElseThrow(() -> new AssertionError(
                    "no timeline of " + s));
            assertEquals(s.value(), t.phaseMs(), 1e-9, "the timeline repeats its sample's time");
            assertEquals(null, t.missing(), t.toString());
            // the benchmark's own framing of the call is small beside the call
            double outside = t.phaseMs() - t.spanMs();
            assertTrue(outside >= 0 && outside < 0.2 * t.phaseMs(), "outside the window: " + outside + " ms of " + t);
            t.events().forEach(e -> assertTrue(e.endMicros() >= t.startMicros() && e.beginMicros() <= t.endMicros(),
                    "an event outside its window: " + e));
            assertEquals(t.phaseMs(), Segments.of(t).stream().mapToDouble(Segments.Segment::ms).sum(), 1e-6,
                    "segments sum to the phase");
            Set<String> verbs = t.events().stream().filter(e -> e.source().equals(TimelineEvent.OCI))
                    .map(TimelineEvent::name).collect(Collectors.toSet());
            Set<String> expected = switch (s.workload()) {
                // dockerd's start and CRI's StartContainer both create the task and start it
                case "start" -> Set.of("create", "start");
                case "stop" -> Set.of("kill");
                case "exec" -> Set.of("exec");
                case "pod-sandbox-start" -> Set.of("create", "start");
                default -> throw new AssertionError(s.workload());
            };
            assertTrue(verbs.containsAll(expected), s.workload() + " under " + s.runtime() + ": " + t.events());
            assertTrue(t.events().stream().anyMatch(e -> e.source().equals(TimelineEvent.CONTAINERD)),
                    "no containerd event in " + t);
            if (s.workload().equals("pod-sandbox-start") && podNetwork) {
                // the sandbox's network: CNI ADD of the bridge plugin, which calls host-local for an address
                Set<String> cni = t.events().stream().filter(e -> e.source().equals(TimelineEvent.CNI))
                        .map(TimelineEvent::name).collect(Collectors.toSet());
                assertTrue(cni.containsAll(Set.of("ADD bridge", "ADD host-local")), "CNI calls: " + cni + " in " + t);
            }
            List<Segments.Segment> inside = Segments.inside(t);
            if (s.runtime().startsWith("runsc") && s.workload().equals("start")) {
                // runsc's own log: its create spawns the gofer and the sandbox
                Set<String> marks = t.events().stream().filter(e -> e.source().equals(TimelineEvent.GVISOR))
                        .map(TimelineEvent::name).collect(Collectors.toSet());
                assertTrue(marks.containsAll(Set.of("gofer spawned", "sandbox spawned")), "milestones: " + marks);
                assertTrue(marks.contains("app started"), "runsc's start starts the first process: " + marks);
                double create = Segments.of(t).stream().filter(x -> x.name().equals("OCI create"))
                        .mapToDouble(Segments.Segment::ms).sum();
                String within = "OCI create" + Segments.WITHIN + Segments.BEGIN + " → ";
                assertEquals(create, inside.stream().filter(x -> x.name().equals(within + Segments.END))
                        .mapToDouble(Segments.Segment::ms).sum(), 1e-6, "begin → end is the verb: " + inside);
                assertTrue(inside.stream().filter(x -> x.name().startsWith(within))
                        .allMatch(x -> x.ms() >= 0 && x.ms() <= create + 1e-6), "milestones inside the verb: " + inside);
            } else if (s.runtime().startsWith("runc")) {
                assertEquals(List.of(), inside, "runc logs no milestones");
            }
        }
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("--attribute: each runtime ran behind")),
                r.notes().toString());
        assertEquals(tracesBefore, traceFolders(), "the tracing folder was left");
    }

    @Test
    void aDelayAtCreateLandsInOciCreateAndNowhereElse(@TempDir Path out) throws Exception {
        // a large delay, so that a few blocks tell it on a slow machine too
        String v = validated(out, "--inject-verb", "create");
        assertTrue(v.contains("attributed: 150.0 ms injected at OCI create lands in start's segment OCI create"), v);
        assertTrue(v.contains("attributed: nothing of the delay in start's other segments"), v);
        assertTrue(v.contains("start: runc-b with the wrapper against runc-a without it"), v);
        assertTrue(v.contains("one call behind the OCI verbs' wrapper: ")
                && v.contains("one call behind the CNI plugins' wrapper: "), v);
        assertTrue(v.contains("known value: the "), "judged against the delay the wrapper delivered: " + v);
        assertFalse(v.contains("A/A on start"), "the traced pair is no A/A: " + v);
    }

    @Test
    void throughCriADelayAtStartLandsInOciStartAndNowhereElse(@TempDir Path out) throws Exception {
        String v = validated(out, "--engine", "cri", "--inject-verb", "start");
        assertTrue(v.contains("attributed: 150.0 ms injected at OCI start lands in start's segment OCI start"), v);
        assertTrue(v.contains("attributed: nothing of the delay in start's other segments"), v);
        assertTrue(v.contains("start: runc-b@cri with the wrapper against runc-a@cri without it"), v);
    }

    /**
     * {@code validate --attribute} of the start phase, 150 ms injected, 5 rounds, with {@code args}: its
     * validation.md, once no check failed.
     */
    private static String validated(Path out, String... args) throws java.io.IOException {
        var printed = new ByteArrayOutputStream();
        var ps = new PrintStream(printed, true, StandardCharsets.UTF_8);
        List<String> command = new java.util.ArrayList<>(List.of("validate", "--attribute", "--rounds", "5",
                "--phases", "start", "--inject", "150ms", "--out", out.toString()));
        command.addAll(List.of(args));
        int code = Main.run(command, ps, ps);
        assertNotEquals(1, code, "a check failed:\n" + printed.toString(StandardCharsets.UTF_8));
        return Files.readString(out.resolve("validation.md"));
    }

    private static Set<String> traceFolders() throws java.io.IOException {
        try (Stream<Path> s = Files.list(Path.of("/tmp"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("rtb-trace-"))
                    .collect(Collectors.toSet());
        }
    }
}
