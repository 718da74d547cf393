package dev.rtbench.bench.run;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * JMH's own text output, sent to the run's {@code jmh.log} rather than the console a person reads; on the way it
 * times the warm-up iterations, set-up and clean-up included, so that the plan can price a first block without
 * them. Halving a first block instead priced the full profile's round at 5 min 31 s that took 8 min 46 s: a
 * density warm-up starts 2 containers where its sample starts 50, and a warm-up at a tenth of the size costs less
 * than its sample.
 */
final class BenchmarkListener implements OutputFormat {

    private final OutputFormat log;
    private long warmupStarted;
    private long warmupNanos;

    private BenchmarkListener(OutputFormat log) {
        this.log = log;
    }

    static BenchmarkListener to(PrintStream log) {
        return new BenchmarkListener(OutputFormatFactory.createFormatInstance(log, VerboseMode.NORMAL));
    }

    /** The wall time of the warm-up iterations seen so far. */
    Duration warmups() {
        return Duration.ofNanos(warmupNanos);
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        // JMH calls this before the iteration's set-up and iterationResult after its tear-down
        if (params.getType() == IterationType.WARMUP) {
            warmupStarted = System.nanoTime();
        }
        log.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                IterationResult data) {
        if (params.getType() == IterationType.WARMUP) {
            warmupNanos += System.nanoTime() - warmupStarted;
        }
        log.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startBenchmark(BenchmarkParams benchParams) {
        log.startBenchmark(benchParams);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        log.endBenchmark(result);
    }

    @Override
    public void startRun() {
        log.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        log.endRun(result);
    }

    @Override
    public void print(String s) {
        log.print(s);
    }

    @Override
    public void println(String s) {
        log.println(s);
    }

    @Override
    public void flush() {
        log.flush();
    }

    @Override
    public void close() {
        log.close();
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        log.write(b);
    }
}
