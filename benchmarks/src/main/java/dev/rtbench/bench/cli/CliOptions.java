package dev.rtbench.bench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;

/** Parsing with jopt-simple (JMH's own option parser), with the project's usage errors and help layout. */
final class CliOptions {
    private CliOptions() {}

    /** Parses, turning jopt-simple's complaint into a usage error; refuses stray words. */
    static OptionSet parse(OptionParser parser, List<String> args) {
        OptionSet o;
        try {
            o = parser.parse(args.toArray(String[]::new));
        } catch (OptionException e) {
            throw new UsageException(e.getMessage());
        }
        if (!o.nonOptionArguments().isEmpty()) {
            throw new UsageException("unexpected arguments " + o.nonOptionArguments());
        }
        return o;
    }

    static void printHelp(OptionParser parser, String usage, PrintStream out) {
        out.println(usage);
        out.println();
        try {
            parser.printHelpOn(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
