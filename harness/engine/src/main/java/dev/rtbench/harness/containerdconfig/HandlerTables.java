package dev.rtbench.harness.containerdconfig;

import dev.rtbench.harness.containerdconfig.TomlLayout.KeyValue;
import dev.rtbench.harness.containerdconfig.TomlLayout.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text edits behind {@link ContainerdConfig#withRuntime} and {@link ContainerdConfig#withoutRuntime}:
 * one handler's {@code [table]}s added, their keys set, or removed, by splicing the spans
 * {@link TomlLayout} finds, in the file's own newlines and indentation. Each step parses its result
 * again ({@link ContainerdConfig#reparse}), so the next one splices fresh offsets and a step
 * containerd would not load stops the edit there.
 */
final class HandlerTables {

    private HandlerTables() {
    }

    /** A new handler: its table (and options table) after the last table of the CRI plugin, in the file's indentation. */
    static ContainerdConfig add(ContainerdConfig c, String name, CriRuntime wanted) {
        String text = c.text();
        String nl = newline(text);
        List<Table> tables = TomlLayout.scan(text);
        List<String> runtimesPath = c.runtimesPath();
        List<String> path = c.entryPath(name);
        Table anchor = null;
        for (List<String> prefix : List.of(runtimesPath, runtimesPath.subList(0, 3), runtimesPath.subList(0, 2))) {
            for (Table t : tables) {
                if (!t.path().isEmpty() && startsWith(t.path(), prefix)) {
                    anchor = t;
                }
            }
            if (anchor != null) {
                break;
            }
        }
        Indent in = indent(text, runtimesPath, tables, anchor);
        StringBuilder block = new StringBuilder();
        block.append(in.header).append(tableHeader(path)).append(nl);
        block.append(in.header).append(in.unit).append("runtime_type = ").append(TomlText.quote(wanted.runtimeType())).append(nl);
        String options = optionsBlock(path, wanted, in.header + in.unit, in.unit, nl);
        if (!options.isEmpty()) {
            block.append(nl).append(options);
        }
        int at = anchor == null ? text.length() : afterEntries(anchor);
        String prefix = lineBreakAt(text, at, nl);
        if (c.blank()) {
            prefix = prefix + "version = " + c.version() + nl;
        }
        String spliced = text.substring(0, at) + prefix + (at == 0 && !c.blank() ? "" : nl) + block + text.substring(at);
        return c.reparse(spliced);
    }

    /** An existing handler in [table] form: runtime_type and the options rtbench manages set, the rest kept. */
    static ContainerdConfig setFields(ContainerdConfig c, String name, CriRuntime wanted) {
        List<String> path = c.entryPath(name);
        Table t = table(c.text(), path);
        if (t == null) {
            throw notATable(c, name);
        }
        c = setKey(c, t, "runtime_type", wanted.runtimeType());
        List<String> optPath = new ArrayList<>(path);
        optPath.add("options");
        for (Map.Entry<String, String> o : wanted.options().entrySet()) {
            String text = c.text();
            Table opt = table(text, optPath);
            if (opt == null) {
                if (o.getValue() == null) {
                    continue;
                }
                Table rt = table(text, path);
                if (rt.entryStartingWith("options") != null) {
                    throw new ContainerdConfigException("runtime \"" + name + "\" in " + c.sourceName() + " writes its options"
                            + " inline (options = {...} or options.KEY): rtbench edits only a " + tableHeader(optPath)
                            + " table; rewrite it so by hand");
                }
                String nl = newline(text);
                String h = lineIndent(text, rt.headerStart());
                String k = keyIndent(text, rt);
                String unit = k.startsWith(h) && k.length() > h.length() ? k.substring(h.length()) : "  ";
                int at = afterEntries(rt);
                String block = k + tableHeader(optPath) + nl + k + unit + o.getKey() + " = " + TomlText.quote(o.getValue()) + nl;
                c = c.reparse(text.substring(0, at) + lineBreakAt(text, at, nl) + nl + block + text.substring(at));
            } else {
                c = setKey(c, opt, o.getKey(), o.getValue());
            }
        }
        return c;
    }

    /** Handler {@code name}'s table and its sub-tables cut out of the text. */
    static ContainerdConfig remove(ContainerdConfig c, String name) {
        List<String> path = c.entryPath(name);
        List<Table> blocks = TomlLayout.scan(c.text()).stream().filter(t -> startsWith(t.path(), path)).toList();
        if (blocks.stream().noneMatch(t -> t.path().equals(path))) {
            throw notATable(c, name);
        }
        StringBuilder sb = new StringBuilder(c.text());
        for (int k = blocks.size() - 1; k >= 0; k--) {
            sb.delete(blocks.get(k).headerStart(), blocks.get(k).end());
        }
        return c.reparse(sb.toString());
    }

    private static ContainerdConfigException notATable(ContainerdConfig c, String name) {
        return new ContainerdConfigException("runtime \"" + name + "\" in " + c.sourceName() + " is not written as its own "
                + c.tableOf(name) + " (an inline table or dotted keys): rtbench edits only that form; rewrite it so by hand,"
                + " or choose another name");
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    private static String newline(String text) {
        return text.contains("\r\n") ? "\r\n" : "\n";
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
    private static Indent indent(String text, List<String> runtimesPath, List<Table> tables, Table anchor) {
        int depth = runtimesPath.size() + 1;
        for (Table t : tables) {
            if (t.path().size() == depth && startsWith(t.path(), runtimesPath)) {
                String h = lineIndent(text, t.headerStart());
                String k = keyIndent(text, t);
                return new Indent(h, k.startsWith(h) && k.length() > h.length() ? k.substring(h.length()) : "  ");
            }
        }
        if (anchor != null && anchor.path().size() > 1) {
            String h = lineIndent(text, anchor.headerStart());
            if (!h.isEmpty() && h.chars().allMatch(c -> c == ' ') && h.length() % (anchor.path().size() - 1) == 0) {
                String unit = " ".repeat(h.length() / (anchor.path().size() - 1));
                return new Indent(unit.repeat(depth - 1), unit);
            }
        }
        return new Indent("", "  ");
    }

    private static String lineIndent(String text, int lineStart) {
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    /** The indentation of table {@code t}'s keys: its first key's, else two spaces under its header. */
    private static String keyIndent(String text, Table t) {
        return t.entries().isEmpty() ? lineIndent(text, t.headerStart()) + "  " : lineIndent(text, t.entries().get(0).lineStart());
    }

    /** Where a line added to table {@code t} goes: after its last key, else right after its header. */
    private static int afterEntries(Table t) {
        return t.entries().isEmpty() ? t.bodyStart() : t.entries().get(t.entries().size() - 1).lineEnd();
    }

    /** The newline a splice at {@code at} needs first when the text there does not end its line (a file without a final newline). */
    private static String lineBreakAt(String text, int at, String nl) {
        return at > 0 && text.charAt(at - 1) != '\n' ? nl : "";
    }

    private static Table table(String text, List<String> path) {
        for (Table t : TomlLayout.scan(text)) {
            if (!t.arrayItem() && t.path().equals(path)) {
                return t;
            }
        }
        return null;
    }

    /** Sets (or with null removes) {@code key = "value"} in table {@code t}, keeping its line's indentation and comment. */
    private static ContainerdConfig setKey(ContainerdConfig c, Table t, String key, String value) {
        String text = c.text();
        KeyValue kv = t.entry(key);
        if (kv == null) {
            if (value == null) {
                return c;
            }
            String nl = newline(text);
            int at = afterEntries(t);
            String line = keyIndent(text, t) + key + " = " + TomlText.quote(value) + nl;
            return c.reparse(text.substring(0, at) + lineBreakAt(text, at, nl) + line + text.substring(at));
        }
        if (value == null) {
            return c.reparse(text.substring(0, kv.lineStart()) + text.substring(kv.lineEnd()));
        }
        String now = text.substring(kv.valueStart(), kv.valueEnd());
        String quoted = TomlText.quote(value);
        return now.equals(quoted) ? c : c.reparse(text.substring(0, kv.valueStart()) + quoted + text.substring(kv.valueEnd()));
    }
}
