package dev.rtbench.bench;

import dev.rtbench.bench.cli.Command;
import dev.rtbench.bench.cli.CompareCommand;
import dev.rtbench.bench.cli.ConfigureCommand;
import dev.rtbench.bench.cli.DoctorCommand;
import dev.rtbench.bench.cli.ReportCommand;
import dev.rtbench.bench.cli.RerunCommand;
import dev.rtbench.bench.cli.RunCommand;
import dev.rtbench.bench.cli.RuntimesCommand;
import dev.rtbench.bench.cli.UsageException;
import dev.rtbench.bench.cli.ValidateCommand;
import dev.rtbench.harness.io.ConfigFileException;
import dev.rtbench.harness.results.ResultsFormatException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The entry point of {@code benchmarks.jar}. With no arguments it runs the main job ({@code run}); JMH's own
 * command line stays reachable as {@code jmh ...}.
 */
public final class Main {

    private static final Map<String, Supplier<Command>> COMMANDS = new LinkedHashMap<>();
    private static final Map<String, String> HELP = new LinkedHashMap<>();

    // Lambdas, not constructor references: a reference links its class when this table is built, and linking a
    // command that catches an engine's exception loads the engine. A lambda's class is linked only when called, so
    // report and compare run with no engine on the class path (WithoutEngineTest).
    static {
        add("run", () -> new RunCommand(), "the main job: every workload under every runtime, interleaved");
        add("doctor", () -> new DoctorCommand(), "checks dockerd, each runtime (runs a container), KVM, permissions");
        add("configure", () -> new ConfigureCommand(), "edits a daemon.json safely: diff, validation, atomic write, backup, --restore, --reload");
        add("report", () -> new ReportCommand(),
                "recomputes statistics, charts and reports from DIR/results.json");
        add("compare", () -> new CompareCommand(),
                "the change between two runs with intervals and significance; exit 1 on a regression, 3 undecided");
        add("rerun", () -> new RerunCommand(),
                "repeats a published run's design here and sets its ratios beside the published ones");
        add("validate", () -> new ValidateCommand(), "rtbench checks itself here: a known injected delay, A/A, what can be resolved");
        add("runtimes", () -> new RuntimesCommand(), "each known runtime, found or not, its version and daemon.json entry");
    }

    private Main() {}

    private static void add(String name, Supplier<Command> cmd, String help) {
        COMMANDS.put(name, cmd);
        HELP.put(name, help);
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs a command line and returns its exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        String name = args.isEmpty() ? "run" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        if (name.startsWith("-") && !name.equals("-h") && !name.equals("--help")) {
            // options with no command belong to run, the default
            name = "run";
            rest = args;
        }
        if (name.equals("-h") || name.equals("--help") || name.equals("help")) {
            usage(out);
            return 0;
        }
        if (name.equals("jmh")) {
            try {
                org.openjdk.jmh.Main.main(rest.toArray(String[]::new));
                return 0;
            } catch (Exception e) {
                err.println("jmh: " + e.getMessage());
                return 1;
            }
        }
        Supplier<Command> cmd = COMMANDS.get(name);
        if (cmd == null) {
            err.println("unknown command \"" + name + "\"");
            usage(err);
            return 2;
        }
        try {
            return cmd.get().run(rest, out, err);
        } catch (UsageException | IllegalArgumentException | ConfigFileException | ResultsFormatException e) {
            // ConfigFileException, not daemon.json's own: naming an engine class here would put the engine on the
            // class path of every command, report and compare included (WithoutEngineTest)
            err.println(name + ": " + e.getMessage());
            err.println("see: java -jar benchmarks.jar " + name + " --help");
            return 2;
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar benchmarks.jar [COMMAND] [OPTIONS]");
        out.println();
        out.println("With no command, runs `run` with its defaults: a complete comparison of every runtime that");
        out.println("can run here against runc.");
        out.println();
        for (var e : HELP.entrySet()) {
            out.printf("  %-10s %s%n", e.getKey(), e.getValue());
        }
        out.printf("  %-10s %s%n", "jmh", "JMH's own command line (jmh -l, jmh -h, any JMH option)");
        out.println();
        out.println("`java -jar benchmarks.jar COMMAND --help` tells more of each.");
    }
}
