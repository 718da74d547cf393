package dev.rtbench.bench.cli;

import dev.rtbench.bench.validate.Validate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/** {@code validate}: rtbench checks itself on this machine; see {@link Validate}. */
public final class ValidateCommand implements Command {

    private final OptionParser parser = new OptionParser();
    private final OptionSpec<String> inject = parser.accepts("inject",
            "the delay the calibration runtime adds, e.g. 25ms, 0.1s").withRequiredArg().defaultsTo("25ms");
    private final OptionSpec<String> verb = parser.accepts("inject-verb",
            "the OCI verb it delays: create, start, kill, delete or exec").withRequiredArg().defaultsTo("create");
    private final OptionSpec<String> tolerance = parser.accepts("tolerance",
            "how far the recovered delay may be from the injected one, e.g. 20%").withRequiredArg().defaultsTo("20%");
    private final OptionSpec<String> budget = parser.accepts("budget",
            "measuring time, e.g. 4m").withRequiredArg().defaultsTo("4m");
    private final OptionSpec<String> outDir = parser.accepts("out",
            "the validation run's folder (default: results/<run-id>)").withRequiredArg();
    private final OptionSpec<Void> help = parser.acceptsAll(List.of("h", "help"), "this help").forHelp();

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        OptionSet o = CliOptions.parse(parser, args);
        if (o.has(help)) {
            CliOptions.printHelp(parser, "usage: java -jar benchmarks.jar validate [OPTIONS]\n\n"
                    + "Measures, in a private dockerd, runc beside a second name for runc (A/A) and two identical\n"
                    + "wrappers around runc, one of which delays one OCI verb by a known time; exits 0 when the\n"
                    + "delay comes back within its interval and tolerance and the A/A pair shows no difference,\n"
                    + "1 with what failed and by how much.", out);
            return 0;
        }
        return new Validate(Durations.parse(o.valueOf(inject), "--inject"), o.valueOf(verb),
                Durations.percent(o.valueOf(tolerance), "--tolerance"), Durations.parse(o.valueOf(budget), "--budget"),
                o.has(outDir) ? Path.of(o.valueOf(outDir)) : null).run(out, err);
    }
}
