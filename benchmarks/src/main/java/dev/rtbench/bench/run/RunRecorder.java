package dev.rtbench.bench.run;

import dev.rtbench.harness.results.BlockOrder;
import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.HostSample;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.results.Timeline;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The run as it stands, and {@code results.json} rewritten from it after every slot: a crash, a Ctrl-C or a
 * lost daemon leaves every finished sample on disk, with a status that says how the run ended.
 */
final class RunRecorder {

    static final String RUNNING = "running";
    static final String COMPLETE = "complete";
    static final String INTERRUPTED = "interrupted";
    static final String FAILED = "failed";

    private final String runId;
    private final Path file;
    private final Instant started = Instant.now();
    private final List<Sample> samples = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<BlockOrder> blocks = new ArrayList<>();
    private final List<HostSample> host = new ArrayList<>();
    private final List<Timeline> timelines = new ArrayList<>();
    private Environment environment;
    private RunConfig config;
    private String status = RUNNING;
    private Instant finished;

    RunRecorder(String runId, Path dir, RunConfig initial) {
        this.runId = runId;
        this.file = dir.resolve(ResultsJson.FILE_NAME);
        this.config = initial;
    }

    synchronized void configure(RunConfig c, Environment e) {
        this.config = c;
        this.environment = e;
    }

    synchronized void addBlock(BlockOrder b) {
        blocks.add(b);
    }

    synchronized void addSamples(List<Sample> s) {
        samples.addAll(s);
    }

    synchronized void addTimelines(List<Timeline> t) {
        timelines.addAll(t);
    }

    synchronized void addHost(List<HostSample> h) {
        host.addAll(h);
    }

    synchronized void note(String n) {
        notes.add(n);
    }

    synchronized String status() {
        return status;
    }

    synchronized boolean running() {
        return RUNNING.equals(status);
    }

    /** Ends the run with {@code how}; only the first end counts (a Ctrl-C during a failure stays interrupted). */
    synchronized boolean end(String how, String why) {
        if (!running()) {
            return false;
        }
        status = how;
        finished = Instant.now();
        if (why != null) {
            notes.add(why);
        }
        return true;
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    synchronized RunResults snapshot() {
        RunConfig c = new RunConfig(config.runtimes(), config.baseline(), config.workloads(), config.profile(),
                config.image(), config.roundOrder(), blocks, config.phaseCalls());
        return new RunResults(RunResults.FORMAT_VERSION, runId, started, finished, status, environment, c, samples,
                notes, host, timelines);
    }

    synchronized RunResults write() {
        RunResults r = snapshot();
        ResultsJson.write(r, file);
        return r;
    }
}
