package dev.rtbench.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code runtimes} entries of a user's daemon.json, to register in the managed daemon. */
final class DaemonJsonRuntimes {
    private DaemonJsonRuntimes() {}

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> read(Path file) {
        JsonNode tree;
        try {
            tree = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        JsonNode rts = tree == null ? null : tree.get("runtimes");
        if (rts == null || !rts.isObject() || rts.isEmpty()) {
            throw new UsageException(file + " has no \"runtimes\" entries to take");
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        rts.fields().forEachRemaining(e -> out.put(e.getKey(), new ObjectMapper().convertValue(e.getValue(), Map.class)));
        return out;
    }
}
