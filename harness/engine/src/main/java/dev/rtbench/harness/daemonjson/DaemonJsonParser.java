package dev.rtbench.harness.daemonjson;

import com.fasterxml.jackson.core.JsonLocation;
import dev.rtbench.harness.io.JsonTokens;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.rtbench.harness.daemonjson.JsonSpans.Member;
import dev.rtbench.harness.daemonjson.JsonSpans.ObjectSpan;

/**
 * Reads daemon.json text as Docker would load it, with Jackson's streaming parser: records the
 * character offsets of the objects and members an edit needs, reads the values of the keys
 * rtbench manages, skips everything else without re-serialising it, and refuses what Docker
 * refuses with {@code file:line:column}.
 */
final class DaemonJsonParser {

    static final String RUNTIMES = "runtimes";
    static final String DEFAULT_RUNTIME = "default-runtime";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a parse found: the spans an edit needs and the values of the managed keys. */
    static final class Parsed {
        ObjectSpan root;              // null for a blank document
        Member runtimesMember;        // null when absent
        ObjectSpan runtimesObject;    // null when absent or "runtimes": null
        Member defaultMember;         // null when absent
        String defaultRuntime;        // null when absent, null or ""
        final Map<String, RuntimeEntry> runtimes = new LinkedHashMap<>();
        final Map<String, ObjectSpan> entrySpans = new LinkedHashMap<>();
    }

    private final String text;
    private final String source;

    DaemonJsonParser(String text, String source) {
        this.text = text;
        this.source = source;
    }

    Parsed parse() {
        // Docker accepts a UTF-8 byte order mark; Jackson does not on a String. A space keeps offsets.
        String input = text.startsWith("\uFEFF") ? " " + text.substring(1) : text;
        Parsed out = new Parsed();
        try (JsonParser p = MAPPER.getFactory().createParser(input)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return out;   // blank: Docker treats it as an empty configuration
            }
            if (t != JsonToken.START_OBJECT) {
                throw typeError(offset(p), "the top level", "an object ({ ... })", t);
            }
            out.root = readObject(p, (name, keyStart, valueStart) -> {
                if (name.equals(RUNTIMES)) {
                    readRuntimes(p, out);
                } else if (name.equals(DEFAULT_RUNTIME)) {
                    out.defaultRuntime = readString(p, "\"default-runtime\"");
                } else {
                    p.skipChildren();
                }
            }, "the top level");
            for (Member m : out.root.members()) {
                if (m.name().equals(RUNTIMES)) {
                    out.runtimesMember = m;
                } else if (m.name().equals(DEFAULT_RUNTIME)) {
                    out.defaultMember = m;
                }
            }
            if (out.defaultRuntime != null && out.defaultRuntime.isEmpty()) {
                out.defaultRuntime = null;
            }
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new DaemonConfigException(JsonSpans.where(text, source, offset(p)) + ": unexpected " + JsonTokens.describe(after)
                        + " after the closing '}' of the top-level object; Docker refuses this file too. "
                        + "Fix it by hand; rtbench left it unchanged");
            }
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String at = loc == null ? source : source + ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new DaemonConfigException(at + ": not valid JSON: " + e.getOriginalMessage() + hint(loc)
                    + ". Docker refuses this file too. Fix it by hand (or restore a backup); rtbench left it unchanged", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Names the usual culprit of a "expecting double-quote" error: a trailing comma. */
    private String hint(JsonLocation loc) {
        int i = loc == null ? -1 : (int) loc.getCharOffset();   // the character Jackson stopped at
        if (i < 0 || i >= text.length() || (text.charAt(i) != '}' && text.charAt(i) != ']')) {
            return "";
        }
        int j = i - 1;
        while (j >= 0 && Character.isWhitespace(text.charAt(j))) {
            j--;
        }
        return j >= 0 && text.charAt(j) == ',' ? " (a trailing comma before '" + text.charAt(i)
                + "'? JSON allows none)" : "";
    }

    private interface MemberReader {
        void read(String name, int keyStart, int valueStart) throws IOException;
    }

    /** Reads an object whose START_OBJECT is current; the reader consumes each value. */
    private ObjectSpan readObject(JsonParser p, MemberReader reader, String what) throws IOException {
        int open = offset(p);
        List<Member> members = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int keyStart = offset(p);
            int keyEnd = stringEnd(keyStart);
            p.nextToken();
            int valueStart = offset(p);
            reader.read(name, keyStart, valueStart);
            int valueEnd = valueEnd(p);
            members.add(new Member(name, keyStart, keyEnd, valueStart, valueEnd));
            seen.merge(name, 1, Integer::sum);
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IllegalStateException("unexpected " + t + " in object at " + JsonSpans.where(text, source, open));
        }
        ObjectSpan span = new ObjectSpan(open, offset(p), List.copyOf(members));
        refuseDuplicates(span, what);
        return span;
    }

    private void refuseDuplicates(ObjectSpan span, String what) {
        boolean managedLevel = what.equals("the top level");
        Map<String, Member> first = new LinkedHashMap<>();
        for (Member m : span.members()) {
            Member before = first.putIfAbsent(m.name(), m);
            boolean managed = !managedLevel || m.name().equals(RUNTIMES) || m.name().equals(DEFAULT_RUNTIME);
            if (before != null && managed) {
                throw new DaemonConfigException(JsonSpans.where(text, source, m.keyStart()) + ": \"" + m.name()
                        + "\" appears twice in " + what + " (first at " + JsonSpans.where(text, source, before.keyStart())
                        + "); Docker silently uses the last one. Remove one by hand; rtbench left the file unchanged");
            }
        }
    }

    private void readRuntimes(JsonParser p, Parsed out) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw typeError(offset(p), "\"runtimes\"", "an object mapping names to runtimes", t);
        }
        out.runtimesObject = readObject(p, (name, keyStart, valueStart) ->
                out.runtimes.put(name, readEntry(p, name, out)), "\"runtimes\"");
    }

    private RuntimeEntry readEntry(JsonParser p, String name, Parsed out) throws IOException {
        String what = "\"runtimes\".\"" + name + "\"";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw typeError(offset(p), what, "an object with \"path\" or \"runtimeType\"", p.currentToken());
        }
        String[] path = {null};
        String[] type = {null};
        List<String> args = new ArrayList<>();
        Map<String, Object> options = new LinkedHashMap<>();
        ObjectSpan span = readObject(p, (field, keyStart, valueStart) -> {
            switch (field) {
                case "path" -> path[0] = readString(p, what + ".path");
                case "runtimeType" -> type[0] = readString(p, what + ".runtimeType");
                case "runtimeArgs" -> args.addAll(readStrings(p, what + ".runtimeArgs"));
                case "options" -> options.putAll(readOptions(p, what + ".options"));
                default -> p.skipChildren();   // Docker ignores unknown fields; so do we
            }
        }, what);
        out.entrySpans.put(name, span);
        return new RuntimeEntry(path[0], args, type[0], options);
    }

    private String readString(JsonParser p, String what) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw typeError(offset(p), what, "a string", t);
        }
        return p.getText();
    }

    private List<String> readStrings(JsonParser p, String what) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (t != JsonToken.START_ARRAY) {
            throw typeError(offset(p), what, "an array of strings", t);
        }
        List<String> out = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw typeError(offset(p), what + "[" + out.size() + "]", "a string", t);
            }
            out.add(p.getText());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readOptions(JsonParser p, String what) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (t != JsonToken.START_OBJECT) {
            throw typeError(offset(p), what, "an object", t);
        }
        return p.readValueAs(LinkedHashMap.class);
    }

    private DaemonConfigException typeError(int offset, String what, String expected, JsonToken found) {
        return new DaemonConfigException(JsonSpans.where(text, source, offset) + ": " + what + " must be " + expected
                + ", found " + JsonTokens.describe(found) + ". Docker refuses this file too. Fix it by hand; "
                + "rtbench left it unchanged");
    }

    private static int offset(JsonParser p) {
        return Math.toIntExact(p.currentTokenLocation().getCharOffset());
    }

    /**
     * End (exclusive) of the current value. Containers are skipped to their closing token; for a
     * scalar Jackson has read exactly its characters once its text is complete, so where it stands
     * is the end.
     */
    private static int valueEnd(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
            return offset(p) + 1;
        }
        p.getText();   // a string is read lazily: finish it
        return Math.toIntExact(p.currentLocation().getCharOffset());
    }

    /** End (exclusive) of the JSON string whose opening quote is at {@code start}. */
    private int stringEnd(int start) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        throw new IllegalStateException("unterminated string at " + JsonSpans.where(text, source, start));
    }
}
