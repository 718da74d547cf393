package dev.rtbench.bench.run;

import java.io.PrintStream;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/** JMH's own text output, sent to the run's {@code jmh.log} rather than the console a person reads. */
final class BenchmarkListener {
    private BenchmarkListener() {}

    static OutputFormat to(PrintStream log) {
        return OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL);
    }
}
