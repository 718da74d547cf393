package dev.rtbench.bench.cli;

import dev.rtbench.harness.report.Reporter;
import dev.rtbench.harness.results.ResultsFormatException;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.stats.SafeText;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import joptsimple.OptionSet;

/**
 * {@code report DIR}: recomputes the statistics and re-renders every chart and report of a run from
 * {@code DIR/results.json} alone ({@link Reporter}). Exit status 0 on success, 2 on a usage error or an unreadable
 * results file (with a message, never a stack trace), 1 if the report cannot be written.
 */
public final class ReportCommand extends OptionCommand {

    public ReportCommand() {
        super("report", 1);
        parser.nonOptions("DIR: the run folder, or the path of its results.json");
    }

    @Override
    protected String usage() {
        return """
                usage: java -jar benchmarks.jar report DIR
                  Recomputes statistics and re-renders analysis.json, charts/, report.md and report.html in DIR
                  from DIR/results.json alone (DIR may also be the path of a results.json).""";
    }

    @Override
    protected String missingOperands() {
        return "give the run folder to report on";
    }

    @Override
    protected int execute(OptionSet o, List<String> operands, PrintStream out, PrintStream err) {
        Path path = Path.of(operands.get(0));
        RunResults results;
        long t0 = System.nanoTime();
        try {
            // progress goes to standard error: standard output stays the summary alone
            err.println("report: reading " + path + " ...");
            results = ResultsJson.read(path);
            err.printf(Locale.ROOT, "  %,d samples in %.1f s%n", results.samples().size(),
                    (System.nanoTime() - t0) / 1e9);
        } catch (ResultsFormatException e) {
            err.println("report: " + e.getMessage());
            return 2;
        }
        Path runDir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        try {
            Reporter.Rendered r = Reporter.render(results, runDir, line -> err.println(line.startsWith(" ") ? line
                    : "report: " + line));
            err.printf(Locale.ROOT, "report: done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            out.print(r.summary());
            out.println();
            out.println("wrote " + r.analysisJson() + ", " + r.markdown() + ", " + r.html() + " and "
                    + r.charts().size() + " charts in " + runDir.resolve(Reporter.CHARTS_DIR));
            return 0;
        } catch (UncheckedIOException e) {
            err.println("report: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            // a results file we could read but not analyse (e.g. a zero time): one line, never a stack trace
            err.println("report: cannot analyse " + path + ": " + SafeText.line(String.valueOf(e.getMessage())));
            return 1;
        }
    }
}
