package dev.rtbench.workloads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The native output of a standard tool (sysbench, fio, wrk, ...), stdout and stderr together,
 * with helpers that find its figures or reject it. Every failure throws
 * {@link WorkloadOutputException} quoting the whole output.
 */
final class ToolOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String workload;
    private final String stdout;
    private final String stderr;

    ToolOutput(String workload, String stdout, String stderr) {
        this.workload = workload;
        this.stdout = stdout == null ? "" : stdout;
        this.stderr = stderr == null ? "" : stderr;
        if (this.stdout.isBlank() && this.stderr.isBlank()) {
            throw reject("the tool printed nothing");
        }
    }

    WorkloadOutputException reject(String problem) {
        return new WorkloadOutputException(workload, problem, stdout, stderr);
    }

    /** Both streams, stdout first: tools disagree on where their report goes (stress-ng: stderr). */
    String text() {
        return stdout + "\n" + stderr;
    }

    /** The groups of the first match of {@code regex} (multi-line mode) in either stream. */
    Matcher find(String what, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text());
        if (!m.find()) {
            throw reject("no " + what + " in the output");
        }
        return m;
    }

    /** Every match of {@code regex} in either stream. */
    List<MatchResult> findAll(String regex) {
        return Pattern.compile(regex, Pattern.MULTILINE).matcher(text()).results().toList();
    }

    /** Group 1 of {@code regex} as a positive finite number. */
    double positive(String what, String regex) {
        return positiveValue(what, find(what, regex).group(1));
    }

    double positiveValue(String what, String number) {
        double v;
        try {
            v = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw reject(what + " \"" + number + "\" is not a number");
        }
        if (!(v > 0) || !Double.isFinite(v)) {
            throw reject(what + " is " + number + ", not a positive number: the tool did no work");
        }
        return v;
    }

    void refuse(String what, String regex) {
        if (Pattern.compile(regex, Pattern.MULTILINE).matcher(text()).find()) {
            throw reject("the output reports " + what);
        }
    }

    /** The JSON document in stdout, from its first line that starts with '{' (fio prints notes before it). */
    JsonNode json() {
        Matcher m = Pattern.compile("^\\{", Pattern.MULTILINE).matcher(stdout);
        if (!m.find()) {
            throw reject("no JSON document in stdout");
        }
        try {
            return JSON.readTree(stdout.substring(m.start()));
        } catch (JsonProcessingException e) {
            throw reject("stdout holds no complete JSON document: " + e.getOriginalMessage());
        }
    }

    /** A number at {@code path} (field names, slash-separated) below {@code node}. */
    double number(JsonNode node, String path) {
        JsonNode n = node;
        for (String field : path.split("/")) {
            n = n.path(field);
        }
        if (!n.isNumber()) {
            throw reject("no number at " + path + " in the JSON");
        }
        return n.asDouble();
    }

    /** Latency in {@code unit} (us, ms or s), as microseconds. */
    double micros(String what, String value, String unit) {
        double v = positiveValue(what, value);
        return switch (unit) {
            case "us" -> v;
            case "ms" -> v * 1e3;
            case "s" -> v * 1e6;
            default -> throw reject(what + " has unknown unit " + unit);
        };
    }
}
