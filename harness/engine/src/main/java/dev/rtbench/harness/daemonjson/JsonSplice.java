package dev.rtbench.harness.daemonjson;

import dev.rtbench.harness.daemonjson.JsonSpans.Member;
import dev.rtbench.harness.daemonjson.JsonSpans.ObjectSpan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Text edits of a parsed daemon.json that touch only the span they change: a value replaced, a
 * member inserted after the last one of its object or removed with its comma. New text follows the
 * file's own layout (line ending, indent unit, key separator, compact or one key per line); every
 * other character stays as it was. Each edit returns the whole new text, to be parsed again.
 */
final class JsonSplice {

    private final String text;
    private final ObjectSpan root;   // null for a blank document

    JsonSplice(String text, ObjectSpan root) {
        this.text = text;
        this.root = root;
    }

    private String splice(int start, int end, String replacement) {
        return text.substring(0, start) + replacement + text.substring(end);
    }

    String replaceValue(Member m, Object value) {
        return splice(m.valueStart(), m.valueEnd(), JsonText.render(value, lineIndent(m.keyStart()), style()));
    }

    String insertTopLevel(String key, Object value) {
        if (root == null) {
            // Blank document: write a fresh one in the default layout (keeping the file's line ending).
            JsonText.Style s = style();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put(key, value);
            return splice(0, text.length(), JsonText.render(doc, "", s) + s.newline());
        }
        return insertMember(root, key, value);
    }

    String insertMember(ObjectSpan obj, String key, Object value) {
        JsonText.Style s = style();
        if (obj.members().isEmpty()) {
            String parentIndent = lineIndent(obj.open());
            String memberIndent = parentIndent + s.indentUnit();
            String member = JsonText.quote(key) + s.colon() + JsonText.render(value, memberIndent, s);
            String body = s.compact()
                    ? "{" + member + "}"
                    : "{" + s.newline() + memberIndent + member + s.newline() + parentIndent + "}";
            return splice(obj.open(), obj.close() + 1, body);
        }
        // Copy the separator the last member has (whitespace after its ',' or '{'), so the new
        // member sits exactly like its neighbours, in multi-line and one-line layouts alike.
        Member last = obj.members().get(obj.members().size() - 1);
        int delimiter = last.keyStart() - 1;
        while (delimiter > obj.open() && Character.isWhitespace(text.charAt(delimiter))) {
            delimiter--;
        }
        String separator = text.substring(delimiter + 1, last.keyStart());
        String memberIndent = separator.indexOf('\n') >= 0 ? lineIndent(last.keyStart()) : lineIndent(obj.open());
        String member = JsonText.quote(key) + colonOf(last, s) + JsonText.render(value, memberIndent, s);
        return splice(last.valueEnd(), last.valueEnd(), "," + separator + member);
    }

    String removeMember(ObjectSpan obj, Member m) {
        List<Member> members = obj.members();
        int i = members.indexOf(m);
        if (members.size() == 1) {
            return splice(obj.open() + 1, obj.close(), "");
        }
        if (i > 0) {
            return splice(members.get(i - 1).valueEnd(), m.valueEnd(), "");
        }
        return splice(m.keyStart(), members.get(1).keyStart(), "");
    }

    private String colonOf(Member m, JsonText.Style s) {
        String c = text.substring(m.keyEnd(), m.valueStart());
        return c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0 ? s.colon() : c;
    }

    /** The leading whitespace of the line that holds {@code offset}. */
    private String lineIndent(int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int i = lineStart;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(lineStart, i);
    }

    /** The file's own layout: CRLF or LF, indent unit of the top-level keys, compact or not. */
    private JsonText.Style style() {
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        String unit = JsonText.Style.DEFAULT.indentUnit();
        boolean compact = false;
        String colon = JsonText.Style.DEFAULT.colon();
        if (root != null && !root.members().isEmpty()) {
            Member first = root.members().get(0);
            String between = text.substring(root.open() + 1, first.keyStart());
            int nl = between.lastIndexOf('\n');
            if (nl >= 0) {
                String indent = between.substring(nl + 1);
                unit = indent.isEmpty() ? unit : indent;
            }
            compact = text.substring(root.open(), root.close()).indexOf('\n') < 0;
            String c = text.substring(first.keyEnd(), first.valueStart());
            colon = c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0 ? colon : c;
        }
        return new JsonText.Style(newline, unit, colon, compact);
    }
}
