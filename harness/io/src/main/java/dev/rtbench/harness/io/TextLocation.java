package dev.rtbench.harness.io;

/** Where a character is in a configuration file's text, the way editors and compilers say it. */
public final class TextLocation {

    private TextLocation() {
    }

    /** {@code source:line:column} of a character offset (both counted from 1). */
    public static String of(String text, String sourceName, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return sourceName + ":" + line + ":" + (offset - lineStart + 1);
    }
}
