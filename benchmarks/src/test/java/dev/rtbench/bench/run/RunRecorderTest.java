package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.BlockOrder;
import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's recorder: results.json rewritten from what stands, and the first end of a run is the one kept. */
class RunRecorderTest {

    @TempDir
    Path dir;

    static final RunConfig CONFIG = new RunConfig(List.of("runc", "runsc"), "runc", List.of("create"), "smoke",
            "rtbench/workload:test", List.of(), List.of(), Map.of("create", "create"));
    static final Environment ENV = new Environment("host", "Debian 12", "6.1.0", "cpu", 2, 1L << 34, "20.10.24",
            "1.41", "1.6.20", "managed", List.of(), "OpenJDK 17", "0.1.0", null, false);

    static Sample sample(String runtime, int block, double ms) {
        return new Sample(runtime, "create", "time", ms, "ms", Direction.LOWER_IS_BETTER, 0, block, 0, 0,
                "c" + block, runtime, null, false);
    }

    @Test
    void everyWriteHoldsWhatStandsAndReadsBack() {
        RunRecorder r = new RunRecorder("run-1", dir, CONFIG);
        r.configure(CONFIG, ENV);
        r.addBlock(new BlockOrder(0, 0, List.of("create"), List.of("runc", "runsc")));
        r.addSamples(List.of(sample("runc", 0, 10.5), sample("runsc", 0, 40.25)));
        r.note("a note");
        RunResults written = r.write();
        assertEquals(RunRecorder.RUNNING, written.status());
        assertNull(written.finished());
        RunResults read = ResultsJson.read(dir);
        assertEquals("run-1", read.runId());
        assertEquals(2, read.samples().size());
        assertEquals(40.25, read.samples().get(1).value());
        assertEquals(List.of("a note"), read.notes());
        assertEquals(1, read.config().blocks().size(), "the blocks so far go into the config");
        assertEquals(ENV.hostname(), read.environment().hostname());

        r.addSamples(List.of(sample("runc", 1, 11.0)));
        assertEquals(2, ResultsJson.read(dir).samples().size(), "nothing is written until write()");
        r.write();
        assertEquals(3, ResultsJson.read(dir).samples().size());
    }

    @Test
    void onlyTheFirstEndCounts() {
        RunRecorder r = new RunRecorder("run-2", dir, CONFIG);
        r.configure(CONFIG, ENV);
        assertTrue(r.running());
        assertTrue(r.end(RunRecorder.INTERRUPTED, "interrupted; the samples before it are kept"));
        assertFalse(r.end(RunRecorder.FAILED, "the run failed: daemon gone"), "a failure during Ctrl-C stays interrupted");
        assertFalse(r.running());
        RunResults done = r.write();
        assertEquals(RunRecorder.INTERRUPTED, done.status());
        assertNotNull(done.finished());
        assertEquals(List.of("interrupted; the samples before it are kept"), done.notes());
        assertEquals(RunRecorder.INTERRUPTED, ResultsJson.read(dir).status());
    }
}
