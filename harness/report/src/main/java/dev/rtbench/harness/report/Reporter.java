package dev.rtbench.harness.report;

import dev.rtbench.harness.attribution.Attribution;
import dev.rtbench.harness.chart.ChartFile;
import dev.rtbench.harness.chart.ChartRenderer;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.StatsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Renders everything of a run into its folder: {@code analysis.json} (every comparison, for scripts),
 * {@code charts/*.png|svg}, {@code report.md}, a self-contained {@code report.html} and the machine card
 * {@code machine.md}. Reads nothing but the results, so {@code report DIR} re-renders identically.
 */
public final class Reporter {

    public static final String CHARTS_DIR = "charts";
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";

    /**
     * What was rendered.
     *
     * @param analysis the statistics the report shows
     * @param charts        the chart files
     * @param skippedCharts one line per chart that could not be drawn, saying why
     * @param markdown      path of report.md
     * @param html          path of report.html
     * @param analysisJson  path of analysis.json
     * @param summary       the console summary text
     */
    public record Rendered(RunAnalysis analysis, List<ChartFile> charts, List<String> skippedCharts, Path markdown,
            Path html, Path analysisJson, String summary) {
        public Rendered {
            charts = List.copyOf(charts);
            skippedCharts = List.copyOf(skippedCharts);
        }
    }

    private Reporter() {}

    public static Rendered render(RunResults results, Path runDir) {
        return render(results, runDir, line -> { });
    }

    /**
     * Renders, telling {@code progress} what it does and how long each part took: a report on hundreds of
     * thousands of samples runs for a while, and a silent one looks hung.
     */
    public static Rendered render(RunResults results, Path runDir, Consumer<String> progress) {
        long t0 = System.nanoTime();
        progress.accept(String.format(Locale.ROOT, "statistics of %,d samples ...", results.samples().size()));
        RunAnalysis analysis = RunAnalysis.of(results, StatsOptions.defaults());
        progress.accept(String.format(Locale.ROOT, "  %d series, %d comparisons in %.1f s; charts ...",
                analysis.summaries().size(), analysis.overheads().size(), (System.nanoTime() - t0) / 1e9));
        return render(analysis, runDir, progress);
    }

    public static Rendered render(RunAnalysis analysis, Path runDir) {
        return render(analysis, runDir, line -> { });
    }

    private static Rendered render(RunAnalysis analysis, Path runDir, Consumer<String> progress) {
        long t0 = System.nanoTime();
        // bootstrapped once, for the charts, both reports, analysis.json and the summary
        Attribution attribution = Attribution.of(analysis.results(), analysis.options());
        // the machine-readable verdicts first: they need no chart and survive a failing renderer
        Path json = AnalysisJson.write(analysis, attribution, runDir);
        ChartRenderer.Charts charts = ChartRenderer.render(analysis, attribution, runDir.resolve(CHARTS_DIR));
        progress.accept(String.format(Locale.ROOT, "  %d charts in %.1f s; report.md and report.html ...",
                charts.files().size(), (System.nanoTime() - t0) / 1e9));
        List<Block> blocks = ReportContent.build(analysis, attribution, charts.files(), charts.skipped());
        Path md = runDir.resolve(MARKDOWN);
        Path html = runDir.resolve(HTML);
        try {
            Files.writeString(md, MarkdownReport.render(blocks, runDir), StandardCharsets.UTF_8);
            Files.writeString(runDir.resolve(MachineCard.FILE_NAME), MachineCard.markdown(analysis.results(), runDir),
                    StandardCharsets.UTF_8);
            Files.writeString(html, HtmlReport.render(blocks, "rtbench report: " + analysis.results().runId()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + runDir + ": " + e.getMessage(), e);
        }
        return new Rendered(analysis, charts.files(), charts.skipped(), md, html, json,
                ConsoleSummary.format(analysis, attribution, charts.skipped()));
    }
}
