package dev.rtbench.harness.containerdconfig;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * config.toml as containerd loads it: the TOML tree, its config version and the CRI runtime
 * handlers in it. What containerd would not load, or rtbench does not edit, is refused here with
 * where it is and what to do, before {@link ContainerdConfig} touches the text.
 */
final class ConfigTree {

    private static final TomlMapper TOML = new TomlMapper();

    private ConfigTree() {
    }

    /** The version a blank document gets with its first edit: 2 or 3, as the caller asked. */
    static int checkNewVersion(int v) {
        if (v != 2 && v != 3) {
            throw new IllegalArgumentException("a new config.toml is version 2 (containerd 1.x) or 3 (containerd 2.x), not " + v);
        }
        return v;
    }

    /** The parsed text; a blank document (or one of comments only) is an empty table. */
    static ObjectNode read(String text, String sourceName) {
        try {
            JsonNode n = TOML.readTree(text);
            return n == null || n.isMissingNode() ? TOML.createObjectNode() : (ObjectNode) n;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? sourceName : sourceName + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new ContainerdConfigException(where + ": not valid TOML (" + e.getOriginalMessage()
                    + "), so containerd would not load it either; rtbench left it unchanged: fix that line by hand"
                    + " and run the command again", e);
        }
    }

    /** The config version, 2 or 3; 0 for a blank document, whose version is written with its first edit. */
    static int versionOf(ObjectNode tree, String sourceName) {
        JsonNode v = tree.get("version");
        if (v == null) {
            if (tree.isEmpty()) {
                return 0;
            }
            throw new ContainerdConfigException(sourceName + " has no \"version\" key, so containerd reads it as a version 1"
                    + " config ([plugins.cri]), which rtbench does not edit: convert it (containerd 1.7 and later:"
                    + " containerd config migrate), or add version = 2 at the top and rename [plugins.cri...] to"
                    + " [plugins.\"" + ContainerdConfig.CRI_V2 + "\"...]; rtbench left it unchanged");
        }
        if (!v.isIntegralNumber()) {
            throw new ContainerdConfigException(sourceName + ": \"version\" must be a number (2 or 3), found " + v
                    + "; rtbench left it unchanged");
        }
        int n = v.asInt();
        if (n == 1) {
            throw new ContainerdConfigException(sourceName + " is a version 1 config ([plugins.cri]), which rtbench does"
                    + " not edit: convert it to version 2 (containerd 1.7 and later: containerd config migrate) and try again;"
                    + " rtbench left it unchanged");
        }
        if (n != 2 && n != 3) {
            throw new ContainerdConfigException(sourceName + ": version " + n + " is not a config version rtbench knows"
                    + " (2: containerd 1.x, 3: containerd 2.x); rtbench left it unchanged");
        }
        return n;
    }

    /**
     * The handlers under {@code runtimesPath}, in document order, as far as rtbench manages their
     * fields; {@code locationOf} places a handler in messages.
     */
    static Map<String, CriRuntime> runtimes(ObjectNode tree, List<String> runtimesPath, String sourceName,
            Function<String, String> locationOf) {
        Map<String, CriRuntime> out = new LinkedHashMap<>();
        JsonNode rts = tree;
        for (String part : runtimesPath) {
            rts = rts.get(part);
            if (rts == null) {
                return out;
            }
            if (!rts.isObject()) {
                throw new ContainerdConfigException(sourceName + ": " + TomlText.path(runtimesPath) + " must be a table,"
                        + " found " + rts.getNodeType().toString().toLowerCase(Locale.ROOT)
                        + " at \"" + part + "\"; rtbench left it unchanged");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = rts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode rt = e.getValue();
            // located only when something is wrong: a scan of the text per handler would slow every parse of a large file
            Supplier<String> where = () -> locationOf.apply(name) + ": runtime \"" + name + "\": ";
            if (!rt.isObject()) {
                throw new ContainerdConfigException(where.get() + "must be a table; rtbench left the file unchanged");
            }
            JsonNode type = rt.get("runtime_type");
            JsonNode opts = rt.get("options");
            if (type != null && !type.isTextual()) {
                throw new ContainerdConfigException(where.get() + "runtime_type must be a string; rtbench left the file unchanged");
            }
            if (opts != null && !opts.isObject()) {
                throw new ContainerdConfigException(where.get() + "options must be a table; rtbench left the file unchanged");
            }
            out.put(name, new CriRuntime(type == null ? "" : type.asText(), option(opts, "BinaryName", where),
                    option(opts, "ConfigPath", where)));
        }
        return out;
    }

    private static String option(JsonNode opts, String key, Supplier<String> where) {
        JsonNode v = opts == null ? null : opts.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ContainerdConfigException(where.get() + "options." + key + " must be a string; rtbench left the file unchanged");
        }
        return v.asText();
    }
}
