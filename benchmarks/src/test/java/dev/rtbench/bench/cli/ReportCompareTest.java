package dev.rtbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.stats.SyntheticRuns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} and {@code compare} on SYNTHETIC results.json files written by {@link SyntheticRuns}. */
class ReportCompareTest {

    @TempDir
    Path tmp;

    final ByteArrayOutputStream outBuf = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBuf = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBuf, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBuf, true, StandardCharsets.UTF_8);

    String out() {
        return outBuf.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBuf.toString(StandardCharsets.UTF_8);
    }

    Path runDir(String name, RunResults r) {
        Path dir = tmp.resolve(name);
        ResultsJson.write(r, dir.resolve(ResultsJson.FILE_NAME));
        return dir;
    }

    @Test
    void reportRerendersFromResultsJsonAlone() throws Exception {
        Path dir = runDir("run1", SyntheticRuns.run(1, 10));
        assertEquals(0, new ReportCommand().run(List.of(dir.toString()), out, err), err());
        assertTrue(Files.isRegularFile(dir.resolve("report.md")));
        assertTrue(Files.isRegularFile(dir.resolve("report.html")));
        assertTrue(Files.isRegularFile(dir.resolve("charts/overhead.svg")));
        assertTrue(out().contains("runsc: "), out());
        String first = Files.readString(dir.resolve("report.md"));
        // reproducible: the same results.json gives the same report, bootstrap intervals included
        assertEquals(0, new ReportCommand().run(List.of(dir.resolve("results.json").toString()), out, err));
        assertEquals(first, Files.readString(dir.resolve("report.md")));
    }

    @Test
    void reportUsageErrors() {
        assertEquals(0, new ReportCommand().run(List.of("--help"), out, err));
        assertTrue(out().startsWith("usage: java -jar benchmarks.jar report DIR"), out());
        assertEquals(2, new ReportCommand().run(List.of("--bogus", "x"), out, err));
        assertTrue(err().startsWith("report: bogus is not a recognized option")
                && err().contains("see: java -jar benchmarks.jar report --help"), err());
        assertEquals(2, new ReportCommand().run(List.of(), out, err));
        assertTrue(err().contains("give the run folder to report on"), err());
        assertEquals(2, new ReportCommand().run(List.of("a", "b"), out, err));
    }

    @Test
    void malformedOrForeignResultsGiveAClearMessage() throws Exception {
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("results.json"), "{\"formatVersion\": 1, \"runId\": ");
        assertEquals(2, new ReportCommand().run(List.of(broken.toString()), out, err));
        assertTrue(err().contains("is not valid JSON at line 1"), err());

        Path jmh = tmp.resolve("jmh");
        Files.createDirectories(jmh);
        Files.writeString(jmh.resolve("results.json"), "[{\"benchmark\": \"x\", \"mode\": \"ss\"}]");
        assertEquals(2, new ReportCommand().run(List.of(jmh.toString()), out, err));
        assertTrue(err().contains("is not an rtbench results file"), err());

        assertEquals(2, new ReportCommand().run(List.of(tmp.resolve("missing").toString()), out, err));
        assertTrue(err().contains("no such file"), err());
        assertFalse(err().contains("\tat "), "no stack trace: " + err());
        assertFalse(err().contains("Exception"), "no exception names: " + err());
    }

    @Test
    void aValueThatIsNotANumberIsRefusedNamingTheSampleAndAZeroIsReported() throws Exception {
        Path dir = runDir("run1", SyntheticRuns.run(1, 1));
        String json = Files.readString(dir.resolve("results.json"));
        int first = json.indexOf("\"value\" : ");
        int end = json.indexOf(',', first);
        // a time of 0 or below is not a measurement: the sample is left out as failed, with a warning, and the
        // run is reported (it was refused whole, and with it every measurement of the run)
        for (String odd : List.of("0.0", "-3.5")) {
            Path d = tmp.resolve("odd-" + odd);
            Files.createDirectories(d);
            Files.writeString(d.resolve("results.json"), json.substring(0, first) + "\"value\" : " + odd
                    + json.substring(end));
            errBuf.reset();
            assertEquals(0, new ReportCommand().run(List.of(d.toString()), out, err), odd + ": " + err());
            assertTrue(Files.readString(d.resolve("report.md")).contains("not a measurement"), odd);
        }
        for (String bad : List.of("null", "NaN", "\"NaN\"")) {
            Path d = tmp.resolve("bad-" + bad.replace("\"", "q"));
            Files.createDirectories(d);
            Files.writeString(d.resolve("results.json"), json.substring(0, first) + "\"value\" : " + bad
                    + json.substring(end));
            errBuf.reset();
            assertEquals(2, new ReportCommand().run(List.of(d.toString()), out, err), bad);
            assertTrue(err().contains(": sample 0 (create/time under runc) has value "), bad + ": " + err());
            assertFalse(err().contains("\tat "), err());
        }
    }

    /** {@code r} with every sample changed by {@code f}, or dropped where it returns null. */
    private static RunResults mapSamples(RunResults r, java.util.function.UnaryOperator<Sample> f) {
        return new RunResults(r.formatVersion(), r.runId(), r.started(), r.finished(), r.status(), r.environment(),
                r.config(), r.samples().stream().map(f).filter(java.util.Objects::nonNull).toList(), r.notes());
    }

    private static Sample with(Sample s, double value, String unit) {
        return new Sample(s.runtime(), s.workload(), s.metric(), value, unit, s.direction(), s.round(), s.block(),
                s.fork(), s.iteration(), s.containerId(), s.verifiedRuntime(), s.failure(), s.interrupted());
    }

    @Test
    void aSeriesThatCannotBeComparedMakesTheGateInconclusiveNotAPass() {
        Path a = runDir("a", SyntheticRuns.run(1, 10));
        // the same data, one series' time now given in seconds: once "PASS: all series", exit 0
        Path b = runDir("b", mapSamples(SyntheticRuns.run(2, 10), x -> x.workload().equals("run")
                && x.runtime().equals("runsc") && x.unit().equals("ms") ? with(x, x.value() / 1000, "s") : x));
        assertEquals(3, new CompareCommand().run(List.of(a.toString(), b.toString()), out, err), out() + err());
        assertTrue(out().contains("unit changed from ms to s") && out().contains("not compared, so not passed"),
                out());
        // a series the current run lacks is not a pass either
        outBuf.reset();
        Path c = runDir("c", mapSamples(SyntheticRuns.run(2, 10), x -> x.workload().equals("run")
                && x.runtime().equals("runsc") ? null : x));
        assertEquals(3, new CompareCommand().run(List.of(a.toString(), c.toString()), out, err), out() + err());
        assertTrue(out().contains("missing from the current one"), out());
    }

    @Test
    void compareSameRunPassesTheGate() {
        Path a = runDir("a", SyntheticRuns.run(1, 10));
        Path b = runDir("b", SyntheticRuns.run(2, 10));
        assertEquals(0, new CompareCommand().run(List.of(a.toString(), b.toString()), out, err), out() + err());
        assertTrue(out().contains("PASS: all 16 medians rule out a regression beyond 10%, and no tail or failure rate"
                + " shows one."), out());
        // runc's own figures need a repeated run of the baseline's build; the same run again stands in for one here
        assertTrue(out().contains("not judged (8): create/time under runc"), out());
        assertTrue(out().contains("Not judged: 8 series of a runtime's own figures (no --repeat), so a slowdown of"
                + " the whole machine is not in this verdict."), out());
        outBuf.reset();
        Path again = runDir("again", SyntheticRuns.run(3, 10));
        assertEquals(0, new CompareCommand().run(List.of(a.toString(), b.toString(), "--repeat", again.toString()),
                out, err), out() + err());
        assertTrue(out().contains("run-to-run component (from synthetic-3): median ") && !out().contains("not judged ("),
                out());
        assertTrue(out().contains("start, runc's own median: "), out());
    }

    @Test
    void compareFailsOnASignificantRegressionBeyondTheBound() {
        Path a = runDir("a", SyntheticRuns.run(1, 10));
        Path b = runDir("b", SyntheticRuns.withSlowdown(SyntheticRuns.run(2, 10), "runsc", "run", 1.3));
        assertEquals(1, new CompareCommand().run(List.of(a.toString(), b.toString(), "--max-regression", "10%"), out, err),
                out() + err());
        assertTrue(out().contains("run, runsc's median ratio to runc: 1.") && out().contains("x worse than before"),
                out());
        assertTrue(out().contains("REGRESSION beyond 10%"), out());
        outBuf.reset();
        // a looser bound lets the same 30% slowdown through
        assertEquals(0, new CompareCommand().run(List.of(a.toString(), b.toString(), "--max-regression=50%"), out, err),
                out());
    }

    @Test
    void aSlowdownOf1point5NeverPasses() {
        for (int rounds : new int[] {1, 2, 10}) {
            Path a = runDir("a" + rounds, SyntheticRuns.run(1, rounds));
            Path b = runDir("b" + rounds, SyntheticRuns.withSlowdown(SyntheticRuns.run(2, rounds), "runsc", "start", 1.5));
            int exit = new CompareCommand().run(List.of(a.toString(), b.toString(), "--max-regression", "10%"), out, err);
            assertTrue(exit == 1 || exit == 3, rounds + " rounds: exit " + exit + "\n" + out() + err());
        }
    }

    @Test
    void tooFewSamplesIsInconclusiveNotAPass() {
        // 3 samples per series: no regression is significant, and none is ruled out either
        Path a = runDir("a", SyntheticRuns.run(1, 1));
        Path b = runDir("b", SyntheticRuns.run(2, 1));
        assertEquals(3, new CompareCommand().run(List.of(a.toString(), b.toString(), "--max-regression", "1%"), out, err),
                out() + err());
        assertTrue(out().contains("INCONCLUSIVE: "), out());
        assertTrue(out().contains("\n  start, runsc's median ratio to runc: too few blocks for an interval; roughly 10"
                + " blocks per run would decide it (now 1)\n"), out());
    }

    @Test
    void nothingToCompareIsAnErrorNotAPass() {
        RunResults base = SyntheticRuns.run(1, 2);
        Path a = runDir("a", base);
        RunResults empty = new RunResults(base.formatVersion(), "empty", base.started(), null, "failed",
                base.environment(), base.config(), List.of(), List.of());
        assertEquals(2, new CompareCommand().run(List.of(a.toString(), runDir("empty", empty).toString()), out, err));
        assertTrue(err().contains("the current run empty has no samples"), err());

        RunResults failed = new RunResults(base.formatVersion(), "failed", base.started(), null, "failed",
                base.environment(), base.config(), base.samples().stream().map(s -> new Sample(s.runtime(),
                        s.workload(), s.metric(), Double.NaN, s.unit(), s.direction(), s.round(), s.block(), s.fork(),
                        s.iteration(), null, null, "image pull failed", false)).toList(), List.of());
        assertEquals(2, new CompareCommand().run(List.of(a.toString(), runDir("failed", failed).toString()), out, err));
        assertTrue(err().contains("failed (first failure: image pull failed)"), err());

        RunResults other = new RunResults(base.formatVersion(), "other", base.started(), base.finished(), "complete",
                base.environment(), base.config(), base.samples().stream().map(s -> new Sample("crun", s.workload(),
                        s.metric(), s.value(), s.unit(), s.direction(), s.round(), s.block(), s.fork(), s.iteration(),
                        null, "crun", s.failure(), false)).toList(), List.of());
        assertEquals(2, new CompareCommand().run(List.of(a.toString(), runDir("other", other).toString()), out, err));
        assertTrue(err().contains("share no workload, metric and runtime"), err());
        assertFalse(err().contains("\tat "), err());
    }

    @Test
    void theBoundIsPrintedAsGiven() {
        Path a = runDir("a", SyntheticRuns.run(1, 10));
        Path b = runDir("b", SyntheticRuns.run(2, 10));
        assertEquals(0, new CompareCommand().run(List.of(a.toString(), b.toString(), "--max-regression", "1000%"), out, err),
                out());
        assertTrue(out().contains("regression bound 1000%;"), out());
        assertFalse(out().contains(" 1%"), out());
        assertEquals("5.5%", dev.rtbench.harness.stats.RegressionGate.percent(
                Durations.percent("5.5%", "--max-regression", true)));
    }

    @Test
    void compareUsageErrors() {
        assertEquals(0, new CompareCommand().run(List.of("-h"), out, err));
        assertTrue(out().startsWith("usage: java -jar benchmarks.jar compare BASELINE CURRENT"), out());
        assertTrue(out().contains("--max-regression <String: P>") && out().contains("(default: 10%)"), out());
        assertEquals(2, new CompareCommand().run(List.of("a", "b", "--max-regression", "ten"), out, err));
        assertTrue(err().contains("--max-regression takes a percentage of 0 or more such as 10%, got \"ten\""), err());
        assertEquals(2, new CompareCommand().run(List.of("a"), out, err));
        assertTrue(err().contains("give two runs"), err());
        assertEquals(2, new CompareCommand().run(List.of("a", "b", "--fast"), out, err));
        assertTrue(err().contains("fast is not a recognized option"), err());
        assertEquals(0.055, Durations.percent("5.5%", "--max-regression", true), 1e-12);
        assertEquals(0.1, Durations.percent("10", "--max-regression", true), 1e-12);
        assertEquals(0.0, Durations.percent("0%", "--max-regression", true), 1e-12);
    }
}
