package dev.rtbench.harness.daemonjson;

import dev.rtbench.harness.io.TextLocation;
import java.util.List;

/** Where things are in daemon.json text: character offsets of objects and members, and their line and column. */
final class JsonSpans {

    private JsonSpans() {
    }

    /** A key/value pair in an object: offsets into the text, value end exclusive. */
    record Member(String name, int keyStart, int keyEnd, int valueStart, int valueEnd) {
    }

    /** An object's braces (offsets of '{' and '}') and its members in document order. */
    record ObjectSpan(int open, int close, List<Member> members) {
        Member member(String name) {
            for (Member m : members) {
                if (m.name().equals(name)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** {@code source:line:column} of a character offset. */
    static String where(String text, String sourceName, int offset) {
        return TextLocation.of(text, sourceName, offset);
    }
}
