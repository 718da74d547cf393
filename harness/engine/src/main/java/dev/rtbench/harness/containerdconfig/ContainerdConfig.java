package dev.rtbench.harness.containerdconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtbench.harness.containerdconfig.TomlLayout.Table;
import dev.rtbench.harness.io.BackedUpFile;
import dev.rtbench.harness.io.TextLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * containerd's {@code config.toml} as text, with the CRI plugin's runtime handlers understood and
 * editable: the CRI world's daemon.json. Immutable: every edit returns a new instance.
 *
 * <p>The text is read and checked by jackson-dataformat-toml ({@link ConfigTree}: a file containerd
 * could not load is refused with {@code file:line:column}); edits splice the text ({@link HandlerTables}
 * over {@link TomlLayout}'s spans) instead of re-serialising it, so comments, order and formatting of
 * everything else stay byte for byte, and each edit is checked by parsing the result again and
 * comparing it with the original minus the one handler edited.
 *
 * <p>Config version 2 (containerd 1.x: the CRI plugin {@value #CRI_V2}) and version 3 (containerd
 * 2.x: the runtime part of the CRI is {@value #CRI_V3}) are supported. Version 1 (no
 * {@code version} key: {@code [plugins.cri]}) is refused with what to do.
 */
public final class ContainerdConfig {

    /** The CRI plugin's id in a version 2 config (containerd 1.x). */
    public static final String CRI_V2 = "io.containerd.grpc.v1.cri";
    /** The CRI runtime plugin's id in a version 3 config (containerd 2.x). */
    public static final String CRI_V3 = "io.containerd.cri.v1.runtime";
    /** Where a host's containerd reads its configuration by default. */
    public static final Path SYSTEM_CONFIG = Path.of("/etc/containerd/config.toml");

    /** containerd's built-in handler, and its default_runtime_name unless the file says otherwise. */
    public static final String DEFAULT_HANDLER = "runc";

    private final String text;
    private final String sourceName;
    private final BackedUpFile.Origin origin;
    private final ObjectNode tree;
    private final int version;          // 0: blank document, the version is written with the first edit
    private final int newVersion;       // the version a blank document gets
    private final Map<String, CriRuntime> runtimes;

    private ContainerdConfig(String text, String sourceName, BackedUpFile.Origin origin, int newVersion) {
        this.text = text;
        this.sourceName = sourceName;
        this.origin = origin;
        this.newVersion = newVersion;
        this.tree = ConfigTree.read(text, sourceName);
        this.version = ConfigTree.versionOf(tree, sourceName);
        this.runtimes = Collections.unmodifiableMap(ConfigTree.runtimes(tree, runtimesPath(), sourceName, this::locationOf));
    }

    /**
     * Parses config.toml text; {@code sourceName} names it in messages. A blank document (or one of
     * comments only) gets {@code version = newVersion} with its first edit.
     *
     * @throws ContainerdConfigException with line and column when containerd would not load the
     *                                   text, or when its version is not 2 or 3
     */
    public static ContainerdConfig parse(String text, String sourceName, int newVersion) {
        Objects.requireNonNull(text, "config.toml text was not specified");
        return new ContainerdConfig(text, sourceName == null ? "config.toml" : sourceName, null, ConfigTree.checkNewVersion(newVersion));
    }

    /** {@link #parse(String, String, int)} with version 2 for a blank document. */
    public static ContainerdConfig parse(String text, String sourceName) {
        return parse(text, sourceName, 2);
    }

    static ContainerdConfig of(String text, BackedUpFile.Origin origin, int newVersion) {
        return new ContainerdConfig(text, origin.file().toString(), origin, ConfigTree.checkNewVersion(newVersion));
    }

    /** The version (2 or 3); a blank document reports the version its first edit writes. */
    public int version() {
        return version == 0 ? newVersion : version;
    }

    /** The CRI plugin id whose {@code containerd.runtimes} hold the handlers in this version. */
    public String criPlugin() {
        return version() == 3 ? CRI_V3 : CRI_V2;
    }

    /** {@code [plugins."<cri>".containerd.runtimes]}'s path. */
    List<String> runtimesPath() {
        return List.of("plugins", criPlugin(), "containerd", "runtimes");
    }

    /** The TOML table that holds runtime {@code name}, as containerd's documentation writes it. */
    public String tableOf(String name) {
        return "[" + TomlText.path(entryPath(name)) + "]";
    }

    /** Runtime {@code name}'s table path. */
    List<String> entryPath(String name) {
        List<String> p = new ArrayList<>(runtimesPath());
        p.add(name);
        return Collections.unmodifiableList(p);
    }

    /** The exact text to write: untouched parts are the original characters. */
    public String text() {
        return text;
    }

    /** The name used in messages (the file path when loaded). */
    public String sourceName() {
        return sourceName;
    }

    BackedUpFile.Origin origin() {
        return origin;
    }

    /** The CRI runtime handlers in document order (unmodifiable), as far as rtbench manages their fields. */
    public Map<String, CriRuntime> runtimes() {
        return runtimes;
    }

    /** Where runtime {@code name}'s table (or key) is, as {@code file:line:column}, or just the file name. */
    public String locationOf(String name) {
        List<String> path = entryPath(name);
        for (Table t : TomlLayout.scan(text)) {
            if (t.path().equals(path)) {
                return TextLocation.of(text, sourceName, t.headerKeyStart());
            }
        }
        return sourceName;
    }

    /**
     * Adds runtime handler {@code name}, or sets the fields rtbench manages of an existing one
     * (keeping its other fields and their layout); an equal handler leaves the text as it is.
     * The name is checked by {@link CriInput#nameProblem}.
     */
    public ContainerdConfig withRuntime(String name, CriRuntime wanted) {
        CriInput.requireName(name);
        Objects.requireNonNull(wanted, "runtime was not specified");
        CriRuntime existing = runtimes.get(name);
        if (wanted.equals(existing)) {
            return this;
        }
        if (existing == null && runtimes.isEmpty() && !name.equals(DEFAULT_HANDLER) && defaultRuntimeName().equals(DEFAULT_HANDLER)) {
            // containerd replaces its built-in handler list with the file's: without "runc" beside the first handler,
            // the CRI plugin fails to load ("no corresponding runtime configured ... default_runtime_name")
            return withRuntime(DEFAULT_HANDLER, CriRuntime.shim(CriRuntime.RUNC_SHIM, null)).withRuntime(name, wanted);
        }
        ContainerdConfig next = existing == null ? HandlerTables.add(this, name, wanted) : HandlerTables.setFields(this, name, wanted);
        next.checkOnlyChanged(this, name, wanted);
        return next;
    }

    /** The handler containerd's CRI uses when a pod names none; "runc" unless the file sets default_runtime_name. */
    public String defaultRuntimeName() {
        JsonNode n = tree.path("plugins").path(criPlugin()).path("containerd").path("default_runtime_name");
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : DEFAULT_HANDLER;
    }

    /** Removes runtime handler {@code name} (its table and sub-tables); no-op when absent. */
    public ContainerdConfig withoutRuntime(String name) {
        Objects.requireNonNull(name, "runtime name was not specified");
        if (!runtimes.containsKey(name)) {
            return this;
        }
        if (name.equals(defaultRuntimeName())) {
            throw new ContainerdConfigException("runtime \"" + name + "\" is containerd's default_runtime_name in " + sourceName
                    + ": without it the CRI plugin fails to load; set default_runtime_name to another handler first");
        }
        ContainerdConfig next = HandlerTables.remove(this, name);
        next.checkOnlyChanged(this, name, null);
        return next;
    }

    /** Whether this is a blank document, whose first edit writes {@code version = }{@link #version()}. */
    boolean blank() {
        return version == 0;
    }

    /** The edited text parsed again, as an edit's result (or its next step); refused as an edit that would not load. */
    ContainerdConfig reparse(String next) {
        try {
            return new ContainerdConfig(next, sourceName, origin, newVersion);
        } catch (ContainerdConfigException e) {
            throw new ContainerdConfigException("rtbench's edit of " + sourceName + " would not load (" + e.getMessage()
                    + "): the file defines the CRI runtimes in a form rtbench cannot add to (an inline table?);"
                    + " nothing was written: add the handler by hand", e);
        }
    }

    /**
     * The safety net of every edit: the new document, less handler {@code name}, must equal the old
     * one less that handler (and less a {@code version} the edit added), and the handler must read
     * back as wanted.
     */
    private void checkOnlyChanged(ContainerdConfig before, String name, CriRuntime wanted) {
        ObjectNode a = before.tree.deepCopy();
        ObjectNode b = tree.deepCopy();
        prune(a, entryPath(name), 0);
        prune(b, entryPath(name), 0);
        if (before.blank()) {
            b.remove("version");
        }
        CriRuntime got = runtimes.get(name);
        boolean fieldsOk = wanted == null ? got == null
                : got != null && got.runtimeType().equals(wanted.runtimeType())
                && Objects.equals(got.binaryName(), wanted.binaryName()) && Objects.equals(got.configPath(), wanted.configPath());
        if (!a.equals(b) || !fieldsOk) {
            throw new ContainerdConfigException("rtbench's edit of runtime \"" + name + "\" in " + sourceName
                    + " would change more than that handler, or not set it as asked; nothing was written: edit the file by"
                    + " hand (and please report this with the file)");
        }
    }

    /** Removes path's leaf and then every parent left empty, so "added to a new table" and "absent" compare equal. */
    private static void prune(ObjectNode node, List<String> path, int i) {
        if (i == path.size() - 1) {
            node.remove(path.get(i));
            return;
        }
        if (node.get(path.get(i)) instanceof ObjectNode child) {
            prune(child, path, i + 1);
            if (child.isEmpty()) {
                node.remove(path.get(i));
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContainerdConfig other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "ContainerdConfig[" + sourceName + ", version " + version() + ", runtimes=" + runtimes.keySet() + "]";
    }
}
