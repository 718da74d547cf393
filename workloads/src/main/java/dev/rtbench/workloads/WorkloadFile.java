package dev.rtbench.workloads;

import dev.rtbench.harness.io.JsonTokens;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.rtbench.harness.io.UserFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * (Over 300 lines: a streaming reader that checks every field where it stands, so that each error names the
 * field's path with its line and column, which a bind to records could not.)
 *
 * <p>The user's own workloads, read from a JSON file:
 * <pre>
 * {"workloads": [
 *   {"name": "grep-corpus",
 *    "command": ["/bin/sh", "-c", "..."],
 *    "metrics": [{"name": "time", "pattern": "took ([0-9.]+) s", "unit": "s", "direction": "lower"}],
 *    "image": "my/image:1",            (optional; default: the workload image)
 *    "setup": ["/bin/sh", "-c", "..."], (optional; exec'd untimed before each timed run)
 *    "timeoutSeconds": 60}             (optional; default: the harness's)
 * ]}
 * </pre>
 * Each metric's {@code pattern} is a Java regular expression searched in the command's stdout,
 * then its stderr; its first group is the number. Every workload becomes an
 * {@link WorkloadKind#EXECUTION} workload with no sizes (scale does not change it) whose headline
 * unit is its first metric's. Anything wrong throws {@link WorkloadFileException} with the line,
 * column and field at fault; unknown fields are errors, so a misspelt optional field is not
 * silently ignored.
 */
public final class WorkloadFile {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final String source;
    private final JsonParser p;

    private WorkloadFile(String source, JsonParser parser) {
        this.source = source;
        this.p = parser;
    }

    /** Reads the workloads of {@code file}. */
    public static List<Workload> read(Path file) {
        Objects.requireNonNull(file, "workload file was not specified");
        // a workload file is a page of JSON: a megabyte is far past any, and well short of a file named by mistake
        return parse(UserFile.read(file, "a workload file (JSON)", 1 << 20), file.toString());
    }

    /** Reads workloads from {@code json}; {@code source} names it in messages. */
    public static List<Workload> parse(String json, String source) {
        Objects.requireNonNull(json, "workload file text was not specified");
        Objects.requireNonNull(source, "workload file name was not specified");
        try (JsonParser parser = JSON.createParser(json)) {
            WorkloadFile reader = new WorkloadFile(source, parser);
            return reader.document();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new WorkloadFileException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "",
                    "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WorkloadFileException error(String field, String problem) {
        JsonLocation at = p.currentTokenLocation();
        return new WorkloadFileException(source, at.getLineNr(), at.getColumnNr(), field, problem, null);
    }

    private WorkloadFileException error(JsonLocation at, String field, String problem) {
        return new WorkloadFileException(source, at.getLineNr(), at.getColumnNr(), field, problem, null);
    }

    private void expect(JsonToken token, String field, String what) throws IOException {
        if (p.currentToken() != token) {
            throw error(field, "expected " + what + ", found " + JsonTokens.describe(p.currentToken()));
        }
    }

    private List<Workload> document() throws IOException {
        p.nextToken();
        expect(JsonToken.START_OBJECT, "", "an object with a \"workloads\" array");
        JsonLocation start = p.currentTokenLocation();
        List<Workload> workloads = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (!name.equals("workloads")) {
                throw error(name, "unknown field: the file has only \"workloads\"");
            }
            workloads = workloads();
        }
        if (workloads == null) {
            throw error(start, "workloads", "missing: the file must have a \"workloads\" array");
        }
        if (p.nextToken() != null) {
            throw error("", "unexpected content after the document's end");
        }
        return workloads;
    }

    private List<Workload> workloads() throws IOException {
        return namedObjects("workloads", "workload", this::workload, Workload::name, (w, f, at) -> {
            if (Workloads.isBuiltIn(w.name())) {
                throw error(at, f + ".name", "\"" + w.name() + "\" is a built-in workload's name: choose another");
            }
        });
    }

    /** Reads one element of an array, given its path. */
    private interface ElementReader<T> {
        T read(String field) throws IOException;
    }

    /** A further check of one element, given its path and where it starts. */
    private interface ElementCheck<T> {
        void check(T element, String field, JsonLocation at);
    }

    /**
     * A non-empty array at {@code field} of objects with a {@code name} each, no two alike, e.g. the workloads
     * or a workload's metrics.
     */
    private <T> List<T> namedObjects(String field, String what, ElementReader<T> reader,
            Function<T, String> nameOf, ElementCheck<T> check) throws IOException {
        expect(JsonToken.START_ARRAY, field, "an array of " + what + "s");
        JsonLocation open = p.currentTokenLocation();
        List<T> all = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String f = field + "[" + all.size() + "]";
            JsonLocation at = p.currentTokenLocation();
            T element = reader.read(f);
            if (!names.add(nameOf.apply(element))) {
                throw error(at, f + ".name", "a second " + what + " named \"" + nameOf.apply(element) + "\"");
            }
            check.check(element, f, at);
            all.add(element);
        }
        if (all.isEmpty()) {
            throw error(open, field, "the array is empty: give at least one " + what);
        }
        return List.copyOf(all);
    }

    private Workload workload(String field) throws IOException {
        expect(JsonToken.START_OBJECT, field, "a workload object");
        JsonLocation start = p.currentTokenLocation();
        String name = null;
        JsonLocation nameAt = null;
        List<String> command = null;
        List<MetricSpec> metrics = null;
        Optional<String> image = Optional.empty();
        List<String> setup = List.of();
        int timeout = 0;
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String f = enterField(field, key, seen);
            switch (key) {
                case "name" -> {
                    nameAt = p.currentTokenLocation();
                    name = string(f);
                    if (name.isBlank() || !name.equals(name.strip()) || name.contains(",") || name.contains(" ")) {
                        throw error(f, "must be non-blank, without spaces or commas: \"" + name + "\"");
                    }
                }
                case "command" -> command = strings(f, false);
                case "metrics" -> metrics = metrics(f);
                case "image" -> {
                    String ref = string(f);
                    if (ref.isBlank() || ref.chars().anyMatch(c -> c <= ' ')) {
                        throw error(f, "not an image reference: \"" + ref + "\"");
                    }
                    image = Optional.of(ref);
                }
                case "setup" -> setup = strings(f, false);
                case "timeoutSeconds" -> {
                    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 1 || p.getLongValue() > 86_400) {
                        throw error(f, "must be a whole number of seconds from 1 to 86400, found " + p.getText());
                    }
                    timeout = p.getIntValue();
                }
                default -> throw error(f, "unknown field: a workload has name, command, metrics, image, setup and "
                        + "timeoutSeconds");
            }
        }
        for (Map.Entry<String, Object> required : requiredOf(name, command, metrics).entrySet()) {
            if (required.getValue() == null) {
                throw error(start, field + "." + required.getKey(), "missing: every workload needs name, command and metrics");
            }
        }
        List<MetricSpec> specs = metrics;
        String workloadName = name;
        // the patterns are bounded as the command is: by the workload's timeout, or a minute
        Duration matchLimit = Duration.ofSeconds(timeout > 0 ? timeout : 60);
        OutputParser parser = (stdout, stderr) -> measure(workloadName, specs, stdout, stderr, matchLimit);
        try {
            return new Workload(name, WorkloadKind.EXECUTION, "the user's workload \"" + name + "\": "
                    + String.join(" ", command), command, Map.of(), metrics.get(0).unit(), parser, setup, List.of(),
                    Optional.empty(), List.of(), image, timeout);
        } catch (IllegalArgumentException e) {
            throw error(nameAt, field, e.getMessage());
        }
    }

    private static Map<String, Object> requiredOf(String name, List<String> command, List<MetricSpec> metrics) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("command", command);
        m.put("metrics", metrics);
        return m;
    }

    /**
     * The path of the field at hand, e.g. {@code workloads[0].metrics[1].pattern}, once it is known to be given
     * once; the parser is moved to the field's value.
     */
    private String enterField(String parent, String key, Set<String> seen) throws IOException {
        String f = parent + "." + key;
        if (!seen.add(key)) {
            throw error(f, "given twice");
        }
        p.nextToken();
        return f;
    }

    private String string(String field) throws IOException {
        expect(JsonToken.VALUE_STRING, field, "a string");
        return p.getText();
    }

    private List<String> strings(String field, boolean mayBeEmpty) throws IOException {
        expect(JsonToken.START_ARRAY, field, "an array of strings (the program and its arguments)");
        JsonLocation open = p.currentTokenLocation();
        List<String> list = new ArrayList<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(string(field + "[" + i++ + "]"));
        }
        if (list.isEmpty() && !mayBeEmpty) {
            throw error(open, field, "the array is empty: give the program to run and its arguments");
        }
        return List.copyOf(list);
    }

    /** One metric as the file declares it. */
    record MetricSpec(String name, Pattern pattern, String unit, boolean higherIsBetter) {
    }

    private List<MetricSpec> metrics(String field) throws IOException {
        return namedObjects(field, "metric", this::metric, MetricSpec::name, (m, f, at) -> { });
    }

    private MetricSpec metric(String field) throws IOException {
        expect(JsonToken.START_OBJECT, field, "a metric object");
        JsonLocation start = p.currentTokenLocation();
        String name = null;
        Pattern pattern = null;
        String unit = null;
        Boolean higher = null;
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String f = enterField(field, key, seen);
            switch (key) {
                case "name" -> {
                    name = string(f);
                    if (name.isBlank()) {
                        throw error(f, "must not be blank");
                    }
                }
                case "pattern" -> {
                    String regex = string(f);
                    try {
                        pattern = Pattern.compile(regex, Pattern.MULTILINE);
                    } catch (PatternSyntaxException e) {
                        throw error(f, "not a Java regular expression: " + e.getDescription() + " near index " + e.getIndex());
                    }
                    if (pattern.matcher("").groupCount() < 1) {
                        throw error(f, "has no group: its first group (...) must capture the number");
                    }
                }
                case "unit" -> {
                    unit = string(f);
                    if (unit.isBlank()) {
                        throw error(f, "must not be blank, e.g. \"ms\" or \"MiB/s\"");
                    }
                }
                case "direction" -> {
                    String d = string(f);
                    higher = switch (d) {
                        case "higher" -> true;
                        case "lower" -> false;
                        default -> throw error(f, "must be \"lower\" or \"higher\" (which value is better), found \"" + d + "\"");
                    };
                }
                default -> throw error(f, "unknown field: a metric has name, pattern, unit and direction");
            }
        }
        String[] required = {"name", "pattern", "unit", "direction"};
        Object[] values = {name, pattern, unit, higher};
        for (int i = 0; i < required.length; i++) {
            if (values[i] == null) {
                throw error(start, field + "." + required[i], "missing: every metric needs name, pattern, unit and direction");
            }
        }
        return new MetricSpec(name, pattern, unit, higher);
    }

    static List<Measurement> measure(String workload, List<MetricSpec> specs, String stdout, String stderr,
            Duration limit) {
        String out = stdout == null ? "" : stdout;
        String err = stderr == null ? "" : stderr;
        long deadline = System.nanoTime() + limit.toNanos();
        List<Measurement> ms = new ArrayList<>();
        for (MetricSpec spec : specs) {
            String number;
            try {
                Matcher m = spec.pattern().matcher(new BoundedText(out, deadline));
                if (!m.find()) {
                    m = spec.pattern().matcher(new BoundedText(err, deadline));
                    if (!m.find()) {
                        throw new WorkloadOutputException(workload, "metric " + spec.name() + ": pattern /"
                                + spec.pattern() + "/ matches neither stdout nor stderr", out, err);
                    }
                }
                number = m.group(1);
            } catch (BoundedText.TooLong e) {
                throw new WorkloadOutputException(workload, "metric " + spec.name() + ": pattern /" + spec.pattern()
                        + "/ did not finish matching within " + limit.toSeconds() + " s (the workload's timeout): it"
                        + " backtracks without end over this output; make it simpler (no nested repetition such as"
                        + " (.*x){12})", out, err);
            }
            double value;
            try {
                value = Double.parseDouble(number == null ? "" : number.strip());
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!Double.isFinite(value)) {
                throw new WorkloadOutputException(workload, "metric " + spec.name() + ": the first group caught \""
                        + number + "\", not a number", out, err);
            }
            ms.add(new Measurement(spec.name(), value, spec.unit(), spec.higherIsBetter()));
        }
        return List.copyOf(ms);
    }
}
