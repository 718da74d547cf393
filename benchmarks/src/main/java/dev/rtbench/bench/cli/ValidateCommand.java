package dev.rtbench.bench.cli;

import dev.rtbench.bench.run.EngineChoice;
import dev.rtbench.bench.validate.Validate;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/** {@code validate}: rtbench checks itself on this machine; see {@link Validate}. */
public final class ValidateCommand extends OptionCommand {

    private final OptionSpec<String> inject = parser.accepts("inject",
            "the delay the calibration runtime adds, e.g. 25ms, 0.1s").withRequiredArg().defaultsTo("25ms");
    private final OptionSpec<String> verb = parser.accepts("inject-verb",
            "the OCI verb it delays: create, start, kill, delete or exec").withRequiredArg().defaultsTo("create");
    private final OptionSpec<String> tolerance = parser.accepts("tolerance",
            "how far the recovered delay may be from the injected one, e.g. 20%").withRequiredArg().defaultsTo("20%");
    private final OptionSpec<String> budget = parser.accepts("budget",
            "measuring time, e.g. 4m").withRequiredArg().defaultsTo("4m");
    private final OptionSpec<Integer> rounds = parser.accepts("rounds",
            "measure exactly this many rounds, however long they take on this machine (--budget still caps them);"
                    + " default: 12 or more, while the budget allows").withRequiredArg().ofType(Integer.class);
    private final OptionSpec<String> phases = parser.accepts("phases",
            "measure only these phases, comma-separated (the verb's among them): a shorter run; default: every"
                    + " phase of the engine").withRequiredArg().withValuesSeparatedBy(',');
    private final OptionSpec<String> outDir = parser.accepts("out",
            "the validation run's folder (default: results/<run-id>)").withRequiredArg();

    private final OptionSpec<String> falseFailures = parser.accepts("false-failures",
            "measure nothing: from the A/A blocks of this recorded validate run, how often validate fails a correct"
                    + " instrument (with --inject, --inject-verb and --tolerance as given)").withRequiredArg()
            .describedAs("RUN");

    private final OptionSpec<String> engine = parser.accepts("engine",
            "docker (default) or cri: check the phases as measured through a managed containerd's CRI")
            .withRequiredArg().defaultsTo("docker");

    private final OptionSpec<Void> attribute = parser.accepts("attribute",
            "check run --attribute: the delay must come back in its verb's segment (OCI create of start) and in"
                    + " no other; the A/A pair becomes runc without the tracing wrapper and with it, which states"
                    + " the wrapper's cost");

    public ValidateCommand() {
        super("validate", 0);
    }

    @Override
    protected String usage() {
        return """
                usage: java -jar benchmarks.jar validate [OPTIONS]

                Measures, in a private dockerd (or with --engine cri a private containerd's CRI), runc beside
                a second name for runc (A/A) and two identical wrappers around runc, one of which delays one
                OCI verb by a known time; exits 0 when the delay comes back within its interval and tolerance
                (times the calls of the verb the phase holds) and the A/A pair shows no difference, 1 with
                what failed and by how much, 3 when the blocks could not decide (an interval that holds 0 or
                is wider than the tolerance). With --attribute, the delay is checked segment by segment
                and the A/A pair states what the tracing wrapper costs.""";
    }

    @Override
    protected int execute(OptionSet o, List<String> operands, PrintStream out, PrintStream err) {
        if (o.has(falseFailures)) {
            return Validate.falseFailures(Path.of(o.valueOf(falseFailures)), Durations.parse(o.valueOf(inject),
                    "--inject"), o.valueOf(verb), Durations.percent(o.valueOf(tolerance), "--tolerance"), out, err);
        }
        Validate validate;
        try {
            validate = new Validate(Durations.parse(o.valueOf(inject), "--inject"), o.valueOf(verb),
                    Durations.percent(o.valueOf(tolerance), "--tolerance"), Durations.parse(o.valueOf(budget),
                    "--budget"), o.has(outDir) ? RunFolder.check(Path.of(o.valueOf(outDir)), "--out") : null,
                    engineOf(o), roundsOf(o), phasesOf(o), o.has(attribute));
        } catch (IllegalArgumentException e) {
            // a verb or a phase it does not know, or --phases without the verb's phase
            throw new UsageException(e.getMessage());
        }
        return validate.run(out, err);
    }

    private List<String> phasesOf(OptionSet o) {
        return o.valuesOf(phases).stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private int roundsOf(OptionSet o) {
        if (!o.has(rounds)) {
            return 0;
        }
        int n = o.valueOf(rounds);
        if (n < 1) {
            throw new UsageException("--rounds must be at least 1, got " + n);
        }
        return n;
    }

    private EngineChoice engineOf(OptionSet o) {
        try {
            EngineChoice e = EngineChoice.parse(o.valueOf(engine));
            if (e == EngineChoice.BOTH) {
                throw new UsageException("validate checks one engine at a time: --engine docker or cri");
            }
            return e;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
