package dev.rtbench.harness.daemonjson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry under {@code "runtimes"} in daemon.json, in either of Docker's two forms:
 * <ul>
 *   <li>{@code path} (+ {@code runtimeArgs}): a runc-compatible binary driven by containerd's runc shim;</li>
 *   <li>{@code runtimeType} (+ {@code options}, Docker &gt;= 23): a containerd shim such as
 *       {@code io.containerd.kata.v2}.</li>
 * </ul>
 * The record can hold an invalid mix (both forms, neither) because it also represents what was
 * read from a user's file; {@link DaemonConfig#problems(DockerVersion)} reports such entries.
 * Absent fields are {@code null} (strings) or empty (list, map); collections are unmodifiable.
 */
public record RuntimeEntry(String path, List<String> runtimeArgs, String runtimeType, Map<String, Object> options) {

    public RuntimeEntry {
        runtimeArgs = runtimeArgs == null ? List.of() : List.copyOf(runtimeArgs);
        options = JsonText.freezeMap(options);
    }

    /** A {@code path} entry; {@code args} may be null or empty. */
    public static RuntimeEntry ofPath(String path, List<String> args) {
        requireText(path, "runtime path");
        return new RuntimeEntry(path, args, null, null);
    }

    /** A {@code runtimeType} entry (containerd shim, Docker &gt;= 23); {@code options} may be null or empty. */
    public static RuntimeEntry ofType(String runtimeType, Map<String, ?> options) {
        requireText(runtimeType, "runtimeType");
        return new RuntimeEntry(null, null, runtimeType, options == null ? null : JsonText.freezeMap(options));
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what + " was not specified");
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    /** True when {@code path} is set (Docker treats an empty string as unset). */
    public boolean hasPath() {
        return path != null && !path.isEmpty();
    }

    /** True when {@code runtimeType} is set (Docker treats an empty string as unset). */
    public boolean hasRuntimeType() {
        return runtimeType != null && !runtimeType.isEmpty();
    }

    /** The entry as Docker's JSON object, keys in Docker's order, empty fields left out. */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (path != null) {
            m.put("path", path);
        }
        if (!runtimeArgs.isEmpty()) {
            m.put("runtimeArgs", runtimeArgs);
        }
        if (runtimeType != null) {
            m.put("runtimeType", runtimeType);
        }
        if (!options.isEmpty()) {
            m.put("options", options);
        }
        return m;
    }

    /** Compact JSON, e.g. {@code {"path": "/usr/bin/runsc", "runtimeArgs": ["--network=none"]}}. */
    public String toJson() {
        return JsonText.render(toJsonMap(), "", new JsonText.Style("\n", "", ": ", true));
    }
}
