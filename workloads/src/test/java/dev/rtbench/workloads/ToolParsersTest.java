package dev.rtbench.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The standard tools' parsers on captured output, and on that output spoilt the ways real runs go wrong. */
class ToolParsersTest {

    private static List<Measurement> parse(String runtime, String workload) {
        CapturedOutput run = CapturedOutput.load(runtime, workload);
        return Workloads.byName(workload).parser().parse(run.stdout(), run.stderr());
    }

    private static List<String> metrics(String workload) {
        return parse("runc", workload).stream().map(Measurement::metric).toList();
    }

    private static WorkloadOutputException spoilt(String runtime, String workload, UnaryOperator<String> out,
                                                  UnaryOperator<String> err) {
        CapturedOutput run = CapturedOutput.load(runtime, workload);
        String o = out.apply(run.stdout());
        String e = err.apply(run.stderr());
        assertTrue(!o.equals(run.stdout()) || !e.equals(run.stderr()), "the spoiling changed nothing for " + workload);
        return assertThrows(WorkloadOutputException.class, () -> Workloads.byName(workload).parser().parse(o, e));
    }

    private static void assertSays(WorkloadOutputException e, String says) {
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    @Test
    void everyWorkloadDeclaresItsMetricsInItsOrder() {
        assertEquals(List.of("events-rate"), metrics("cpu-single"));
        assertEquals(List.of("bandwidth"), metrics("memory-1m"));
        assertEquals(List.of("ops-rate"), metrics("syscall-null"));
        assertEquals(List.of("ops-rate", "switch-time"), metrics("context-switch"));
        assertEquals(List.of("message-rate"), metrics("hackbench"));
        assertEquals(List.of("read-iops", "read-p50", "read-p99", "read-p99.9", "write-iops", "write-p50", "write-p99",
                "write-p99.9"), metrics("fio-random"));
        assertEquals(List.of("read-bandwidth", "write-bandwidth"), metrics("fio-sequential-volume"));
        assertEquals(List.of("fsync-rate", "fsync-p50", "fsync-p99", "fsync-p99.9"), metrics("fio-fsync"));
        assertEquals(List.of("throughput"), metrics("tcp-throughput"));
        assertEquals(List.of("set-rate", "set-p50", "set-p99", "get-rate", "get-p50", "get-p99"), metrics("redis"));
        assertEquals(List.of("request-rate", "p50", "p99"), metrics("http"));
    }

    @Test
    void sysbenchFiguresAreItsOwn() {
        CapturedOutput run = CapturedOutput.load("runsc", "cpu-all");
        String eps = run.stdout().replaceAll("(?s).*events per second:\\s+([0-9.]+).*", "$1");
        assertEquals(Double.parseDouble(eps), parse("runsc", "cpu-all").get(0).value());
        assertSays(spoilt("runc", "memory-1k", s -> s.replaceAll("MiB transferred", "MiB moved"), s -> s),
                "no memory bandwidth");
        assertSays(spoilt("runc", "cpu-single", s -> s.replaceAll("events per second:\\s+[0-9.]+", "events per second: 0.00"),
                s -> s), "not a positive number");
    }

    @Test
    void stressNgNeedsItsCompletionAndARealCount() {
        assertSays(spoilt("runsc", "fork", s -> s, s -> s.replaceAll("successful run completed", "unsuccessful run")),
                "completion line");
        assertSays(spoilt("runc", "syscall-null", s -> s, s -> s.replaceAll("(\\] null +)\\d+", "$10")), "not a positive number");
        Measurement sw = parse("runsc", "context-switch").get(1);
        assertEquals("ns", sw.unit());
        assertTrue(!sw.higherIsBetter());
    }

    @Test
    void hackbenchCountsEveryMessage() {
        CapturedOutput run = CapturedOutput.load("runc", "hackbench");
        double time = Double.parseDouble(run.stdout().replaceAll("(?s).*Time: ([0-9.]+).*", "$1"));
        // 4 groups x 5 senders x 5 receivers x 500 messages
        assertEquals(4 * 5 * 5 * 500 / time, parse("runc", "hackbench").get(0).value(), 1e-6);
        assertSays(spoilt("runc", "hackbench", s -> s.replaceAll("Time: .*", ""), s -> s), "hackbench's time");
    }

    @Test
    void fioNeedsEveryJobWithoutError() {
        assertSays(spoilt("runc", "fio-random", s -> s.replaceFirst("\"error\" : 0", "\"error\" : 5"), s -> s),
                "failed with error 5");
        assertSays(spoilt("runsc", "fio-sequential", s -> s.replace("\"jobname\" : \"write\"", "\"jobname\" : \"other\""),
                s -> s), "no fio job named write");
        assertSays(spoilt("runc", "fio-fsync", s -> s.substring(0, s.length() / 2), s -> s), "no complete JSON");
        List<Measurement> fsync = parse("runsc", "fio-fsync-volume");
        assertTrue(fsync.get(1).value() <= fsync.get(2).value() && fsync.get(2).value() <= fsync.get(3).value(),
                "percentiles in order: " + fsync);
    }

    @Test
    void iperf3CountsWhatTheReceiverGot() {
        assertSays(spoilt("runsc", "tcp-throughput", s -> s.replaceAll("(?m)receiver$", "sender"), s -> s),
                "the receiver's throughput");
        assertSays(spoilt("runc", "tcp-throughput", s -> s.replace("iperf Done.", ""), s -> s), "iperf3's end");
    }

    @Test
    void redisNeedsBothTests() {
        assertSays(spoilt("runc", "redis", s -> s.replaceAll("(?m)^\"GET\".*$", ""), s -> s), "no GET row");
        List<Measurement> ms = parse("runsc", "redis");
        assertEquals("us", ms.get(1).unit());
        assertNotEquals(ms.get(0).value(), ms.get(3).value());
    }

    @Test
    void wrkRefusesErrors() {
        assertSays(spoilt("runc", "http", s -> s.replace("Requests/sec:", "  Socket errors: connect 0, read 3, write 0, timeout 0\nRequests/sec:"),
                s -> s), "socket errors");
        assertSays(spoilt("runsc", "http", s -> s.replace("Requests/sec:", "  Non-2xx or 3xx responses: 12\nRequests/sec:"),
                s -> s), "other than 2xx");
        assertEquals(1000.0, new ToolOutput("t", "x", "").micros("l", "1.00", "ms"));
        assertEquals(2_000_000.0, new ToolOutput("t", "x", "").micros("l", "2", "s"));
    }
}
