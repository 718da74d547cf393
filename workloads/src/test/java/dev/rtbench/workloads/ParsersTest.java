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

    static Stream<Arguments> captures() {
        List<Arguments> all = new ArrayList<>();
        for (String runtime : CapturedOutput.RUNTIMES) {
            for (Workload w : Workloads.execution()) {
                all.add(Arguments.of(runtime, w.name()));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("captures")
    void parsesARealRun(String runtime, String name) {
        Workload w = Workloads.byName(name);
        CapturedOutput run = CapturedOutput.load(runtime, name);

        List<Measurement> ms = w.parser().parse(run.stdout(), run.stderr());

        assertEquals(2, ms.size(), ms.toString());
        Measurement headline = ms.get(0);
        assertEquals(w.unit(), headline.unit(), "the headline figure is in the workload's unit");
        assertTrue(headline.value() > 0, ms.toString());
        Measurement inside = ms.get(1);
        assertEquals(new Measurement("inside-time", stampedSeconds(run.stdout()), "s", false), inside);
        assertTrue(inside.value() > 0.005 && inside.value() < 60, "a full-size run takes a while: " + inside);
        Set<String> metrics = new HashSet<>();
        ms.forEach(m -> assertTrue(metrics.add(m.metric()), "duplicate metric " + m.metric()));
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("captures")
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
        CapturedOutput cpu = CapturedOutput.load(runtime, name.equals("cpu") ? "syscall" : "cpu");
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
    void cpuNeedsTheDigestAndCompleteDdRecords() {
        CapturedOutput run = CapturedOutput.load("runc", "cpu");
        OutputParser cpu = Workloads.byName("cpu").parser();
        String noDigest = run.stdout().replaceAll("(?m)^[0-9a-f]{64}  -$", "");
        assertThrows(WorkloadOutputException.class, () -> cpu.parse(noDigest, run.stderr()));
        // dd cut short by a full pipe or a signal ends with a partial record
        String partial = run.stderr().replace("128+0 records out", "127+1 records out");
        assertTrue(!partial.equals(run.stderr()), "the capture holds dd's records line");
        assertThrows(WorkloadOutputException.class, () -> cpu.parse(run.stdout(), partial));
    }

    @Test
    void cpuFiguresFollowFromTheStamps() {
        CapturedOutput run = CapturedOutput.load("runc", "cpu");
        double seconds = stampedSeconds(run.stdout());
        List<Measurement> ms = Workloads.byName("cpu").parser().parse(run.stdout(), run.stderr());
        assertEquals(new Measurement("hash-throughput", 128 / seconds, "MiB/s", true), ms.get(0));
    }

    @Test
    void syscallFigureIsPerSystemCall() {
        CapturedOutput run = CapturedOutput.load("runsc", "syscall");
        long count = Long.parseLong(field(run.stdout(), "count"));
        double seconds = stampedSeconds(run.stdout());
        Measurement perCall = Workloads.byName("syscall").parser().parse(run.stdout(), run.stderr()).get(0);
        assertEquals("syscall-time", perCall.metric());
        assertEquals(seconds * 1e9 / (2.0 * count), perCall.value(), 1e-9);
        assertTrue(!perCall.higherIsBetter());
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
    void netThroughputNeedsTheReceiversCount() {
        CapturedOutput run = CapturedOutput.load("runsc", "net-throughput");
        OutputParser parser = Workloads.byName("net-throughput").parser();
        String lost = run.stdout().replaceAll("(?m)^receiver: (\\d+)\\+0 records in$", "receiver: 3+1 records in");
        assertTrue(!lost.equals(run.stdout()), "the capture holds the receiver's records line");
        assertThrows(WorkloadOutputException.class, () -> parser.parse(lost, run.stderr()));
    }

    @Test
    void countsMustMatchWhatTheScriptDid() {
        CapturedOutput latency = CapturedOutput.load("runc", "net-latency");
        String unanswered = latency.stdout().replaceAll("answered=\\d+", "answered=7");
        WorkloadOutputException e = assertThrows(WorkloadOutputException.class,
                () -> Workloads.byName("net-latency").parser().parse(unanswered, latency.stderr()));
        assertTrue(e.getMessage().contains("answered=7 but expected"), e.getMessage());

        CapturedOutput files = CapturedOutput.load("runsc", "files-small");
        String fewer = files.stdout().replaceAll("listed=\\d+", "listed=1999");
        assertThrows(WorkloadOutputException.class,
                () -> Workloads.byName("files-small").parser().parse(fewer, files.stderr()));

        CapturedOutput process = CapturedOutput.load("runc", "process");
        String notAll = process.stdout().replaceAll("spawned=\\d+", "spawned=3");
        assertThrows(WorkloadOutputException.class,
                () -> Workloads.byName("process").parser().parse(notAll, process.stderr()));
    }

    @Test
    void rejectsEmptyAndNullOutput() {
        for (Workload w : Workloads.execution()) {
            WorkloadOutputException e = assertThrows(WorkloadOutputException.class, () -> w.parser().parse("", ""));
            assertTrue(e.getMessage().contains("stdout: (empty)"), e.getMessage());
            assertThrows(WorkloadOutputException.class, () -> w.parser().parse(null, null));
        }
    }

    @Test
    void longOutputIsQuotedByItsEnd() {
        String noise = "x".repeat(10_000) + "\nrtbench: the real reason\n";
        WorkloadOutputException e = assertThrows(WorkloadOutputException.class,
                () -> Workloads.byName("cpu").parser().parse(noise, ""));
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
