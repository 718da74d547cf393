package dev.rtbench.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;

/**
 * Parsers of the standard tools' own output, each tested on output captured under runc and gVisor
 * ({@code src/test/resources/captured/<runtime>/<workload>.out|.err}). Latencies are separate
 * metrics, p50 and p99 (and p99.9 where the tool gives it), in microseconds, lower is better.
 */
final class ToolParsers {

    private ToolParsers() {
    }

    private static Measurement higher(String metric, double value, String unit) {
        return new Measurement(metric, value, unit, true);
    }

    private static Measurement lower(String metric, double value, String unit) {
        return new Measurement(metric, value, unit, false);
    }

    // --- sysbench

    static List<Measurement> sysbenchCpu(ToolOutput out, String workload) {
        out.find("sysbench's thread count", "^Number of threads: \\d+$");
        out.positive("total number of events", "^\\s+total number of events:\\s+(\\d+)$");
        return List.of(higher("events-rate", out.positive("events per second", "^\\s+events per second:\\s+([0-9.]+)$"),
                "events/s"));
    }

    static List<Measurement> sysbenchMemory(ToolOutput out, String workload) {
        out.find("sysbench's thread count", "^Number of threads: \\d+$");
        double rate = out.positive("memory bandwidth", "^[0-9.]+ MiB transferred \\(([0-9.]+) MiB/sec\\)$");
        return List.of(higher("bandwidth", rate, "MiB/s"));
    }

    // --- stress-ng: "stress-ng: metrc: [PID] NAME  OPS  REAL  USR  SYS  OPS/S(REAL)  OPS/S(USR+SYS)"

    static List<Measurement> stressNg(ToolOutput out, String workload) {
        out.find("stress-ng's completion line", "^stress-ng: info: +\\[\\d+\\] successful run completed");
        out.refuse("a skipped stressor", "stressor will be skipped|skipping the stressor");
        Matcher m = out.find("the stressor's metrics line",
                "^stress-ng: metrc: +\\[\\d+\\] (\\S+) +(\\d+) +([0-9.]+) +[0-9.]+ +[0-9.]+ +([0-9.]+) +[0-9.]+ *$");
        out.positiveValue("bogo ops", m.group(2));
        List<Measurement> ms = new ArrayList<>();
        ms.add(higher("ops-rate", out.positiveValue("bogo ops/s", m.group(4)), "ops/s"));
        if (m.group(1).equals("switch")) {
            ms.add(lower("switch-time", out.positive("time per context switch",
                    "^stress-ng: metrc: +\\[\\d+\\] switch +([0-9.]+) nanosecs per context switch"), "ns"));
        }
        return List.copyOf(ms);
    }

    // --- hackbench

    static List<Measurement> hackbench(ToolOutput out, String workload) {
        // interrupted, hackbench still prints a Time: line, for the part it ran (seen under gVisor)
        out.refuse("an interrupted run", "^Signal \\d+ caught|^signaling \\d+ worker threads to terminate");
        Matcher mode = out.find("hackbench's set-up line",
                "^Running in (?:process|threaded) mode with (\\d+) groups using (\\d+) file descriptors each");
        Matcher each = out.find("hackbench's message count", "^Each sender will pass (\\d+) messages of \\d+ bytes$");
        double seconds = out.positive("hackbench's time", "^Time: ([0-9.]+)$");
        long groups = Long.parseLong(mode.group(1));
        long perSide = Long.parseLong(mode.group(2)) / 2;
        // every sender of a group sends each message to every receiver of its group
        double messages = (double) groups * perSide * perSide * Long.parseLong(each.group(1));
        return List.of(higher("message-rate", messages / seconds, "msg/s"));
    }

    // --- fio (JSON): completion latencies in ns, bandwidth in KiB/s

    private static JsonNode fioJob(ToolOutput out, JsonNode root, String name) {
        for (JsonNode job : root.path("jobs")) {
            if (name.equals(job.path("jobname").asText())) {
                if (job.path("error").asInt(-1) != 0) {
                    throw out.reject("fio job " + name + " failed with error " + job.path("error"));
                }
                return job;
            }
        }
        throw out.reject("no fio job named " + name + " in the JSON");
    }

    private static void latencies(ToolOutput out, List<Measurement> ms, String prefix, JsonNode lat) {
        JsonNode p = lat.path("percentile");
        for (Map.Entry<String, String> q : Map.of("50.000000", "p50", "99.000000", "p99", "99.900000", "p99.9")
                .entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            double ns = out.number(p, q.getKey());
            ms.add(lower(prefix + "-" + q.getValue(), ns / 1e3, "us"));
        }
    }

    static List<Measurement> fioRandom(ToolOutput out, String workload) {
        JsonNode root = out.json();
        JsonNode read = fioJob(out, root, "randread").path("read");
        JsonNode write = fioJob(out, root, "randwrite").path("write");
        List<Measurement> ms = new ArrayList<>();
        ms.add(higher("read-iops", out.positiveValue("random read IOPS", Double.toString(out.number(read, "iops"))), "IOPS"));
        latencies(out, ms, "read", read.path("clat_ns"));
        ms.add(higher("write-iops", out.positiveValue("random write IOPS", Double.toString(out.number(write, "iops"))), "IOPS"));
        latencies(out, ms, "write", write.path("clat_ns"));
        return List.copyOf(ms);
    }

    static List<Measurement> fioSequential(ToolOutput out, String workload) {
        JsonNode root = out.json();
        double read = out.number(fioJob(out, root, "read").path("read"), "bw");
        double write = out.number(fioJob(out, root, "write").path("write"), "bw");
        return List.of(higher("read-bandwidth", out.positiveValue("read bandwidth", Double.toString(read)) / 1024, "MiB/s"),
                higher("write-bandwidth", out.positiveValue("write bandwidth", Double.toString(write)) / 1024, "MiB/s"));
    }

    static List<Measurement> fioFsync(ToolOutput out, String workload) {
        JsonNode job = fioJob(out, out.json(), "fsync");
        double rate = out.positiveValue("write-and-fsync rate", Double.toString(out.number(job.path("write"), "iops")));
        if (out.number(job.path("sync"), "total_ios") < 1) {
            throw out.reject("fio made no fsync calls");
        }
        List<Measurement> ms = new ArrayList<>();
        ms.add(higher("fsync-rate", rate, "writes/s"));
        latencies(out, ms, "fsync", job.path("sync").path("lat_ns"));
        return List.copyOf(ms);
    }

    // --- iperf3 (text, -f m): the receiver's total proves the data arrived

    static List<Measurement> iperf3(ToolOutput out, String workload) {
        out.find("iperf3's end", "^iperf Done\\.$");
        double mbits = out.positive("the receiver's throughput",
                "^\\[ *\\d+\\] +0\\.00-[0-9.]+ +sec +[0-9.]+ \\w?Bytes +([0-9.]+) Mbits/sec +receiver$");
        return List.of(higher("throughput", mbits, "Mbit/s"));
    }

    // --- redis-benchmark --csv: "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"

    static List<Measurement> redis(ToolOutput out, String workload) {
        out.find("redis-benchmark's CSV header", "^\"test\",\"rps\",\"avg_latency_ms\",\"min_latency_ms\",\"p50_latency_ms\","
                + "\"p95_latency_ms\",\"p99_latency_ms\",\"max_latency_ms\"$");
        List<Measurement> ms = new ArrayList<>();
        for (String test : List.of("SET", "GET")) {
            Matcher row = out.find(test + " row", "^\"" + test + "\",\"([0-9.]+)\",\"[0-9.]+\",\"[0-9.]+\",\"([0-9.]+)\","
                    + "\"[0-9.]+\",\"([0-9.]+)\",\"[0-9.]+\"$");
            String t = test.toLowerCase(Locale.ROOT);
            ms.add(higher(t + "-rate", out.positiveValue(test + " requests/s", row.group(1)), "req/s"));
            ms.add(lower(t + "-p50", out.micros(test + " p50", row.group(2), "ms"), "us"));
            ms.add(lower(t + "-p99", out.micros(test + " p99", row.group(3), "ms"), "us"));
        }
        return List.copyOf(ms);
    }

    // --- wrk --latency

    static List<Measurement> wrk(ToolOutput out, String workload) {
        out.refuse("socket errors", "^\\s*Socket errors:");
        out.refuse("responses other than 2xx or 3xx", "^\\s*Non-2xx or 3xx responses:");
        double rate = out.positive("wrk's requests/s", "^Requests/sec:\\s+([0-9.]+)$");
        List<Measurement> ms = new ArrayList<>();
        ms.add(higher("request-rate", rate, "req/s"));
        for (String q : List.of("50", "99")) {
            List<MatchResult> found = out.findAll("^\\s+" + q + "%\\s+([0-9.]+)(us|ms|s)$");
            if (found.size() != 1) {
                throw out.reject("no single " + q + "% line in wrk's latency distribution");
            }
            ms.add(lower("p" + q, out.micros("the " + q + "% latency", found.get(0).group(1), found.get(0).group(2)), "us"));
        }
        return List.copyOf(ms);
    }
}
