package dev.rtbench.bench.cli;

import dev.rtbench.bench.Main;
import dev.rtbench.harness.io.Executables;
import dev.rtbench.harness.report.ComparisonReport;
import dev.rtbench.harness.report.HostReferenceSection;
import dev.rtbench.harness.report.Replication;
import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.ResultsFormatException;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.stats.RunAnalysis;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code rerun DIR}: repeats a published run's design on this machine ({@link RerunPlan}), says what it could not
 * match, runs it, and puts each primary ratio beside the published one ({@link Replication}). Exit status: the
 * run's, or 2 when the published run cannot be read or nothing of it can run here.
 */
public final class RerunCommand extends OptionCommand {

    private final OptionSpec<String> outDir = parser.accepts("out",
            "the rerun's folder (default: results/rerun-<published run id>-<time>)").withRequiredArg();
    private final OptionSpec<Void> plan = parser.accepts("plan",
            "say what would be run and what could not be matched; run nothing");

    public RerunCommand() {
        super("rerun", 1);
        parser.nonOptions("DIR: a published run's folder, or the path of its results.json");
    }

    @Override
    protected String usage() {
        return """
                usage: java -jar benchmarks.jar rerun DIR [--out OUT] [--plan]
                  Repeats the run in DIR on this machine with its design: the same workloads and sizes, runtimes
                  by family, engines, baseline, profile and block-order seed, and says what it could not match
                  (a runtime missing here, another image). Then puts each primary comparison's ratio to the
                  baseline runtime beside the published one, with both intervals: ratios, never absolute times,
                  which say more about a machine than about a runtime.""";
    }

    @Override
    protected String missingOperands() {
        return "give the published run's folder";
    }

    @Override
    protected int execute(OptionSet o, List<String> operands, PrintStream out, PrintStream err) {
        RunResults published;
        try {
            published = ResultsJson.read(Path.of(operands.get(0)));
        } catch (ResultsFormatException e) {
            err.println("rerun: " + e.getMessage());
            return 2;
        }
        List<String> dirs = Executables.hostDirs();
        RerunPlan p = RerunPlan.of(published, name -> Executables.find(name, dirs).map(Path::toString));
        out.println("rerun of " + published.runId() + Environment.fingerprintOf(published.environment())
                .map(f -> " (measured on machine " + f + ")").orElse("") + ":");
        p.said().forEach(line -> out.println("  " + line));
        p.unmatched().forEach(line -> out.println("  NOT MATCHED " + line));
        Path dir = o.has(outDir) ? Path.of(o.valueOf(outDir)) : Path.of("results", "rerun-" + published.runId() + "-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now()));
        List<String> args = new ArrayList<>(p.runArgs());
        args.addAll(List.of("--out", dir.toString()));
        out.println("  java -jar benchmarks.jar " + String.join(" ", args));
        if (p.unmatched().stream().anyMatch(u -> u.startsWith("the baseline "))) {
            err.println("rerun: the published run's baseline cannot run on this machine: nothing could be compared");
            return 2;
        }
        if (p.unmatched().stream().anyMatch(u -> u.startsWith("no workload "))) {
            err.println("rerun: none of the published run's workloads is built in: give the run its own"
                    + " (--workload-file) with `run`, using the command above");
            return 2;
        }
        if (o.has(plan)) {
            return 0;
        }
        int code = Main.run(args, out, err);
        RunResults rerun;
        try {
            rerun = ResultsJson.read(dir);
        } catch (ResultsFormatException e) {
            err.println("rerun: the run wrote no results to compare (" + e.getMessage() + ")");
            return code == 0 ? 1 : code;
        }
        Replication r = Replication.of(RunAnalysis.of(published), RunAnalysis.of(rerun));
        out.println();
        out.println("Against the published run " + published.runId() + " (each runtime's ratio to the baseline"
                + " runtime, there and here, with their intervals):");
        String machines = ComparisonReport.machines(published, rerun);
        out.println("  " + (machines == null ? "the same machine (fingerprint "
                + Environment.fingerprintOf(rerun.environment()).orElse(null) + ")" : "machines: " + machines));
        HostReferenceSection.sideBySide(published, rerun).ifPresent(line -> out.println("  " + line));
        RerunPlan.imageMatch(published, rerun).ifPresent(line -> out.println("  NOT MATCHED " + line));
        p.unmatched().forEach(line -> out.println("  NOT MATCHED " + line));
        r.lines().forEach(line -> out.println("  " + line));
        r.missing().forEach(line -> out.println("  not measured here: " + line));
        out.println(r.summary() + ".");
        return code;
    }
}
