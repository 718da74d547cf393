package dev.rtbench.harness.report;

import java.nio.file.Path;
import java.util.List;

/**
 * Renders report blocks as GitHub-flavoured Markdown ({@code report.md}), charts linked relative to the run
 * folder. Text that Markdown would interpret (pipes in cells, HTML, emphasis markers) is escaped.
 */
public final class MarkdownReport {

    private MarkdownReport() {}

    /** The Markdown text; chart links are relative to {@code runDir}. */
    public static String render(List<Block> blocks, Path runDir) {
        StringBuilder sb = new StringBuilder();
        for (Block b : blocks) {
            // Java 17: no pattern matching in switch yet
            if (b instanceof Block.Heading h) {
                sb.append("#".repeat(h.level())).append(' ').append(escape(h.text())).append("\n\n");
            } else if (b instanceof Block.Paragraph p) {
                sb.append(escape(p.text())).append("\n\n");
            } else if (b instanceof Block.Bullets l) {
                l.items().forEach(i -> sb.append("- ").append(escape(i)).append('\n'));
                sb.append('\n');
            } else if (b instanceof Block.Table t) {
                table(sb, t);
            } else if (b instanceof Block.Chart c) {
                sb.append("![").append(escape(c.file().title())).append("](").append(link(runDir, c.file().png()))
                        .append(")\n\n[SVG](").append(link(runDir, c.file().svg())).append(")\n\n");
            }
        }
        return sb.toString();
    }

    private static void table(StringBuilder sb, Block.Table t) {
        sb.append('|');
        t.headers().forEach(h -> sb.append(' ').append(cell(h)).append(" |"));
        sb.append("\n|");
        for (int i = 0; i < t.headers().size(); i++) {
            sb.append(t.rightAligned()[i] ? " ---: |" : " --- |");
        }
        sb.append('\n');
        for (List<String> row : t.rows()) {
            sb.append('|');
            row.forEach(c -> sb.append(' ').append(cell(c)).append(" |"));
            sb.append('\n');
        }
        sb.append('\n');
    }

    private static String link(Path runDir, Path file) {
        Path rel = runDir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        // forward slashes on every OS; spaces and parentheses would end a Markdown link
        return rel.toString().replace('\\', '/').replace(" ", "%20").replace("(", "%28").replace(")", "%29");
    }

    private static String cell(String s) {
        return escape(s).replace("|", "\\|").replace("\n", " ");
    }

    /**
     * Escapes what Markdown would otherwise read as markup: HTML, emphasis, code, headings, and link syntax. A lone
     * bracket (as in an interval {@code [1.61, 1.72]}) stays readable; only {@code ](} and {@code ][}, which would
     * make a link, are broken.
     */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\\', '`', '*', '_', '#' -> sb.append('\\').append(ch);
                case ']' -> {
                    sb.append(ch);
                    if (i + 1 < s.length() && (s.charAt(i + 1) == '(' || s.charAt(i + 1) == '[')) {
                        sb.append('\\');
                    }
                }
                case '!' -> sb.append(i + 1 < s.length() && s.charAt(i + 1) == '[' ? "\\!" : "!");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
