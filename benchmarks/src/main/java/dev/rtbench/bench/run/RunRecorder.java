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
    private final Instant started;
    private final List<Sample> samples = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<BlockOrder> blocks = new ArrayList<>();
    private final List<HostSample> host = new ArrayList<>();
    private final List<Timeline> timelines = new ArrayList<>();
    private Environment environment;
    private RunConfig config;
    private String status = RUNNING;
    private Instant finished;
    /** for a resumed run: the number of this part, and when it began; 0 for a run in one part */
    private final int part;
    private final Instant partStarted = Instant.now();
    /** a resumed run's file is rewritten only once the continuation was checked: a refused one leaves it as it was */
    private boolean writable;

    RunRecorder(String runId, Path dir, RunConfig initial) {
        this.runId = runId;
        this.file = dir.resolve(ResultsJson.FILE_NAME);
        this.config = initial;
        this.started = partStarted;
        this.part = 0;
        this.writable = true;
    }

    /** The recorder of a resumed run: what the earlier parts kept ({@link RunResume}), and the new part's note. */
    RunRecorder(RunResume resume, Path dir) {
        RunResults was = resume.previous();
        this.runId = was.runId();
        this.file = dir.resolve(ResultsJson.FILE_NAME);
        this.config = was.config();
        this.environment = was.environment();
        this.started = was.started();
        this.part = resume.part();
        this.samples.addAll(resume.samples());
        this.blocks.addAll(resume.blocks());
        this.host.addAll(resume.host());
        this.timelines.addAll(resume.timelines());
        this.notes.addAll(resume.notes());
        this.notes.add(resume.resumedNote(partStarted));
        this.writable = false;
    }

    /** The continuation was checked: from now on the run's file is rewritten as the run goes. */
    synchronized void accept() {
        writable = true;
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
        // a resumed run says again what its first part said of its workloads and runtimes: kept once
        if (part == 0 || !notes.contains(n)) {
            notes.add(n);
        }
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
        if (part > 0) {
            notes.add(RunResume.partNote(part, partStarted, finished, environment));
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
        if (writable) {
            ResultsJson.write(r, file);
        }
        return r;
    }
}
