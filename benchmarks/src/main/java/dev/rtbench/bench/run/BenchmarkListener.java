package dev.rtbench.bench.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.function.Consumer;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * JMH's own text output (to the step's log file), plus two hooks: when a benchmark starts (a progress line for
 * the person waiting) and when it ends (its times, so results.json is rewritten after every benchmark rather
 * than after a whole JMH run).
 */
final class BenchmarkListener implements OutputFormat {
    private final OutputFormat text;
    private final Consumer<BenchmarkParams> started;
    private final Consumer<BenchmarkResult> ended;

    BenchmarkListener(PrintStream log, Consumer<BenchmarkParams> started, Consumer<BenchmarkResult> ended) {
        this.text = OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL);
        this.started = started;
        this.ended = ended;
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        text.startBenchmark(params);
        started.accept(params);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        text.endBenchmark(result);
        if (result != null) {
            ended.accept(result);
        }
    }

    @Override
    public void iteration(BenchmarkParams b, IterationParams i, int n) {
        text.iteration(b, i, n);
    }

    @Override
    public void iterationResult(BenchmarkParams b, IterationParams i, int n, IterationResult r) {
        text.iterationResult(b, i, n, r);
    }

    @Override
    public void startRun() {
        text.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> results) {
        text.endRun(results);
    }

    @Override
    public void print(String s) {
        text.print(s);
    }

    @Override
    public void println(String s) {
        text.println(s);
    }

    @Override
    public void flush() {
        text.flush();
    }

    @Override
    public void close() {
        text.close();
    }

    @Override
    public void verbosePrintln(String s) {
        text.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        text.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        text.write(b);
    }
}
