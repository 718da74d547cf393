package dev.rtbench.harness.daemonjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonConfigEditTest {

    private static final RuntimeEntry KATA = RuntimeEntry.ofType("io.containerd.kata.v2", Map.of());
    private static final RuntimeEntry CRUN = RuntimeEntry.ofPath("/usr/bin/crun", null);

    @Test
    void addingARuntimeChangesOnlyTheRuntimesObject() {
        String before = Fixtures.text("production.json");
        DaemonConfig after = Fixtures.config("production.json").withRuntime("kata", KATA);
        String text = after.text();
        // Everything before the closing brace of the last runsc entry and after it is untouched.
        int insertAt = before.indexOf("      ]\n    }") + "      ]\n    }".length();
        assertEquals(before.substring(0, insertAt), text.substring(0, insertAt));
        assertTrue(text.endsWith(before.substring(insertAt)));
        assertEquals(",\n    \"kata\": {\n      \"runtimeType\": \"io.containerd.kata.v2\"\n    }",
                text.substring(insertAt, text.length() - (before.length() - insertAt)));

        JsonNode expected = Fixtures.tree(before);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected.get("runtimes"))
                .set("kata", Fixtures.tree("{\"runtimeType\": \"io.containerd.kata.v2\"}"));
        assertEquals(expected, Fixtures.tree(text));
        assertEquals(List.of("runsc", "kata"), List.copyOf(after.runtimes().keySet()));
    }

    @Test
    void replacingAnEntryKeepsItsPlaceAndTheRestByteForByte() {
        String before = Fixtures.text("production.json");
        RuntimeEntry systrap = RuntimeEntry.ofPath("/usr/local/bin/runsc", List.of("--network=none", "--platform=systrap"));
        String text = Fixtures.config("production.json").withRuntime("runsc", systrap).text();
        int start = before.indexOf("\"runsc\": ") + "\"runsc\": ".length();
        int end = before.indexOf("    }\n  },") + "    }".length();
        assertEquals(before.substring(0, start), text.substring(0, start));
        assertTrue(text.endsWith(before.substring(end)));
        assertEquals("{\n      \"path\": \"/usr/local/bin/runsc\",\n      \"runtimeArgs\": [\n"
                + "        \"--network=none\",\n        \"--platform=systrap\"\n      ]\n    }",
                text.substring(start, text.length() - (before.length() - end)));
    }

    @Test
    void anEqualEntryLeavesTheSameInstance() {
        DaemonConfig c = Fixtures.config("production.json");
        assertSame(c, c.withRuntime("runsc", RuntimeEntry.ofPath("/usr/bin/runsc", List.of("--network=none"))));
        assertSame(c, c.withoutRuntime("not-there"));
        assertSame(c, c.withDefaultRuntime(null));
    }

    @Test
    void followsTheFilesIndentationAsRunscInstallWritesIt() {
        String text = Fixtures.config("runsc-install.json").withRuntime("crun", CRUN).text();
        assertEquals("{\n    \"runtimes\": {\n        \"runsc\": {\n            \"path\": \"/usr/local/bin/runsc\"\n"
                + "        },\n        \"crun\": {\n            \"path\": \"/usr/bin/crun\"\n        }\n    }\n}\n", text);
    }

    @Test
    void keepsCrlfAndTabsWhenAddingRuntimesAndDefault() {
        String before = Fixtures.text("crlf.json");
        assertTrue(before.contains("\r\n"), "fixture must have CRLF line endings");
        String text = Fixtures.config("crlf.json").withRuntime("crun", CRUN).withDefaultRuntime("crun").text();
        assertEquals("{\r\n\t\"log-level\": \"warn\",\r\n\t\"experimental\": false,\r\n\t\"runtimes\": {\r\n"
                + "\t\t\"crun\": {\r\n\t\t\t\"path\": \"/usr/bin/crun\"\r\n\t\t}\r\n\t},\r\n"
                + "\t\"default-runtime\": \"crun\"\r\n}\r\n", text);
        assertTrue(text.replace("\r\n", "").indexOf('\n') < 0, "no bare LF in a CRLF file");
    }

    @Test
    void compactFilesStayCompact() {
        String text = Fixtures.config("compact.json").withRuntime("runsc", RuntimeEntry.ofPath("runsc", List.of("--network=none")))
                .withDefaultRuntime("runsc").text();
        assertEquals("{\"data-root\":\"/srv/docker\",\"runtimes\":{\"crun\":{\"path\":\"/usr/bin/crun\"},"
                + "\"runsc\":{\"path\":\"runsc\", \"runtimeArgs\":[\"--network=none\"]}},\"default-runtime\":\"runsc\"}", text);
        Fixtures.tree(text);
    }

    @Test
    void emptyFileAndEmptyObjectGetAFreshDocument() {
        String expected = "{\n  \"runtimes\": {\n    \"runsc\": {\n      \"path\": \"/usr/bin/runsc\",\n"
                + "      \"runtimeArgs\": [\n        \"--network=none\"\n      ]\n    }\n  }\n}";
        RuntimeEntry runsc = RuntimeEntry.ofPath("/usr/bin/runsc", List.of("--network=none"));
        assertEquals(expected + "\n", Fixtures.config("empty.json").withRuntime("runsc", runsc).text());
        assertEquals(expected + "\n", DaemonConfig.empty().withRuntime("runsc", runsc).text());
        assertEquals(expected + "\n", Fixtures.config("braces.json").withRuntime("runsc", runsc).text());
    }

    @Test
    void runtimeTypeEntryWithOptionsRendersNestedObjects() {
        RuntimeEntry kata = RuntimeEntry.ofType("io.containerd.kata.v2", Map.of("ConfigPath", "/etc/kata/c.toml"));
        DaemonConfig c = DaemonConfig.empty().withRuntime("kata", kata);
        assertEquals("{\n  \"runtimes\": {\n    \"kata\": {\n      \"runtimeType\": \"io.containerd.kata.v2\",\n"
                + "      \"options\": {\n        \"ConfigPath\": \"/etc/kata/c.toml\"\n      }\n    }\n  }\n}\n", c.text());
        assertEquals(kata, DaemonConfig.parse(c.text(), "t").runtimes().get("kata"));
    }

    @Test
    void removingRuntimesLeavesNeighboursAndMayLeaveAnEmptyObject() {
        DaemonConfig c = Fixtures.config("production.json").withRuntime("kata", KATA).withRuntime("crun", CRUN);
        DaemonConfig withoutMiddle = c.withoutRuntime("kata");
        assertEquals(List.of("runsc", "crun"), List.copyOf(withoutMiddle.runtimes().keySet()));
        DaemonConfig withoutFirst = c.withoutRuntime("runsc");
        assertEquals(List.of("kata", "crun"), List.copyOf(withoutFirst.runtimes().keySet()));
        Fixtures.tree(withoutFirst.text());
        // Adding then removing gives back the original bytes.
        assertEquals(Fixtures.text("production.json"), c.withoutRuntime("crun").withoutRuntime("kata").text());

        String none = Fixtures.config("production.json").withoutRuntime("runsc").text();
        assertTrue(none.contains("\"runtimes\": {},\n  \"live-restore\": true"), none);
        assertEquals(Fixtures.tree(Fixtures.text("production.json").replaceAll("(?s)\"runtimes\": \\{.*?\n  \\},", "\"runtimes\": {},")),
                Fixtures.tree(none));
    }

    @Test
    void defaultRuntimeIsSetReplacedAndRemoved() {
        DaemonConfig kata = Fixtures.config("kata-runtime-type.json");
        DaemonConfig set = kata.withDefaultRuntime("kata");
        assertEquals(Optional.of("kata"), set.defaultRuntime());
        assertEquals(Fixtures.text("kata-runtime-type.json").replace("\"default-runtime\": \"runc\"", "\"default-runtime\": \"kata\""),
                set.text());
        DaemonConfig removed = set.withDefaultRuntime(null);
        assertEquals(Optional.empty(), removed.defaultRuntime());
        assertEquals(Fixtures.text("kata-runtime-type.json").replace("  \"default-runtime\": \"runc\",\n", ""), removed.text());

        DaemonConfig added = Fixtures.config("production.json").withDefaultRuntime("runsc");
        assertTrue(added.text().endsWith("  \"live-restore\": true,\n  \"default-runtime\": \"runsc\"\n}\n"), added.text());
    }

    @Test
    void runtimesNullIsReplacedByAnObject() {
        DaemonConfig c = DaemonConfig.parse("{\n  \"runtimes\": null\n}\n", "t").withRuntime("crun", CRUN);
        assertEquals("{\n  \"runtimes\": {\n    \"crun\": {\n      \"path\": \"/usr/bin/crun\"\n    }\n  }\n}\n", c.text());
    }

    @Test
    void valuesAreEscaped() {
        // Names and path runtimes' words are restricted (RuntimeInput); option values are free text.
        RuntimeEntry odd = RuntimeEntry.ofType("io.containerd.kata.v2", Map.of("ConfigPath", "/opt/a b/\\x \"y\"\n"));
        DaemonConfig c = DaemonConfig.empty().withRuntime("we.ird_1", odd);
        assertEquals(odd, DaemonConfig.parse(c.text(), "t").runtimes().get("we.ird_1"));
    }

    @Test
    void namesAndWordsDockerWouldTurnIntoFilesAndShellScriptsAreRefused() {
        DaemonConfig c = Fixtures.config("production.json");
        for (String name : List.of("we\"ird", "a b", "../x", "-x", "..", "r".repeat(65))) {
            DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> c.withRuntime(name, CRUN));
            assertTrue(e.getMessage().contains("runtime name"), e.getMessage());
        }
        for (String arg : List.of("--x=\"y\"", "--a b", "--a;reboot", "$(id)", "`id`", "--a|b", "--a&", "--a\tb", "")) {
            assertThrows(DaemonConfigException.class,
                    () -> c.withRuntime("ok", RuntimeEntry.ofPath("/usr/bin/runsc", List.of(arg))), arg);
        }
        assertThrows(DaemonConfigException.class,
                () -> c.withRuntime("ok", RuntimeEntry.ofPath("/opt/a b/runsc", List.of("--network=none"))));
        // Flags runsc really takes pass, and a path with a space is fine when Docker writes no script.
        c.withRuntime("ok", RuntimeEntry.ofPath("/usr/bin/runsc", List.of("--network=none", "--debug-log=/tmp/runsc/%ID%/",
                "--overlay2=root:memory", "--debug", "-v")));
        c.withRuntime("ok", RuntimeEntry.ofPath("/opt/a b/runsc", null));
    }

    @Test
    void withRuntimeFieldsSetsManagedFieldsAndKeepsTheRest() {
        String before = "{\n  \"runtimes\": {\n    \"gv\": {\"x-note\": [1, 2], \"path\": \"/usr/bin/runsc\","
                + " \"runtimeArgs\": [\"--network=none\"]}\n  }\n}\n";
        DaemonConfig c = DaemonConfig.parse(before, "t");
        String moved = c.withRuntimeFields("gv", RuntimeEntry.ofPath("/opt/runsc", List.of("--network=none"))).text();
        assertEquals(before.replace("/usr/bin/runsc", "/opt/runsc"), moved);
        String noArgs = c.withRuntimeFields("gv", RuntimeEntry.ofPath("/usr/bin/runsc", null)).text();
        assertEquals("{\n  \"runtimes\": {\n    \"gv\": {\"x-note\": [1, 2], \"path\": \"/usr/bin/runsc\"}\n  }\n}\n", noArgs);
        DaemonConfig shim = c.withRuntimeFields("gv", RuntimeEntry.ofType("io.containerd.runsc.v1", null));
        assertEquals(RuntimeEntry.ofType("io.containerd.runsc.v1", null), shim.runtimes().get("gv"));
        assertTrue(shim.text().contains("\"x-note\": [1, 2]"), shim.text());
        assertSame(c, c.withRuntimeFields("gv", RuntimeEntry.ofPath("/usr/bin/runsc", List.of("--network=none"))));
        assertEquals(c.withRuntime("new", CRUN), c.withRuntimeFields("new", CRUN));
    }

    /** Value ends come from Jackson's token locations: every kind of scalar, spaces before the comma included. */
    @Test
    void editsNextToEveryKindOfValueKeepItByteForByte() {
        for (String v : List.of("1", "-0.5", "1e5", "12.5E-3", "true", "false", "null", "\"a\\\"b\\\\\"", "\"\"",
                "[1, [2]]", "{\"x\": {}}", "7 ", "true\t")) {
            String before = "{\"default-runtime\": \"crun\", \"a\": " + v + "}";
            DaemonConfig c = DaemonConfig.parse(before, "t");
            assertEquals("{\"default-runtime\": \"crun\", \"a\": " + v.strip() + ", \"runtimes\": {\"crun\": {\"path\": "
                    + "\"/usr/bin/crun\"}}" + v.substring(v.strip().length()) + "}", c.withRuntime("crun", CRUN).text(), v);
            assertEquals("{\"a\": " + v + "}", c.withDefaultRuntime(null).text(), v);
            String spaced = "{\"a\": " + v + " , \"default-runtime\": \"crun\"}";
            assertEquals("{\"a\": " + v.strip() + "}", DaemonConfig.parse(spaced, "t").withDefaultRuntime(null).text(), v);
        }
    }
}
