package dev.rtbench.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadFileTest {

    private static final String GOOD = """
            {"workloads": [
              {"name": "gzip",
               "command": ["/bin/sh", "-c", "gzip -c /var/tmp/in > /dev/null; echo took 1.5 s"],
               "metrics": [
                 {"name": "time", "pattern": "took ([0-9.]+) s", "unit": "s", "direction": "lower"},
                 {"name": "rate", "pattern": "rate=(\\\\d+)", "unit": "MiB/s", "direction": "higher"}
               ],
               "image": "my/image:1",
               "setup": ["/bin/sh", "-c", "head -c 1000000 /dev/urandom > /var/tmp/in"],
               "timeoutSeconds": 60},
              {"name": "plain", "command": ["/bin/true"],
               "metrics": [{"name": "n", "pattern": "^n=(\\\\d+)$", "unit": "count", "direction": "higher"}]}
            ]}
            """;

    @Test
    void readsEveryField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, GOOD);
        List<Workload> ws = WorkloadFile.read(file);
        assertEquals(2, ws.size());
        Workload gzip = ws.get(0);
        assertEquals("gzip", gzip.name());
        assertEquals(WorkloadKind.EXECUTION, gzip.kind());
        assertEquals(List.of("/bin/sh", "-c", "gzip -c /var/tmp/in > /dev/null; echo took 1.5 s"), gzip.command());
        assertEquals(gzip.command(), gzip.command(0.05), "no sizes: scale changes nothing");
        assertEquals(Optional.of("my/image:1"), gzip.image());
        assertEquals(List.of("/bin/sh", "-c", "head -c 1000000 /dev/urandom > /var/tmp/in"), gzip.setup());
        assertEquals(60, gzip.timeoutSeconds());
        assertEquals("s", gzip.unit(), "the first metric's unit");
        assertEquals(List.of(new Measurement("time", 1.5, "s", false), new Measurement("rate", 42, "MiB/s", true)),
                gzip.parser().parse("took 1.5 s\n", "rate=42\n"));
        Workload plain = ws.get(1);
        assertEquals(Optional.empty(), plain.image());
        assertEquals(List.of(), plain.setup());
        assertEquals(0, plain.timeoutSeconds());
        assertEquals(List.of(new Measurement("n", 7, "count", true)), plain.parser().parse("x\nn=7\n", ""));
    }

    @Test
    void outputWithoutTheNumberIsRejected() {
        Workload plain = WorkloadFile.parse(GOOD, "mine.json").get(1);
        WorkloadOutputException e = assertThrows(WorkloadOutputException.class, () -> plain.parser().parse("n=\n", "oops"));
        assertTrue(e.getMessage().contains("metric n") && e.getMessage().contains("oops"), e.getMessage());
        Workload odd = WorkloadFile.parse("""
                {"workloads": [{"name": "w", "command": ["/bin/true"],
                  "metrics": [{"name": "x", "pattern": "x=(\\\\S+)", "unit": "s", "direction": "lower"}]}]}
                """, "f").get(0);
        WorkloadOutputException nan = assertThrows(WorkloadOutputException.class, () -> odd.parser().parse("x=abc", ""));
        assertTrue(nan.getMessage().contains("\"abc\", not a number"), nan.getMessage());
    }

    private static WorkloadFileException bad(String json) {
        return assertThrows(WorkloadFileException.class, () -> WorkloadFile.parse(json, "bad.json"));
    }

    /** Asserts the error points at the first {@code token} after {@code after} in {@code json}. */
    private static void assertAt(String json, String after, String token, String field, String says) {
        int i = json.indexOf(token, json.indexOf(after));
        assertTrue(i >= 0, token);
        String before = json.substring(0, i);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = i - (before.lastIndexOf('\n') + 1) + 1;
        assertAt(bad(json), line, column, field, says);
    }

    private static void assertAt(WorkloadFileException e, int line, int column, String field, String says) {
        assertEquals("bad.json", e.source());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.json:" + line + ":" + column + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }

    private static final String METRIC = "{\"name\": \"t\", \"pattern\": \"t=(\\\\d+)\", \"unit\": \"s\", \"direction\": \"lower\"}";

    @Test
    void aPatternThatBacktracksWithoutEndIsCutOffAtTheWorkloadsTimeout() {
        Workload w = WorkloadFile.parse("""
                {"workloads": [{"name": "slow", "command": ["true"], "timeoutSeconds": 1,
                  "metrics": [{"name": "n", "pattern": "(.*x){12}y", "unit": "n", "direction": "higher"}]}]}
                """, "slow.json").get(0);
        String line = "x".repeat(200);
        // unbounded, this match ran past 100 s; it must end near the workload's 1 s
        WorkloadOutputException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> assertThrows(WorkloadOutputException.class,
                        () -> w.parser().parse(line, "")));
        assertTrue(e.getMessage().contains("did not finish matching within 1 s"), e.getMessage());
    }

    @Test
    void aNameWithAnInvisibleCharacterIsRefused() {
        // U+202E (right-to-left override) once reached the console and report.md raw
        WorkloadFileException e = assertThrows(WorkloadFileException.class, () -> WorkloadFile.parse("""
                {"workloads": [{"name": "ab\u202Ecd", "command": ["true"],
                  "metrics": [{"name": "n", "pattern": "n=([0-9]+)", "unit": "n", "direction": "higher"}]}]}
                """, "bidi.json"));
        assertTrue(e.getMessage().contains("U+202E at position 3"), e.getMessage());
    }

    @Test
    void malformedJsonGivesItsPlace() {
        assertAt("{\"workloads\": [\n  {\"name\": \"a\",, }]}", "", ", }", "", "not valid JSON");
        WorkloadFileException empty = bad("");
        assertEquals(1, empty.line());
        assertTrue(empty.getMessage().contains("found the end of the file"), empty.getMessage());
    }

    @Test
    void theTopLevelMustHoldWorkloads() {
        assertAt("[]", "", "[", "", "expected an object");
        assertAt("{}", "", "{", "workloads", "missing");
        assertAt("{\"workload\": []}", "", "[", "workload", "unknown field");
        assertAt("{\"workloads\": {}}", ":", "{", "workloads", "expected an array of workloads, found an object");
        assertAt("{\"workloads\": []}", "", "[", "workloads", "empty");
    }

    @Test
    void eachMissingRequiredFieldIsNamed() {
        assertAt("{\"workloads\": [\n {\"command\": [\"/bin/true\"], \"metrics\": [" + METRIC + "]}]}", "\n", "{",
                "workloads[0].name", "missing");
        assertAt("{\"workloads\": [\n {\"name\": \"a\", \"metrics\": [" + METRIC + "]}]}", "\n", "{",
                "workloads[0].command", "missing");
        assertAt("{\"workloads\": [\n {\"name\": \"a\", \"command\": [\"/bin/true\"]}]}", "\n", "{",
                "workloads[0].metrics", "missing");
        assertAt("{\"workloads\": [{\"name\": \"a\", \"command\": [\"/bin/true\"], \"metrics\": [\n"
                + "  {\"name\": \"t\", \"unit\": \"s\", \"direction\": \"lower\"}]}]}", "\n", "{",
                "workloads[0].metrics[0].pattern", "missing");
    }

    @Test
    void wrongValuesAreNamedWhereTheyAre() {
        String head = "{\"workloads\": [{\"name\": \"a\", \"command\": [\"/bin/true\"], ";
        String metrics = "\"metrics\": [" + METRIC + "]";
        assertAt("{\"workloads\": [{\"name\": 5}]}", "", "5", "workloads[0].name", "expected a string, found a number");
        assertAt("{\"workloads\": [{\"name\": \"a b\"}]}", "", "\"a b\"", "workloads[0].name", "without spaces");
        assertAt("{\"workloads\": [{\"name\": \"a\", \"command\": []}]}", "", "[]", "workloads[0].command", "empty");
        assertAt("{\"workloads\": [{\"name\": \"a\", \"command\": \"/bin/true\"}]}", "", "\"/bin", "workloads[0].command",
                "expected an array of strings");
        assertAt("{\"workloads\": [{\"name\": \"a\", \"command\": [\"/bin/true\", 3]}]}", "", "3", "workloads[0].command[1]",
                "expected a string");
        assertAt(head + "\"metrics\": []}]}", "metrics", "[", "workloads[0].metrics", "empty");
        assertAt(head + metrics + ", \"timeoutSeconds\": 0}]}", "timeoutSeconds", "0", "workloads[0].timeoutSeconds",
                "whole number of seconds");
        assertAt(head + metrics + ", \"timeoutSeconds\": 1.5}]}", "timeoutSeconds", "1.5", "workloads[0].timeoutSeconds",
                "whole number of seconds");
        assertAt(head + metrics + ", \"image\": \"a b\"}]}", "image", "\"a b\"", "workloads[0].image", "not an image reference");
        assertAt(head + metrics + ", \"setup\": [1]}]}", "setup", "1", "workloads[0].setup[0]", "expected a string");
        assertAt(head + metrics + ", \"colour\": 1}]}", "colour", "1", "workloads[0].colour", "unknown field");
        assertAt(head + "\"name\": \"b\"}]}", "], ", "\"name\"", "workloads[0].name", "given twice");
    }

    @Test
    void badMetricsAreNamed() {
        String head = "{\"workloads\": [{\"name\": \"a\", \"command\": [\"/bin/true\"], \"metrics\": [\n";
        String m = "{\"name\": \"t\", \"unit\": \"s\", \"direction\": \"lower\", ";
        assertAt(head + m + "\"pattern\": \"t=(\"}]}]}", "pattern", "\"t=(", "workloads[0].metrics[0].pattern",
                "not a Java regular expression");
        assertAt(head + m + "\"pattern\": \"t=\\\\d+\"}]}]}", "pattern", "\"t=", "workloads[0].metrics[0].pattern",
                "has no group");
        assertAt(head + "{\"name\": \"t\", \"unit\": \"s\", \"pattern\": \"(1)\", \"direction\": \"up\"}]}]}", "direction",
                "\"up\"", "workloads[0].metrics[0].direction", "must be \"lower\" or \"higher\"");
        assertAt(head + METRIC + ",\n" + METRIC + "]}]}", ",\n", "{", "workloads[0].metrics[1].name", "a second metric");
        assertAt(head + "{\"name\": \"t\", \"unit\": \" \", \"pattern\": \"(1)\", \"direction\": \"lower\"}]}]}", "unit",
                "\" \"", "workloads[0].metrics[0].unit", "must not be blank");
        assertAt(head + "{\"name\": \"t\", \"unit\": \"s\", \"pattern\": \"(1)\", \"direction\": \"lower\", \"scale\": 2}]}]}",
                "scale", "2", "workloads[0].metrics[0].scale", "unknown field");
    }

    @Test
    void namesMustBeNewAndUnique() {
        String one = "{\"name\": \"a\", \"command\": [\"/bin/true\"], \"metrics\": [" + METRIC + "]}";
        assertAt("{\"workloads\": [" + one + ",\n " + one + "]}", "\n", "{", "workloads[1].name", "a second workload");
        assertAt("{\"workloads\": [" + one.replace("\"a\"", "\"syscall\"") + "]}", "[", "{", "workloads[0].name",
                "built-in workload");
    }

    @Test
    void trailingContentIsRefused() {
        String one = "{\"name\": \"a\", \"command\": [\"/bin/true\"], \"metrics\": [" + METRIC + "]}";
        assertAt("{\"workloads\": [" + one + "]}\n{}", "\n", "{", "", "after the document's end");
    }
}
