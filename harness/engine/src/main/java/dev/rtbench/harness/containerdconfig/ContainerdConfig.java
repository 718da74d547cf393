package dev.rtbench.harness.containerdconfig;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.rtbench.harness.containerdconfig.TomlLayout.KeyValue;
import dev.rtbench.harness.containerdconfig.TomlLayout.Table;
import dev.rtbench.harness.io.BackedUpFile;
import dev.rtbench.harness.io.TextLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * containerd's {@code config.toml} as text, with the CRI plugin's runtime handlers understood and
 * editable: the CRI world's daemon.json. Immutable: every edit returns a new instance.
 *
 * <p>The text is read and checked by jackson-dataformat-toml (a file containerd could not load is
 * refused with {@code file:line:column}); edits splice the text ({@link TomlLayout}) instead of
 * re-serialising it, so comments, order and formatting of everything else stay byte for byte, and
 * each edit is checked by parsing the result again and comparing it with the original minus the
 * one handler edited.
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

    private static final TomlMapper TOML = new TomlMapper();

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
        this.tree = read(text, sourceName);
        this.version = versionOf(tree, sourceName);
        this.runtimes = Collections.unmodifiableMap(readRuntimes());
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
        return new ContainerdConfig(text, sourceName == null ? "config.toml" : sourceName, null, checkVersion(newVersion));
    }

    /** {@link #parse(String, String, int)} with version 2 for a blank document. */
    public static ContainerdConfig parse(String text, String sourceName) {
        return parse(text, sourceName, 2);
    }

    static ContainerdConfig of(String text, BackedUpFile.Origin origin, int newVersion) {
        return new ContainerdConfig(text, origin.file().toString(), origin, checkVersion(newVersion));
    }

    private static int checkVersion(int v) {
        if (v != 2 && v != 3) {
            throw new IllegalArgumentException("a new config.toml is version 2 (containerd 1.x) or 3 (containerd 2.x), not " + v);
        }
        return v;
    }

    private static ObjectNode read(String text, String sourceName) {
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

    private static int versionOf(ObjectNode tree, String sourceName) {
        JsonNode v = tree.get("version");
        if (v == null) {
            if (tree.isEmpty()) {
                return 0;
            }
            throw new ContainerdConfigException(sourceName + " has no \"version\" key, so containerd reads it as a version 1"
                    + " config ([plugins.cri]), which rtbench does not edit: convert it (containerd 1.7 and later:"
                    + " containerd config migrate), or add version = 2 at the top and rename [plugins.cri...] to"
                    + " [plugins.\"" + CRI_V2 + "\"...]; rtbench left it unchanged");
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
        List<String> p = new ArrayList<>(runtimesPath());
        p.add(name);
        return "[" + TomlText.path(p) + "]";
    }

    private Map<String, CriRuntime> readRuntimes() {
        Map<String, CriRuntime> out = new LinkedHashMap<>();
        JsonNode rts = tree;
        for (String part : runtimesPath()) {
            rts = rts.get(part);
            if (rts == null) {
                return out;
            }
            if (!rts.isObject()) {
                throw new ContainerdConfigException(sourceName + ": " + TomlText.path(runtimesPath()) + " must be a table,"
                        + " found " + rts.getNodeType().toString().toLowerCase(Locale.ROOT)
                        + " at \"" + part + "\"; rtbench left it unchanged");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = rts.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode rt = e.getValue();
            // located only when something is wrong: a scan of the text per handler would slow every parse of a large file
            Supplier<String> where = () -> locationOf(name) + ": runtime \"" + name + "\": ";
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
        List<String> path = new ArrayList<>(runtimesPath());
        path.add(name);
        for (Table t : TomlLayout.scan(text)) {
            if (t.path().equals(path)) {
                return where(t.headerKeyStart());
            }
        }
        return sourceName;
    }

    private String where(int offset) {
        return TextLocation.of(text, sourceName, offset);
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
        ContainerdConfig next = existing == null ? add(name, wanted) : setFields(name, wanted);
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
        List<String> path = entryPath(name);
        List<Table> blocks = TomlLayout.scan(text).stream().filter(t -> startsWith(t.path(), path)).toList();
        if (blocks.stream().noneMatch(t -> t.path().equals(path))) {
            throw notATable(name);
        }
        StringBuilder sb = new StringBuilder(text);
        for (int k = blocks.size() - 1; k >= 0; k--) {
            sb.delete(blocks.get(k).headerStart(), blocks.get(k).end());
        }
        ContainerdConfig next = reparse(sb.toString());
        next.checkOnlyChanged(this, name, null);
        return next;
    }

    private ContainerdConfigException notATable(String name) {
        return new ContainerdConfigException("runtime \"" + name + "\" in " + sourceName + " is not written as its own "
                + tableOf(name) + " (an inline table or dotted keys): rtbench edits only that form; rewrite it so by hand,"
                + " or choose another name");
    }

    private List<String> entryPath(String name) {
        List<String> p = new ArrayList<>(runtimesPath());
        p.add(name);
        return List.copyOf(p);
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    private String newline() {
        return text.contains("\r\n") ? "\r\n" : "\n";
    }

    /** A new handler: its table (and options table) after the last table of the CRI plugin, in the file's indentation. */
    private ContainerdConfig add(String name, CriRuntime wanted) {
        String nl = newline();
        List<Table> tables = TomlLayout.scan(text);
        List<String> path = entryPath(name);
        Table anchor = null;
        for (List<String> prefix : List.of(runtimesPath(), runtimesPath().subList(0, 3), runtimesPath().subList(0, 2))) {
            for (Table t : tables) {
                if (!t.path().isEmpty() && startsWith(t.path(), prefix)) {
                    anchor = t;
                }
            }
            if (anchor != null) {
                break;
            }
        }
        Indent in = indent(tables, anchor);
        StringBuilder block = new StringBuilder();
        block.append(in.header).append(tableHeader(path)).append(nl);
        block.append(in.header).append(in.unit).append("runtime_type = ").append(TomlText.quote(wanted.runtimeType())).append(nl);
        String options = optionsBlock(path, wanted, in.header + in.unit, in.unit, nl);
        if (!options.isEmpty()) {
            block.append(nl).append(options);
        }
        String prefix = "";
        int at;
        if (anchor == null) {
            at = text.length();
        } else {
            at = anchor.entries().isEmpty() ? anchor.bodyStart() : anchor.entries().get(anchor.entries().size() - 1).lineEnd();
        }
        if (at > 0 && text.charAt(at - 1) != '\n') {
            prefix = nl;
        }
        if (version == 0) {
            prefix = prefix + "version = " + newVersion + nl;
        }
        String spliced = text.substring(0, at) + prefix + (at == 0 && version != 0 ? "" : nl) + block + text.substring(at);
        return reparse(spliced);
    }

    private static String tableHeader(List<String> path) {
        return "[" + TomlText.path(path) + "]";
    }

    private static String optionsBlock(List<String> path, CriRuntime wanted, String indent, String unit, String nl) {
        StringBuilder sb = new StringBuilder();
        wanted.options().forEach((k, v) -> {
            if (v != null) {
                sb.append(indent).append(unit).append(k).append(" = ").append(TomlText.quote(v)).append(nl);
            }
        });
        if (sb.length() == 0) {
            return "";
        }
        List<String> opt = new ArrayList<>(path);
        opt.add("options");
        return indent + tableHeader(opt) + nl + sb;
    }

    /** A header's indentation and the step to its keys. */
    private record Indent(String header, String unit) {
    }

    /**
     * The file's own indentation: copied from a sibling handler when there is one (containerd's
     * {@code config default} indents two spaces per level), else derived from the anchor's depth.
     */
    private Indent indent(List<Table> tables, Table anchor) {
        int depth = runtimesPath().size() + 1;
        for (Table t : tables) {
            if (t.path().size() == depth && startsWith(t.path(), runtimesPath())) {
                String h = lineIndent(t.headerStart());
                String k = t.entries().isEmpty() ? h + "  " : lineIndent(t.entries().get(0).lineStart());
                return new Indent(h, k.startsWith(h) && k.length() > h.length() ? k.substring(h.length()) : "  ");
            }
        }
        if (anchor != null && anchor.path().size() > 1) {
            String h = lineIndent(anchor.headerStart());
            if (!h.isEmpty() && h.chars().allMatch(c -> c == ' ') && h.length() % (anchor.path().size() - 1) == 0) {
                String unit = " ".repeat(h.length() / (anchor.path().size() - 1));
                return new Indent(unit.repeat(depth - 1), unit);
            }
        }
        return new Indent("", "  ");
    }

    private String lineIndent(int lineStart) {
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    /** An existing handler in [table] form: runtime_type and the options rtbench manages set, the rest kept. */
    private ContainerdConfig setFields(String name, CriRuntime wanted) {
        List<String> path = entryPath(name);
        ContainerdConfig c = this;
        Table t = c.table(path);
        if (t == null) {
            throw notATable(name);
        }
        c = c.setKey(t, "runtime_type", wanted.runtimeType());
        List<String> optPath = new ArrayList<>(path);
        optPath.add("options");
        for (Map.Entry<String, String> o : wanted.options().entrySet()) {
            Table opt = c.table(optPath);
            if (opt == null) {
                if (o.getValue() == null) {
                    continue;
                }
                Table rt = c.table(path);
                if (rt.entryStartingWith("options") != null) {
                    throw new ContainerdConfigException("runtime \"" + name + "\" in " + sourceName + " writes its options"
                            + " inline (options = {...} or options.KEY): rtbench edits only a " + tableHeader(optPath)
                            + " table; rewrite it so by hand");
                }
                String nl = c.newline();
                String h = c.lineIndent(rt.headerStart());
                String k = rt.entries().isEmpty() ? h + "  " : c.lineIndent(rt.entries().get(0).lineStart());
                String unit = k.startsWith(h) && k.length() > h.length() ? k.substring(h.length()) : "  ";
                int at = rt.entries().isEmpty() ? rt.bodyStart() : rt.entries().get(rt.entries().size() - 1).lineEnd();
                String pre = at > 0 && c.text.charAt(at - 1) != '\n' ? nl : "";
                String block = k + tableHeader(optPath) + nl + k + unit + o.getKey() + " = " + TomlText.quote(o.getValue()) + nl;
                c = c.reparse(c.text.substring(0, at) + pre + nl + block + c.text.substring(at));
            } else {
                c = c.setKey(opt, o.getKey(), o.getValue());
            }
        }
        return c;
    }

    private Table table(List<String> path) {
        for (Table t : TomlLayout.scan(text)) {
            if (!t.arrayItem() && t.path().equals(path)) {
                return t;
            }
        }
        return null;
    }

    /** Sets (or with null removes) {@code key = "value"} in table {@code t}, keeping its line's indentation and comment. */
    private ContainerdConfig setKey(Table t, String key, String value) {
        KeyValue kv = t.entry(key);
        if (kv == null) {
            if (value == null) {
                return this;
            }
            String nl = newline();
            String indent = t.entries().isEmpty() ? lineIndent(t.headerStart()) + "  " : lineIndent(t.entries().get(0).lineStart());
            int at = t.entries().isEmpty() ? t.bodyStart() : t.entries().get(t.entries().size() - 1).lineEnd();
            String pre = at > 0 && text.charAt(at - 1) != '\n' ? nl : "";
            return reparse(text.substring(0, at) + pre + indent + key + " = " + TomlText.quote(value) + nl + text.substring(at));
        }
        if (value == null) {
            return reparse(text.substring(0, kv.lineStart()) + text.substring(kv.lineEnd()));
        }
        String now = text.substring(kv.valueStart(), kv.valueEnd());
        String quoted = TomlText.quote(value);
        return now.equals(quoted) ? this : reparse(text.substring(0, kv.valueStart()) + quoted + text.substring(kv.valueEnd()));
    }

    private ContainerdConfig reparse(String next) {
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
        if (before.version == 0) {
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
