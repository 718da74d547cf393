package dev.rtbench.harness.report;

import dev.rtbench.harness.chart.ChartFile;
import java.util.List;

/**
 * The content of a report, independent of its format: {@link MarkdownReport} and {@link HtmlReport} render the
 * same blocks, so the two files never disagree. All text is plain; each renderer escapes it for its format.
 */
public sealed interface Block {

    record Heading(int level, String text) implements Block {}

    record Paragraph(String text) implements Block {}

    record Bullets(List<String> items) implements Block {
        public Bullets {
            items = List.copyOf(items);
        }
    }

    /** A table; {@code rightAligned[i]} for numeric columns. */
    record Table(List<String> headers, List<List<String>> rows, boolean[] rightAligned) implements Block {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
            rightAligned = rightAligned.clone();
        }
    }

    record Chart(ChartFile file) implements Block {}
}
