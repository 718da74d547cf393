package dev.rtbench.harness.containerdconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Where things are in a TOML text that has already been parsed successfully (by
 * jackson-dataformat-toml): every {@code [table]} header with the span of its body, and every
 * {@code key = value} line of each table with the span of its value. Edits splice these spans, so
 * every other character of the file (comments, order, indentation, blank lines) stays as it was.
 *
 * <p>The scan only needs to tell headers and keys from what looks like them inside values: it
 * follows strings (all four kinds), arrays and inline tables across lines, and comments. It does
 * not check syntax; the parser did.
 */
final class TomlLayout {

    /** One {@code key = value} line: offsets of the line start, the value and the end of the line (after its newline). */
    record KeyValue(List<String> key, int lineStart, int keyStart, int valueStart, int valueEnd, int lineEnd) {
    }

    /**
     * A {@code [table]} (or {@code [[array]]}) header and its body, up to the next header.
     *
     * @param path        the header's key path, unquoted ({@code plugins}, {@code io.containerd.grpc.v1.cri}, ...)
     * @param headerStart the offset of the header line's start
     * @param bodyStart   the offset after the header line
     * @param end         the offset of the next header line's start, or the text's length
     * @param entries     the key/value lines of the body, in order
     */
    record Table(List<String> path, boolean arrayItem, int headerStart, int headerKeyStart, int bodyStart, int end,
            List<KeyValue> entries) {
        KeyValue entry(String... key) {
            for (KeyValue kv : entries) {
                if (kv.key().equals(List.of(key))) {
                    return kv;
                }
            }
            return null;
        }

        /** Whether a key of this table starts with {@code first} (a dotted key or a whole value). */
        KeyValue entryStartingWith(String first) {
            for (KeyValue kv : entries) {
                if (kv.key().get(0).equals(first)) {
                    return kv;
                }
            }
            return null;
        }
    }

    private final String text;
    private final List<Table> tables = new ArrayList<>();
    private int i;

    private TomlLayout(String text) {
        this.text = text;
    }

    /** Scans {@code text}; the first table is the root (path empty), before any header. */
    static List<Table> scan(String text) {
        TomlLayout l = new TomlLayout(text);
        l.run();
        return List.copyOf(l.tables);
    }

    private void run() {
        List<String> path = List.of();
        boolean array = false;
        int headerStart = 0;
        int headerKeyStart = 0;
        int bodyStart = 0;
        List<KeyValue> entries = new ArrayList<>();
        int n = text.length();
        while (i < n) {
            int lineStart = i;
            skipBlanks();
            if (i >= n) {
                break;
            }
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                skipLine();
            } else if (c == '#') {
                skipLine();
            } else if (c == '[') {
                tables.add(new Table(path, array, headerStart, headerKeyStart, bodyStart, lineStart, List.copyOf(entries)));
                entries.clear();
                headerStart = lineStart;
                array = i + 1 < n && text.charAt(i + 1) == '[';
                i += array ? 2 : 1;
                skipBlanks();
                headerKeyStart = i;
                path = key();
                skipBlanks();
                i += array ? 2 : 1;   // "]" or "]]"
                skipLine();
                bodyStart = i;
            } else {
                int keyStart = i;
                List<String> key = key();
                skipBlanks();
                i++;   // '='
                skipBlanks();
                int valueStart = i;
                int valueEnd = value();
                skipLine();
                entries.add(new KeyValue(key, lineStart, keyStart, valueStart, valueEnd, i));
            }
        }
        tables.add(new Table(path, array, headerStart, headerKeyStart, bodyStart, n, List.copyOf(entries)));
    }

    private void skipBlanks() {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
    }

    /** To just after the next newline (past a trailing comment), or the end. */
    private void skipLine() {
        int nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length() : nl + 1;
    }

    /** A dotted key: bare, "basic" or 'literal' parts separated by dots, whitespace around dots allowed. */
    private List<String> key() {
        List<String> parts = new ArrayList<>();
        while (true) {
            skipBlanks();
            char c = text.charAt(i);
            if (c == '"') {
                int end = basicStringEnd(i + 1);
                parts.add(unescape(text.substring(i + 1, end - 1)));
                i = end;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1) + 1;
                parts.add(text.substring(i + 1, end - 1));
                i = end;
            } else {
                int s = i;
                while (i < text.length() && isBare(text.charAt(i))) {
                    i++;
                }
                parts.add(text.substring(s, i));
            }
            skipBlanks();
            if (i < text.length() && text.charAt(i) == '.') {
                i++;
                continue;
            }
            return List.copyOf(parts);
        }
    }

    static boolean isBare(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    /** Scans one value from {@code i}; returns the offset after it (trailing blanks excluded). */
    private int value() {
        int n = text.length();
        char c = text.charAt(i);
        if (text.startsWith("\"\"\"", i)) {
            i = multiLineEnd(i + 3, "\"\"\"", true);
        } else if (text.startsWith("'''", i)) {
            i = multiLineEnd(i + 3, "'''", false);
        } else if (c == '"') {
            i = basicStringEnd(i + 1);
        } else if (c == '\'') {
            i = text.indexOf('\'', i + 1) + 1;
        } else if (c == '[' || c == '{') {
            i = bracketEnd();
        } else {
            // numbers, booleans, dates (which may hold a space): to the comment or the line's end
            int s = i;
            while (i < n && text.charAt(i) != '#' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                i++;
            }
            int e = i;
            while (e > s && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == '\t')) {
                e--;
            }
            return e;
        }
        return i;
    }

    /** From an opening '[' or '{' at {@code i} to after its match, stepping over strings and comments. */
    private int bracketEnd() {
        int depth = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("\"\"\"", i)) {
                i = multiLineEnd(i + 3, "\"\"\"", true);
                continue;
            }
            if (text.startsWith("'''", i)) {
                i = multiLineEnd(i + 3, "'''", false);
                continue;
            }
            if (c == '"') {
                i = basicStringEnd(i + 1);
                continue;
            }
            if (c == '\'') {
                i = text.indexOf('\'', i + 1) + 1;
                continue;
            }
            if (c == '#') {
                skipLine();
                continue;
            }
            i++;
            if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && --depth == 0) {
                return i;
            }
        }
        return i;
    }

    /** After the closing quote of a one-line basic string whose content starts at {@code from}. */
    private int basicStringEnd(int from) {
        int j = from;
        while (text.charAt(j) != '"') {
            j += text.charAt(j) == '\\' ? 2 : 1;
        }
        return j + 1;
    }

    /** After the closing delimiter of a multi-line string (up to two quotes may end its content). */
    private int multiLineEnd(int from, String delimiter, boolean escapes) {
        int j = from;
        while (!text.startsWith(delimiter, j)) {
            j += escapes && text.charAt(j) == '\\' ? 2 : 1;
        }
        j += 3;
        for (int k = 0; k < 2 && j < text.length() && text.charAt(j) == delimiter.charAt(0); k++) {
            j++;
        }
        return j;
    }

    /** The escapes a quoted key may hold; containerd's keys hold none, but a user's might. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = s.charAt(++k);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(s.substring(k + 1, k + 5), 16));
                    k += 4;
                }
                case 'U' -> {
                    sb.appendCodePoint(Integer.parseInt(s.substring(k + 1, k + 9), 16));
                    k += 8;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
