package dev.rtbench.workloads;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of one run of an rtbench workload script (see {@code rtbench/lib.sh}): its
 * {@code rtbench-result} line, plus helpers to check the native output of the tools it ran.
 * Every check throws {@link WorkloadOutputException} quoting the whole output.
 */
final class ScriptOutput {

    static final String RESULT_PREFIX = "rtbench-result ";

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
    private static final Pattern COUNT = Pattern.compile("\\d{1,18}");
    /** busybox dd's summary, "FULL+PARTIAL records in|out". */
    private static final Pattern DD_RECORDS = Pattern.compile("^(\\d+)\\+(\\d+) records (in|out)$", Pattern.MULTILINE);

    private final String workload;
    private final String stdout;
    private final String stderr;
    private final Map<String, String> fields;

    private ScriptOutput(String workload, String stdout, String stderr, Map<String, String> fields) {
        this.workload = workload;
        this.stdout = stdout;
        this.stderr = stderr;
        this.fields = fields;
    }

    /** Finds the one result line of {@code workload} in stdout. */
    static ScriptOutput of(String workload, String stdout, String stderr) {
        String out = stdout == null ? "" : stdout;
        String err = stderr == null ? "" : stderr;
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\\R")) {
            if (line.startsWith(RESULT_PREFIX)) {
                lines.add(line);
            }
        }
        if (lines.size() != 1) {
            throw new WorkloadOutputException(workload, lines.isEmpty()
                    ? "no \"" + RESULT_PREFIX.strip() + "\" line, the script did not finish"
                    : lines.size() + " \"" + RESULT_PREFIX.strip() + "\" lines instead of one", out, err);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String token : lines.get(0).substring(RESULT_PREFIX.length()).strip().split("\\s+")) {
            int eq = token.indexOf('=');
            if (eq <= 0 || fields.put(token.substring(0, eq), token.substring(eq + 1)) != null) {
                throw new WorkloadOutputException(workload, "malformed result field \"" + token + "\"", out, err);
            }
        }
        ScriptOutput result = new ScriptOutput(workload, out, err, fields);
        if (!workload.equals(fields.get("workload"))) {
            throw result.reject("the result line is that of workload \"" + fields.get("workload") + "\"");
        }
        return result;
    }

    WorkloadOutputException reject(String problem) {
        return new WorkloadOutputException(workload, problem, stdout, stderr);
    }

    String stdout() {
        return stdout;
    }

    String stderr() {
        return stderr;
    }

    private String field(String key) {
        String value = fields.get(key);
        if (value == null) {
            throw reject("the result line has no " + key + "=");
        }
        return value;
    }

    /** A field holding a count or size, at least 1. */
    long positive(String key) {
        String value = field(key);
        if (!COUNT.matcher(value).matches() || Long.parseLong(value) < 1) {
            throw reject(key + "=" + value + " is not a positive integer");
        }
        return Long.parseLong(value);
    }

    /** A field that must equal {@code expected}, e.g. files the script counted against files it made. */
    void expect(String key, long expected) {
        String value = field(key);
        if (!value.equals(Long.toString(expected))) {
            throw reject(key + "=" + value + " but expected " + expected);
        }
    }

    /**
     * Seconds between the t0 and t1 stamps the script took around the workload. Decimal
     * arithmetic: epoch seconds with microseconds leave doubles too few digits to subtract.
     */
    double seconds() {
        String t0 = field("t0");
        String t1 = field("t1");
        if (!TIMESTAMP.matcher(t0).matches() || !TIMESTAMP.matcher(t1).matches()) {
            throw reject("timestamps t0=" + t0 + " t1=" + t1 + " are not epoch seconds");
        }
        BigDecimal elapsed = new BigDecimal(t1).subtract(new BigDecimal(t0));
        if (elapsed.signum() <= 0) {
            throw reject("the clock did not advance between t0=" + t0 + " and t1=" + t1);
        }
        return elapsed.doubleValue();
    }

    /** Checks stderr holds exactly the dd summaries given, in order, each as {in, out} full records. */
    void expectDd(long[]... inOut) {
        Matcher m = DD_RECORDS.matcher(stderr);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            seen.add(m.group(0));
        }
        List<String> wanted = new ArrayList<>();
        for (long[] pair : inOut) {
            wanted.add(pair[0] + "+0 records in");
            wanted.add(pair[1] + "+0 records out");
        }
        if (!seen.equals(wanted)) {
            throw reject("dd reported " + seen + " but a complete run reports " + wanted);
        }
    }

    /** Checks stdout holds a line matching {@code regex}. */
    void expectLine(String what, String regex) {
        if (!Pattern.compile("^" + regex + "$", Pattern.MULTILINE).matcher(stdout).find()) {
            throw reject("no " + what + " in stdout");
        }
    }
}
