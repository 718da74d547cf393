package dev.rtbench.harness.daemonjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DaemonConfigParseTest {

    @Test
    void readsPathRuntimeWithArgsAmongUnrelatedKeys() {
        DaemonConfig c = Fixtures.config("production.json");
        assertEquals(Map.of("runsc", RuntimeEntry.ofPath("/usr/bin/runsc", List.of("--network=none"))), c.runtimes());
        assertEquals(Optional.empty(), c.defaultRuntime());
        assertEquals(Fixtures.text("production.json"), c.text());
        assertEquals("production.json:15:5", c.locationOf("runsc"));
    }

    @Test
    void readsRuntimeTypeEntryWithOptionsAndDefaultRuntime() {
        DaemonConfig c = Fixtures.config("kata-runtime-type.json");
        RuntimeEntry kata = c.runtimes().get("kata");
        assertEquals("io.containerd.kata.v2", kata.runtimeType());
        assertEquals(null, kata.path());
        assertEquals(Map.of("ConfigPath", "/opt/kata/share/defaults/kata-containers/configuration.toml"), kata.options());
        assertEquals(Optional.of("runc"), c.defaultRuntime());
    }

    @Test
    void keepsDocumentOrderOfRuntimes() {
        DaemonConfig c = DaemonConfig.parse("{\"runtimes\":{\"z\":{\"path\":\"/z\"},\"a\":{\"path\":\"/a\"},"
                + "\"m\":{\"path\":\"/m\"}}}", "t");
        assertEquals(List.of("z", "a", "m"), List.copyOf(c.runtimes().keySet()));
    }

    @Test
    void emptyAndBlankFilesAreEmptyConfigs() {
        for (String text : List.of("", "  \n", "{}", "{ }\n")) {
            DaemonConfig c = DaemonConfig.parse(text, "t");
            assertTrue(c.runtimes().isEmpty(), text);
            assertEquals(Optional.empty(), c.defaultRuntime());
            assertEquals(text, c.text());
        }
    }

    @Test
    void acceptsUtf8ByteOrderMarkLikeDocker() {
        DaemonConfig c = DaemonConfig.parse("\uFEFF{\"runtimes\":{\"crun\":{\"path\":\"/usr/bin/crun\"}}}", "t");
        assertEquals(Map.of("crun", RuntimeEntry.ofPath("/usr/bin/crun", null)), c.runtimes());
    }

    @Test
    void nullValuesCountAsAbsentLikeDocker() {
        DaemonConfig c = DaemonConfig.parse("{\"default-runtime\": null, \"runtimes\": {\"x\": {\"path\": \"/x\", "
                + "\"runtimeArgs\": null, \"runtimeType\": null, \"options\": null, \"unknown\": [1]}}}", "t");
        assertEquals(RuntimeEntry.ofPath("/x", List.of()), c.runtimes().get("x"));
        assertEquals(Optional.empty(), c.defaultRuntime());
        assertTrue(DaemonConfig.parse("{\"runtimes\": null}", "t").runtimes().isEmpty());
    }

    @ParameterizedTest
    @CsvSource({
        "trailing-comma.json, trailing-comma.json:5:3, trailing comma",
        "unquoted-key.json, unquoted-key.json:3:3, not valid JSON",
        "wrong-type-runtime-args.json, wrong-type-runtime-args.json:5:22, \"runtimes\".\"runsc\".runtimeArgs must be an array of strings, found a string",
        "wrong-type-runtimes.json, wrong-type-runtimes.json:2:15, \"runtimes\" must be an object",
        "wrong-type-default-runtime.json, wrong-type-default-runtime.json:2:22, \"default-runtime\" must be a string, found a number",
    })
    void malformedFilesAreRefusedWithLineAndColumn(String file, String where, String what) {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> Fixtures.config(file));
        assertTrue(e.getMessage().startsWith(where + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
        assertTrue(e.getMessage().contains("left it unchanged"), e.getMessage());
    }

    @Test
    void refusesOtherShapesDockerRefuses() {
        assertMessage("[]", "t:1:1: the top level must be an object");
        assertMessage("{} {}", "t:1:4: unexpected an object after the closing");
        assertMessage("{\"a\": 1 // note\n}", "t:1:9: not valid JSON");
        assertMessage("{\"runtimes\": {\"x\": \"/usr/bin/x\"}}", "t:1:20: \"runtimes\".\"x\" must be an object");
        assertMessage("{\"runtimes\": {\"x\": {\"runtimeArgs\": [\"a\", 3]}}}", "t:1:42: \"runtimes\".\"x\".runtimeArgs[1] must be a string");
        assertMessage("{\"runtimes\": {\"x\": {\"options\": []}}}", "t:1:32: \"runtimes\".\"x\".options must be an object");
        assertMessage("{\"runtimes\": {\"x\": {\"path\": true}}}", "t:1:29: \"runtimes\".\"x\".path must be a string, found a boolean");
        assertMessage("{\"runtimes\": {}, \"runtimes\": {}}", "t:1:18: \"runtimes\" appears twice in the top level (first at t:1:2)");
        assertMessage("{\"runtimes\": {\"a\": {\"path\": \"/a\"}, \"a\": {\"path\": \"/b\"}}}",
                "t:1:36: \"a\" appears twice in \"runtimes\"");
        // Duplicates of keys rtbench does not manage are Docker's business, not ours.
        DaemonConfig.parse("{\"debug\": true, \"debug\": false}", "t");
    }

    private static void assertMessage(String json, String expectedStart) {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfig.parse(json, "t"));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void missingFileNeedsTheCreateOption(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path f = dir.resolve("daemon.json");
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfig.load(f));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains("create option"), e.getMessage());
        assertEquals("", DaemonConfig.load(f, true).text());
    }

    @Test
    void refusesNonUtf8Files(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("daemon.json");
        java.nio.file.Files.write(f, new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'});
        assertThrows(DaemonConfigException.class, () -> DaemonConfig.load(f));
        java.nio.file.Files.write(f, new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0});
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfig.load(f));
        assertTrue(e.getMessage().contains("UTF-16"), e.getMessage());
    }
}
