package dev.rtbench.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every execution workload's parser, on output captured from real runs under runc and runsc. */
class ParsersTest {

    private static final Pattern STAMPS = Pattern.compile("t0=(\\S+) t1=(\\S+)");

    /** Every execution workload under each runtime. */
    static Stream<Arguments> all() {
        return cross(Workloads.execution());
    }

    /** The busybox workloads, whose scripts print an rtbench-result line. */
    static Stream<Arguments> captures() {
        return cross(Workloads.execution().stream().filter(w -> w.requires().isEmpty()).toList());
    }

    private static Stream<Arguments> cross(List<Workload> workloads) {
        List<Arguments> all = new ArrayList<>();
        for (String runtime : CapturedOutput.RUNTIMES) {
            for (Workload w : workloads) {
                all.add(Arguments.of(runtime, w.name()));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("all")
    void parsesARealRun(String runtime, String name) {
        Workload w = Workloads.byName(name);
        CapturedOutput run = CapturedOutput.load(runtime, name);

        List<Measurement> ms = w.parser().parse(run.stdout(), run.stderr());

        assertTrue(!ms.isEmpty(), name);
        assertEquals(w.unit(), ms.get(0).unit(), "the headline figure is in the workload's unit");
        Set<String> metrics = new HashSet<>();
        for (Measurement m : ms) {
            assertTrue(m.value() > 0, m.toString());
            assertTrue(metrics.add(m.metric()), "duplicate metric " + m.metric());
            if (m.metric().matches(".*p(50|99|99\\.9)$")) {
                assertEquals("us", m.unit(), "tail latency in microseconds: " + m);
                assertTrue(!m.higherIsBetter(), "latency is lower-is-better: " + m);
            }
        }
        if (w.requires().isEmpty()) {
            Measurement inside = ms.get(ms.size() - 1);
            assertEquals(new Measurement("inside-time", stampedSeconds(run.stdout()), "s", false), inside);
            assertTrue(inside.value() > 0.005 && inside.value() < 60, "a full-size run takes a while: " + inside);
        }
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("all")
    void rejectsARealFailedRun(String runtime, String name) {
        CapturedOutput failed = CapturedOutput.load(runtime, "failed/" + name);
        WorkloadOutputException e = assertThrows(WorkloadOutputException.class,
                () -> Workloads.byName(name).parser().parse(failed.stdout(), failed.stderr()));
        assertEquals(name, e.workload());
        String quoted = failed.stderr().strip().isEmpty() ? "(empty)" : failed.stderr().strip();
        assertTrue(e.getMessage().contains(quoted), "the message quotes the output: " + e.getMessage());
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("captures")
    void rejectsARunWithoutItsResultLine(String runtime, String name) {
        CapturedOutput run = CapturedOutput.load(runtime, name);
        String cut = run.stdout().replaceAll("(?m)^rtbench-result .*$", "");
        assertThrows(WorkloadOutputException.class, () -> Workloads.byName(name).parser().parse(cut, run.stderr()));
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("captures")
    void rejectsAnotherWorkloadsOutput(String runtime, String name) {
        CapturedOutput cpu = CapturedOutput.load(runtime, name.equals("process") ? "syscall" : "process");
        WorkloadOutputException e = assertThrows(WorkloadOutputException.class,
                () -> Workloads.byName(name).parser().parse(cpu.stdout(), cpu.stderr()));
        assertTrue(e.getMessage().contains("the result line is that of workload"), e.getMessage());
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("captures")
    void rejectsAClockThatWentBackwards(String runtime, String name) {
        CapturedOutput run = CapturedOutput.load(runtime, name);
        String swapped = STAMPS.matcher(run.stdout()).replaceFirst("t0=$2 t1=$1");
        WorkloadOutputException e = assertThrows(WorkloadOutputException.class,
                () -> Workloads.byName(name).parser().parse(swapped, run.stderr()));
        assertTrue(e.getMessage().contains("the clock did not advance"), e.getMessage());
    }




    @Test
    void fileReadCountsEveryPass() {
        CapturedOutput run = CapturedOutput.load("runc", "file-read");
        OutputParser parser = Workloads.byName("file-read").parser();
        int firstIn = run.stderr().indexOf("records in");
        String onePassLess = run.stderr().substring(run.stderr().indexOf('\n', run.stderr().indexOf("records out", firstIn)) + 1);
        assertThrows(WorkloadOutputException.class, () -> parser.parse(run.stdout(), onePassLess));
        long passes = Long.parseLong(field(run.stdout(), "passes"));
        long mib = Long.parseLong(field(run.stdout(), "mib"));
        assertEquals(mib * passes / stampedSeconds(run.stdout()), parser.parse(run.stdout(), run.stderr()).get(0).value(), 1e-6);
    }



    @Test
    void syscallFigureIsPerSystemCallCountedByDd() {
        CapturedOutput run = CapturedOutput.load("runsc", "syscall");
        Matcher in = Pattern.compile("(?m)^(\\d+)\\+0 records in$").matcher(run.stderr());
        Matcher out = Pattern.compile("(?m)^(\\d+)\\+0 records out$").matcher(run.stderr());
        assertTrue(in.find() && out.find(), run.stderr());
        long calls = Long.parseLong(in.group(1)) + Long.parseLong(out.group(1));
        Measurement perCall = Workloads.byName("syscall").parser().parse(run.stdout(), run.stderr()).get(0);
        assertEquals("syscall-time", perCall.metric());
        assertEquals(stampedSeconds(run.stdout()) * 1e9 / calls, perCall.value(), 1e-6);
        assertTrue(!perCall.higherIsBetter());
        String silent = run.stderr().replaceAll("(?m)^.*records (in|out)$", "");
        WorkloadOutputException e = assertThrows(WorkloadOutputException.class,
                () -> Workloads.byName("syscall").parser().parse(run.stdout(), silent));
        assertTrue(e.getMessage().contains("SIGUSR1"), e.getMessage());
    }

    @Test
    void processFigureIsPerSpawn() {
        CapturedOutput run = CapturedOutput.load("runc", "process");
        long count = Long.parseLong(field(run.stdout(), "count"));
        Measurement each = Workloads.byName("process").parser().parse(run.stdout(), run.stderr()).get(0);
        assertEquals(stampedSeconds(run.stdout()) * 1e6 / count, each.value(), 1e-6);
        String none = run.stdout().replaceAll("count=\\d+", "count=0");
        assertThrows(WorkloadOutputException.class, () -> Workloads.byName("process").parser().parse(none, run.stderr()));
    }

    @Test
    void rejectsEmptyAndNullOutput() {
        for (Workload w : Workloads.execution()) {
            WorkloadOutputException e = assertThrows(WorkloadOutputException.class, () -> w.parser().parse("", ""));
            assertTrue(e.getMessage().contains("stdout: (empty)"), w.name() + ": " + e.getMessage());
            assertThrows(WorkloadOutputException.class, () -> w.parser().parse(null, null));
        }
    }

    @Test
    void longOutputIsQuotedByItsEnd() {
        String noise = "x".repeat(10_000) + "\nrtbench: the real reason\n";
        WorkloadOutputException e = assertThrows(WorkloadOutputException.class,
                () -> Workloads.byName("syscall").parser().parse(noise, ""));
        assertTrue(e.getMessage().contains("rtbench: the real reason\""), e.getMessage());
        assertTrue(e.getMessage().length() < 4000, "message length " + e.getMessage().length());
    }

    private static double stampedSeconds(String stdout) {
        Matcher m = STAMPS.matcher(stdout);
        assertTrue(m.find(), "no stamps in " + stdout);
        return new java.math.BigDecimal(m.group(2)).subtract(new java.math.BigDecimal(m.group(1))).doubleValue();
    }

    private static String field(String stdout, String key) {
        Matcher m = Pattern.compile("\\b" + key + "=(\\S+)").matcher(stdout);
        assertTrue(m.find(), "no " + key + " in " + stdout);
        return m.group(1);
    }
}
