package dev.rtbench.bench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * A command whose command line jopt-simple (JMH's own option parser) reads: every command has {@code -h/--help}
 * and the same exit statuses: 0 done, 1 the check failed, 2 wrong usage (one line saying what, and where help is).
 * A subclass declares its options on {@link #parser} and says how many words (operands) it takes besides them.
 */
abstract class OptionCommand implements Command {

    protected final OptionParser parser = new OptionParser();
    private final OptionSpec<Void> help = parser.acceptsAll(List.of("h", "help"), "this help").forHelp();
    private final String name;
    private final int minOperands;
    private final int maxOperands;

    /**
     * @param name     the command's name, as typed
     * @param operands the exact number of words it takes besides its options
     */
    OptionCommand(String name, int operands) {
        this(name, operands, operands);
    }

    OptionCommand(String name, int minOperands, int maxOperands) {
        this.name = name;
        this.minOperands = minOperands;
        this.maxOperands = maxOperands;
    }

    /** The usage line and what the command does, printed above the options by {@code --help}. */
    protected abstract String usage();

    /** Runs with parsed options and the operands, checked in number; returns the exit status. */
    protected abstract int execute(OptionSet o, List<String> operands, PrintStream out, PrintStream err);

    @Override
    public final int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            OptionSet o = parser.parse(args.toArray(String[]::new));
            if (o.has(help)) {
                printHelp(out);
                return 0;
            }
            List<String> operands = o.nonOptionArguments().stream().map(String::valueOf).toList();
            if (operands.size() > maxOperands) {
                throw new UsageException(maxOperands == 0 ? "unexpected arguments " + operands
                        : "at most " + maxOperands + " argument(s) expected, got " + operands);
            }
            if (operands.size() < minOperands) {
                throw new UsageException(missingOperands());
            }
            return execute(o, operands, out, err);
        } catch (UsageException | OptionException e) {
            // jopt-simple converts values when they are asked for, so its complaints can come from execute too
            return usageError(e.getMessage(), err);
        }
    }

    /** What to say when words are missing. */
    protected String missingOperands() {
        return minOperands + " argument(s) expected";
    }

    /** Reports wrong usage on one line with where help is, and returns 2. */
    protected int usageError(String message, PrintStream err) {
        err.println(name + ": " + oneLine(message));
        err.println("see: java -jar benchmarks.jar " + name + " --help");
        return 2;
    }

    static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private void printHelp(PrintStream out) {
        out.println(usage());
        out.println();
        try {
            parser.printHelpOn(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
