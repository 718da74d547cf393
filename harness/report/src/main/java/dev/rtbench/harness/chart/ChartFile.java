package dev.rtbench.harness.chart;

import java.nio.file.Path;
import java.util.List;

/**
 * One rendered chart, in both formats.
 *
 * @param name   file name without extension, e.g. {@code overhead}
 * @param title  the chart's title
 * @param png    the bitmap (2x scale, for documents and web pages)
 * @param svg    the vector version (for papers)
 * @param series the names of the series shown in the legend
 */
public record ChartFile(String name, String title, Path png, Path svg, List<String> series) {

    public ChartFile {
        series = List.copyOf(series);
    }
}
