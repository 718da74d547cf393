package dev.rtbench.harness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Renders report blocks as one self-contained HTML file ({@code report.html}): charts are embedded as PNG data
 * URIs, styles are inline, nothing is fetched. Every piece of text, including what comes from results.json
 * (runtime names, failure reasons, notes), is HTML-escaped.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,-apple-system,"DejaVu Sans",sans-serif;max-width:1100px;margin:2em auto;\
            padding:0 1em;color:#222;line-height:1.45}
            table{border-collapse:collapse;margin:1em 0;font-size:0.9em}
            th,td{border:1px solid #ccc;padding:0.3em 0.6em;vertical-align:top}
            th{background:#f3f3f3}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            figure{margin:1.5em 0}
            img{max-width:100%;height:auto;border:1px solid #eee}
            figcaption{font-size:0.85em;color:#555}
            """;

    private HtmlReport() {}

    public static String render(List<Block> blocks, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        for (Block b : blocks) {
            // Java 17: no pattern matching in switch yet
            if (b instanceof Block.Heading h) {
                sb.append("<h").append(h.level()).append('>').append(escape(h.text())).append("</h").append(h.level())
                        .append(">\n");
            } else if (b instanceof Block.Paragraph p) {
                sb.append("<p>").append(escape(p.text())).append("</p>\n");
            } else if (b instanceof Block.Bullets l) {
                sb.append("<ul>\n");
                l.items().forEach(i -> sb.append("<li>").append(escape(i)).append("</li>\n"));
                sb.append("</ul>\n");
            } else if (b instanceof Block.Table t) {
                table(sb, t);
            } else if (b instanceof Block.Chart c) {
                sb.append("<figure><img alt=\"").append(escape(c.file().title()))
                        .append("\" src=\"data:image/png;base64,").append(base64(c.file().png()))
                        .append("\"><figcaption>").append(escape(c.file().title())).append("</figcaption></figure>\n");
            }
        }
        return sb.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder sb, Block.Table t) {
        sb.append("<table>\n<thead><tr>");
        t.headers().forEach(h -> sb.append("<th>").append(escape(h)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                sb.append(t.rightAligned()[i] ? "<td class=\"num\">" : "<td>").append(escape(row.get(i))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static String base64(Path png) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(png));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot embed chart " + png + ": " + e.getMessage(), e);
        }
    }

    /** Escapes the five characters that are markup in HTML text and attribute values. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
