package dev.rtbench.bench.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@code benchmarks.jar}. */
public interface Command {
    /** Exit status: 0 success, 1 the check failed (e.g. a regression), 2 wrong usage or unreadable input. */
    int run(List<String> args, PrintStream out, PrintStream err);
}
