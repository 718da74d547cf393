package dev.rtbench.bench.cli;

import dev.rtbench.harness.report.ComparisonReport;
import dev.rtbench.harness.results.ResultsFormatException;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code compare BASELINE CURRENT [--max-regression 10%]}: see {@link ComparisonReport}. Exit status 0 when the gate
 * passes, 1 on a significant regression beyond the bound, 3 when inconclusive, 2 on a usage error, an unreadable
 * results file, or nothing to compare.
 */
public final class CompareCommand extends OptionCommand {

    private final OptionSpec<String> maxRegression = parser.accepts("max-regression",
            "largest tolerated slowdown, e.g. 10% or 5.5%").withRequiredArg().describedAs("P").defaultsTo("10%");

    public CompareCommand() {
        super("compare", 2);
        parser.nonOptions("BASELINE CURRENT: run folders holding results.json, or results.json paths");
    }

    @Override
    protected String usage() {
        return """
                usage: java -jar benchmarks.jar compare BASELINE CURRENT [--max-regression 10%]
                  Compares two runs per workload, metric and runtime. Exit 0: every shared series rules out a
                  regression beyond the bound; 1: a significant regression beyond it; 3: inconclusive (more
                  samples needed); 2: usage error or nothing to compare.""";
    }

    @Override
    protected String missingOperands() {
        return "give two runs: the baseline run and the current one";
    }

    @Override
    protected int execute(OptionSet o, List<String> runs, PrintStream out, PrintStream err) {
        double bound = Durations.percent(o.valueOf(maxRegression), "--max-regression", true);
        RunResults b;
        RunResults c;
        try {
            b = ResultsJson.read(Path.of(runs.get(0)));
            c = ResultsJson.read(Path.of(runs.get(1)));
        } catch (ResultsFormatException e) {
            err.println("compare: " + e.getMessage());
            return 2;
        }
        try {
            return switch (ComparisonReport.print(b, c, bound, out)) {
                case PASS -> 0;
                case FAIL -> 1;
                case INCONCLUSIVE -> 3;
            };
        } catch (ComparisonReport.NothingToCompare e) {
            err.println("compare: " + e.getMessage());
            return 2;
        }
    }
}
