package dev.rtbench.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

    private static final List<String> LIFECYCLE =
            List.of("create", "start", "wait", "stop", "remove", "run", "first-output", "exec");
    private static final List<String> EXECUTION = List.of("cpu", "syscall", "process", "file-write",
            "file-read", "files-small", "memory", "net-throughput", "net-latency");

    @Test
    void catalogueHoldsTheIssuesWorkloadsInOrder() {
        assertEquals(LIFECYCLE, Workloads.lifecycle().stream().map(Workload::name).toList());
        assertEquals(EXECUTION, Workloads.execution().stream().map(Workload::name).toList());
        assertEquals(LIFECYCLE.size() + EXECUTION.size(), Workloads.all().size());
        Workloads.lifecycle().forEach(w -> assertEquals(WorkloadKind.LIFECYCLE, w.kind()));
        Workloads.execution().forEach(w -> assertEquals(WorkloadKind.EXECUTION, w.kind()));
    }

    @Test
    void byNameFindsEveryWorkload() {
        for (Workload w : Workloads.all()) {
            assertSame(w, Workloads.byName(w.name()));
        }
    }

    @Test
    void byNameRejectsAnUnknownNameListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workloads.byName("cpux"));
        assertTrue(e.getMessage().contains("\"cpux\""), e.getMessage());
        for (Workload w : Workloads.all()) {
            assertTrue(e.getMessage().contains(w.name()), "message should list " + w.name() + ": " + e.getMessage());
        }
    }

    @Test
    void selectKeepsTheListsOrderOnceEach() {
        assertEquals(List.of("syscall", "cpu"), names(Workloads.select("syscall, cpu,,syscall")));
        assertEquals(names(Workloads.execution()), names(Workloads.select("execution")));
        assertEquals(names(Workloads.all()), names(Workloads.select("lifecycle,execution")));
        assertEquals(names(Workloads.all()), names(Workloads.select("all")));
    }

    @Test
    void selectRejectsUnknownAndEmptyLists() {
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> Workloads.select("cpu,gpu"));
        assertTrue(unknown.getMessage().contains("\"gpu\""), unknown.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Workloads.select(" , "));
        assertTrue(empty.getMessage().contains("known workloads are"), empty.getMessage());
    }

    @Test
    void executionCommandsRunTheirScriptWithTheSizes() {
        for (Workload w : Workloads.execution()) {
            List<String> expected = new java.util.ArrayList<>(List.of("/bin/sh", "/rtbench/" + w.name() + ".sh"));
            w.sizes().values().forEach(v -> expected.add(Long.toString(v)));
            assertEquals(expected, w.command(), w.name());
            assertEquals(w.command(), w.command(1.0), w.name());
            assertTrue(!w.sizes().isEmpty(), w.name() + " has sizes");
        }
    }

    @Test
    void scaledCommandsAreIdenticalOnEveryCallAndNeverBelowOne() {
        for (Workload w : Workloads.all()) {
            for (double scale : new double[] {1e-12, 0.05, 0.5, 1.0, 3.0}) {
                List<String> first = w.command(scale);
                List<String> second = w.command(scale);
                assertEquals(first, second, w.name());
                assertNotSame(first, w.command(), w.name());
                int base = w.command().size() - w.sizes().size();
                assertEquals(w.command().subList(0, base), first.subList(0, base), w.name());
                for (String size : first.subList(base, first.size())) {
                    assertTrue(Long.parseLong(size) >= 1, w.name() + " at scale " + scale + ": " + first);
                }
            }
        }
        Workload cpu = Workloads.byName("cpu");
        long mib = cpu.sizes().get("mib");
        assertEquals(List.of("/bin/sh", "/rtbench/cpu.sh", Long.toString(Math.round(mib * 0.05))), cpu.command(0.05));
        assertEquals(List.of("/bin/sh", "/rtbench/cpu.sh", "1"), cpu.command(1e-12));
    }

    @Test
    void multiSizeWorkloadsScaleEverySizeInOrder() {
        Workload read = Workloads.byName("file-read");
        assertEquals(List.of("mib", "passes"), List.copyOf(read.sizes().keySet()));
        List<String> half = read.command(0.5);
        assertEquals(Long.toString(Math.round(read.sizes().get("mib") * 0.5)), half.get(2));
        assertEquals(Long.toString(Math.round(read.sizes().get("passes") * 0.5)), half.get(3));
        assertEquals(List.of(half.get(2), half.get(3)),
                read.scaledSizes(0.5).values().stream().map(String::valueOf).toList());
    }

    @Test
    void badScalesAreRefused() {
        Workload cpu = Workloads.byName("cpu");
        for (double scale : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> cpu.command(scale), "scale " + scale);
        }
    }

    @Test
    void lifecycleWorkloadsAreTimedByTheHarness() {
        for (Workload w : Workloads.lifecycle()) {
            assertSame(OutputParser.NONE, w.parser(), w.name());
            assertTrue(w.sizes().isEmpty(), w.name());
            assertEquals("ms", w.unit(), w.name());
            assertTrue(w.command().get(0).startsWith("/bin/"), w.name() + " runs an absolute path: " + w.command());
            assertEquals(List.of(), w.parser().parse("anything", ""));
        }
        assertEquals(List.of("/bin/echo", Workloads.FIRST_OUTPUT_LINE), Workloads.byName("first-output").command());
        assertEquals(Workloads.IDLE_COMMAND, Workloads.byName("stop").command());
        assertEquals(List.of("/bin/true"), Workloads.byName("exec").command());
    }

    @Test
    void idleCommandTrapsSigtermSoStopIsQuick() {
        assertEquals("/bin/sh", Workloads.IDLE_COMMAND.get(0));
        assertTrue(Workloads.IDLE_COMMAND.get(2).contains("trap 'exit 0' TERM"), Workloads.IDLE_COMMAND.toString());
    }

    @Test
    void everyWorkloadDescribesItself() {
        Set<String> names = new HashSet<>();
        for (Workload w : Workloads.all()) {
            assertTrue(names.add(w.name()), "duplicate " + w.name());
            assertTrue(w.stresses().length() > 20, w.name());
            assertTrue(!w.unit().isBlank(), w.name());
        }
    }

    @Test
    void descriptorsRefuseSizesThatDoNotMatchTheCommand() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put("mib", 8L);
        List<String> wrong = List.of("/bin/sh", "/rtbench/x.sh", "9");
        assertThrows(IllegalArgumentException.class, () ->
                new Workload("x", WorkloadKind.EXECUTION, "stresses", wrong, sizes, "s", OutputParser.NONE));
        sizes.put("mib", 0L);
        List<String> zero = List.of("/bin/sh", "/rtbench/x.sh", "0");
        assertThrows(IllegalArgumentException.class, () ->
                new Workload("x", WorkloadKind.EXECUTION, "stresses", zero, sizes, "s", OutputParser.NONE));
        assertThrows(IllegalArgumentException.class, () ->
                new Workload("a,b", WorkloadKind.LIFECYCLE, "stresses", List.of("/bin/true"), Map.of(), "ms",
                        OutputParser.NONE));
    }

    @Test
    void sizesAreImmutableAndKeepTheirOrder() {
        Workload read = Workloads.byName("file-read");
        assertThrows(UnsupportedOperationException.class, () -> read.sizes().put("x", 1L));
        assertThrows(UnsupportedOperationException.class, () -> read.command().add("x"));
    }

    /** What the harness can match on, from the captured proof outputs (see captured/README.md). */
    @Test
    void capturedProofOutputsTellTheRuntimesApart() {
        String runc = CapturedOutput.load("runc", "proof").stdout();
        String runsc = CapturedOutput.load("runsc", "proof").stdout();
        assertEquals(List.of("4.4.0", "[   0.000000] Starting gVisor..."), runsc.lines().limit(2).toList());
        assertEquals(4, runsc.lines().count(), runsc);
        assertEquals(1, runc.lines().count(), "dmesg is denied under runc: only uname -r prints: " + runc);
        assertTrue(!runc.contains("gVisor") && !runc.startsWith("4.4.0"), runc);
        for (String runtime : CapturedOutput.RUNTIMES) {
            assertEquals(Workloads.FIRST_OUTPUT_LINE + "\n", CapturedOutput.load(runtime, "first-output").stdout());
        }
    }

    private static List<String> names(List<Workload> workloads) {
        return workloads.stream().map(Workload::name).toList();
    }
}
