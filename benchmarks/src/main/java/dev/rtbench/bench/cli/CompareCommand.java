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
 * {@code compare BASELINE CURRENT [--max-regression 10%] [--repeat RUN]}: see {@link ComparisonReport}. Exit status 0 when the gate
 * passes, 1 on a significant regression beyond the bound, 3 when inconclusive, 2 on a usage error, an unreadable
 * results file, or nothing to compare.
 */
public final class CompareCommand extends OptionCommand {

    private final OptionSpec<String> maxRegression = parser.accepts("max-regression",
            "largest tolerated slowdown, e.g. 10% or 5.5%").withRequiredArg().describedAs("P").defaultsTo("10%");
    private final OptionSpec<String> repeat = parser.accepts("repeat", "a second run of the baseline run's build:"
            + " gives the run-to-run variance, so that each runtime's own figures can be judged too")
            .withRequiredArg().describedAs("RUN");

    public CompareCommand() {
        super("compare", 2);
        parser.nonOptions("BASELINE CURRENT: run folders holding results.json, or results.json paths");
    }

    @Override
    protected String usage() {
        return """
                usage: java -jar benchmarks.jar compare BASELINE CURRENT [--max-regression 10%] [--repeat RUN]
                  Compares two runs on each workload's primary metric: each runtime's ratio to the baseline
                  runtime (median and worse tail), failure rates, and, with --repeat (a second run of the
                  baseline run's build), each runtime's own figures. Exit 0: every median rules out a
                  regression beyond the bound; 1: a significant regression beyond it; 3: inconclusive (more
                  blocks needed, or nothing judged); 2: usage error or nothing to compare.""";
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
        RunResults again;
        try {
            b = ResultsJson.read(Path.of(runs.get(0)));
            c = ResultsJson.read(Path.of(runs.get(1)));
            again = o.has(repeat) ? ResultsJson.read(Path.of(o.valueOf(repeat))) : null;
        } catch (ResultsFormatException e) {
            err.println("compare: " + e.getMessage());
            return 2;
        }
        try {
            return switch (ComparisonReport.print(b, c, again, bound, out)) {
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
