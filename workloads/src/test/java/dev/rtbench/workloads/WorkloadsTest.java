package dev.rtbench.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    private static final List<String> EXECUTION = List.of("cpu-single", "cpu-all", "memory-1k", "memory-1m",
            "syscall-null", "context-switch", "fork", "hackbench", "fio-random", "fio-sequential", "fio-fsync",
            "fio-random-volume", "fio-sequential-volume", "fio-fsync-volume", "tcp-throughput", "redis", "http",
            "syscall", "process", "file-read", "files-small");

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
        assertEquals(List.of("syscall", "cpu-all"), names(Workloads.select("syscall, cpu-all,,syscall")));
        assertEquals(names(Workloads.execution()), names(Workloads.select("execution")));
        List<Workload> lifecycleThenExecution = new java.util.ArrayList<>(Workloads.lifecycle());
        lifecycleThenExecution.addAll(Workloads.pod());
        lifecycleThenExecution.addAll(Workloads.execution());
        assertEquals(names(lifecycleThenExecution), names(Workloads.select("lifecycle,execution")));
        List<Workload> everything = new java.util.ArrayList<>(Workloads.all());
        everything.addAll(Workloads.pod());
        assertEquals(names(everything), names(Workloads.select("all")));
        // the pod phases are a CRI server's: named, selectable, and kept out of what every engine measures
        assertEquals(List.of("pod-sandbox-start", "pod-first-output", "pod-stop"), names(Workloads.pod()));
        Workloads.pod().forEach(w -> assertEquals(WorkloadKind.LIFECYCLE, w.kind()));
        Workloads.pod().forEach(w -> assertFalse(Workloads.all().contains(w), w.name()));
    }

    @Test
    void selectRejectsUnknownAndEmptyLists() {
        IllegalArgumentException unknown =
                assertThrows(IllegalArgumentException.class, () -> Workloads.select("cpu-all,gpu"));
        assertTrue(unknown.getMessage().contains("\"gpu\""), unknown.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> Workloads.select(" , "));
        assertTrue(empty.getMessage().contains("known workloads are"), empty.getMessage());
    }

    @Test
    void executionCommandsRunAScriptEndingWithTheSizes() {
        for (Workload w : Workloads.execution()) {
            assertEquals("/bin/sh", w.command().get(0), w.name());
            assertTrue(w.command().get(1).matches("/rtbench/[a-z0-9-]+\\.sh"), w.name() + ": " + w.command());
            List<String> tail = w.command().subList(w.command().size() - w.sizes().size(), w.command().size());
            assertEquals(w.sizes().values().stream().map(String::valueOf).toList(), tail, w.name());
            assertEquals(w.command(), w.command(1.0), w.name());
            assertTrue(!w.sizes().isEmpty(), w.name() + " has sizes");
            if (w.requires().isEmpty()) {
                assertEquals("/rtbench/" + w.name() + ".sh", w.command().get(1), "busybox workloads run their own script");
            }
        }
    }

    /**
     * Rates are bounded by time, or by an amount of work with a time ceiling (sysbench, stress-ng); the two tools
     * without a duration option are bounded by count.
     */
    @Test
    void ratesAreBoundedByTime() {
        for (Workload w : Workloads.execution()) {
            String bound = w.sizes().keySet().iterator().next();
            switch (w.name()) {
                case "hackbench" -> assertEquals("loops", bound);
                case "redis" -> assertEquals("requests", bound);
                case "file-read" -> assertEquals("mib", bound);
                case "files-small" -> assertEquals("count", bound);
                case "cpu-single", "cpu-all", "memory-1k", "memory-1m", "syscall-null", "context-switch", "fork" -> {
                    assertTrue(List.of("events", "mib", "ops").contains(bound), w.name() + " is bounded by " + bound);
                    assertEquals(2L, w.sizes().get("seconds"), w.name() + " has a time ceiling of 2 s at scale 1.0");
                }
                default -> assertTrue(bound.equals("seconds") || bound.equals("ms"), w.name() + " is bounded by " + bound);
            }
            long limit = bound.equals("ms") ? 1500 : 2;
            if (bound.equals("seconds") || bound.equals("ms")) {
                assertTrue(w.sizes().get(bound) <= limit, w.name() + " runs at most ~2 s a job at scale 1.0");
            }
        }
        assertEquals(List.of("/bin/sh", "/rtbench/fio.sh", "random", "/var/tmp", "40"),
                Workloads.byName("fio-random").command(0.05), "scale shrinks the time");
        assertEquals(List.of("/bin/sh", "/rtbench/sysbench.sh", "cpu", "1", "250", "1"),
                Workloads.byName("cpu-single").command(0.05), "whole seconds never go below 1");
        assertEquals(List.of("/bin/sh", "/rtbench/stress-ng.sh", "null", "25000", "1"),
                Workloads.byName("syscall-null").command(0.25), "the quick profile: a quarter of the work, 1 s ceiling");
    }

    @Test
    void serversStartInTheSampleAndFilesAreSetUpOutsideIt() {
        // a server's start and stop are in the sample's one exec, by its script; its figures are the client's own
        Map<String, String> client = Map.of("tcp-throughput", "client", "redis", "benchmark", "http", "wrk");
        client.forEach((name, mode) -> {
            Workload w = Workloads.byName(name);
            assertEquals(mode, w.command().get(2), name);
            assertTrue(!w.hasSetup() && !w.hasCleanup(), name);
            assertTrue(w.stresses().endsWith("the server started and stopped in the sample's exec"), name);
        });
        for (Workload w : Workloads.execution()) {
            if (w.name().startsWith("fio-")) {
                String dir = w.command().get(3);
                assertEquals(List.of("/bin/sh", "/rtbench/fio.sh", "layout", dir), w.setup(), w.name());
                assertEquals(List.of("/bin/sh", "/rtbench/fio.sh", "remove", dir), w.cleanup(), w.name());
                assertEquals(w.name().endsWith("-volume") ? java.util.Optional.of(Workloads.VOLUME) : java.util.Optional.empty(),
                        w.volume(), w.name());
                assertEquals(w.name().endsWith("-volume") ? Workloads.VOLUME : "/var/tmp", dir, w.name());
            } else {
                assertTrue(w.volume().isEmpty(), w.name());
            }
            if (w.name().equals("file-read")) {
                // its file is written by an untimed setup and removed by the cleanup of every sample
                assertEquals(List.of("/bin/sh", "/rtbench/file-read.sh", "--layout", "64"), w.setup());
                assertEquals(List.of("/bin/sh", "/rtbench/file-read.sh", "--remove"), w.cleanup());
            } else if (w.requires().isEmpty()) {
                assertTrue(!w.hasSetup() && !w.hasCleanup(), w.name());
            }
            assertEquals(java.util.Optional.empty(), w.image(), w.name());
            assertEquals(0, w.timeoutSeconds(), w.name());
        }
        assertTrue(Workloads.byName("fio-fsync").stresses().contains("What decides it"));
    }

    @Test
    void unavailableWorkloadsNameTheMissingPackage() {
        Map<HostTool, String> missing = HostTool.missing(p -> !p.equals("/usr/bin/fio") && !p.equals("/usr/bin/redis-cli"));
        Map<String, String> unavailable = Workloads.unavailable(missing);
        assertEquals(List.of("fio-random", "fio-sequential", "fio-fsync", "fio-random-volume", "fio-sequential-volume",
                "fio-fsync-volume", "redis"), List.copyOf(unavailable.keySet()));
        assertTrue(unavailable.get("fio-fsync").contains("apt-get install fio"), unavailable.get("fio-fsync"));
        assertTrue(unavailable.get("redis").contains("/usr/bin/redis-cli") && unavailable.get("redis").contains("redis-tools"),
                unavailable.get("redis"));
        assertEquals(Map.of(), Workloads.unavailable(Map.of()));
        for (Workload w : Workloads.all()) {
            w.requires().forEach(HostTool::at);
        }
        assertThrows(IllegalArgumentException.class, () -> HostTool.at("/usr/bin/nothing"));
    }

    @Test
    void theOldConstructorStillWorks() {
        Workload w = new Workload("x", WorkloadKind.EXECUTION, "stresses", List.of("/bin/true"), Map.of(), "s",
                OutputParser.NONE);
        assertEquals(List.of(), w.setup());
        assertEquals(List.of(), w.cleanup());
        assertTrue(w.volume().isEmpty() && w.image().isEmpty() && w.requires().isEmpty());
        assertEquals(0, w.timeoutSeconds());
        assertThrows(IllegalArgumentException.class, () -> new Workload("x", WorkloadKind.EXECUTION, "s",
                List.of("/bin/true"), Map.of(), "s", OutputParser.NONE, List.of(), List.of(),
                java.util.Optional.of("relative/path"), List.of(), java.util.Optional.empty(), 0));
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
        Workload syscall = Workloads.byName("syscall");
        long ms = syscall.sizes().get("ms");
        assertEquals(List.of("/bin/sh", "/rtbench/syscall.sh", Long.toString(Math.round(ms * 0.05))), syscall.command(0.05));
        assertEquals(List.of("/bin/sh", "/rtbench/syscall.sh", "1"), syscall.command(1e-12));
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
        Workload cpu = Workloads.byName("syscall");
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
