package dev.rtbench.harness.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.HostSample;
import dev.rtbench.harness.results.Machine;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.RuntimeEnvironment;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.stats.SyntheticRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders SYNTHETIC runs from {@link SyntheticRuns} into a temporary run folder. */
class ReporterTest {

    @TempDir
    Path runDir;

    @Test
    void aRuntimeItsProjectNoLongerSupportsAndTheMachineAreSaidWhereverItsFiguresAre() throws Exception {
        RunResults base = SyntheticRuns.run(1, 10);
        Environment e = base.environment();
        Machine machine = new Machine("m-0123456789", "a virtual machine (hypervisor CPU flag)", false, "hypervisor pti",
                "0x1", java.util.Map.of("meltdown", "Mitigation: PTI"), "notsupported", "none", "pti=on",
                "v1, driver cgroupfs", "overlay2 on extfs", "madvise");
        Environment ptrace = new Environment(e.hostname(), e.os(), e.kernel(), e.cpuModel(), e.cpus(), e.memoryBytes(),
                e.dockerVersion(), e.dockerApiVersion(), e.containerdVersion(), e.daemonMode(),
                List.of(e.runtimes().get(0), new RuntimeEnvironment("runsc", "gvisor", "runsc version 0.0~20221219.0",
                        "ptrace", java.util.Map.of()), e.runtimes().get(2)),
                e.jvm(), e.harnessVersion(), e.gitCommit(), e.gitDirty(), machine);
        RunResults r = new RunResults(base.formatVersion(), base.runId(), base.started(), base.finished(),
                base.status(), ptrace, base.config(), base.samples(), base.notes());
        Reporter.Rendered out = Reporter.render(r, runDir);
        String caveat = "runsc: gVisor on its ptrace platform (runsc of 2022-12-19), which gVisor has not supported"
                + " since release-20230621.0";
        assertTrue(out.summary().contains("Caveat: " + caveat), out.summary());
        assertTrue(out.summary().startsWith("Run synthetic-1 (complete): 3 runtimes, baseline runc, machine"
                + " m-0123456789\n"), out.summary());
        String md = Files.readString(out.markdown());
        // before the environment and every figure
        assertTrue(md.indexOf("Caveat: " + caveat) < md.indexOf("## Environment"), md.substring(0, 800));
        assertTrue(md.contains("Machine m-0123456789"), md);
        assertTrue(md.contains("CPU vulnerabilities: 1 mitigated, 0 vulnerable, 0 not affected (of 1): meltdown"
                + " Mitigation: PTI"), md);
        assertTrue(md.contains("| runsc | gvisor | runsc version 0.0~20221219.0 | 2022-12-19 | ptrace |"), md);
        assertTrue(Files.readString(out.html()).contains("Caveat: " + caveat));
        // the machine card travels with the figures
        String card = Files.readString(runDir.resolve("machine.md"));
        assertTrue(card.startsWith("# Machine m-0123456789\n"), card);
        assertTrue(card.contains("Caveat: " + caveat) && card.contains("kernel command line: pti=on"), card);
        var json = ResultsJson.mapper().readTree(out.analysisJson().toFile());
        assertTrue(json.get("caveats").get(0).asText().startsWith(caveat), json.get("caveats").toString());
        assertEquals("m-0123456789", json.get("machine").get("fingerprint").asText());
        String footnote = dev.rtbench.harness.chart.Footnote.of(r);
        assertTrue(footnote.contains("(ptrace, unsupported by gVisor since 2023: not today's gVisor)")
                && footnote.contains("machine m-0123456789"), footnote);
    }

    @Test
    void theHostReferenceIsShownWithEachRuntimeAgainstIt() throws Exception {
        RunResults base = SyntheticRuns.run(1, 10);
        List<HostSample> host = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            host.add(new HostSample(round, "syscall", "syscall-time", 150 + round, "ns",
                    Direction.LOWER_IS_BETTER, null));
        }
        host.add(new HostSample(10, "syscall", "failed", Double.NaN, "ns",
                Direction.LOWER_IS_BETTER, "exited 2: stress-ng: not found"));
        RunResults r = new RunResults(base.formatVersion(), base.runId(), base.started(), base.finished(),
                base.status(), base.environment(), base.config(), base.samples(), base.notes(), host);
        // kept through results.json
        Path file = runDir.resolve("results.json");
        ResultsJson.write(r, file);
        assertEquals(host.subList(0, 10), ResultsJson.read(file).hostReference().subList(0, 10));

        Reporter.Rendered out = Reporter.render(ResultsJson.read(file), runDir);
        assertTrue(out.summary().contains("\nHost reference (outside any container, medians of 10 rounds): syscall"
                + " (syscall-time) 154.5 ns\n"), out.summary());
        String md = Files.readString(out.markdown());
        int at = md.indexOf("## Host reference");
        assertTrue(at > md.indexOf("## Environment") && at < md.indexOf("## Every comparison"), md);
        // runc's median is about 190 ns: 1.2x the host; runsc's 20x runc's
        assertTrue(md.matches("(?s).*\\| syscall \\(syscall-time\\) \\| 154\\.5 ns \\[152\\.3, 156\\.8\\], 10 \\(1 failed\\)"
                + " \\| 1\\d\\d\\.?\\d* ns, 1\\.\\d+x \\| \\S+ ns, 2\\d\\.?\\d*x \\|.*"), md.substring(at, at + 1200));
        assertTrue(md.contains("round 10, syscall on the host: exited 2: stress-ng: not found"), md);
        JsonNode ref = ResultsJson.mapper().readTree(out.analysisJson().toFile()).get("hostReference").get(0);
        assertEquals("syscall", ref.get("key").get("workload").asText());
        assertEquals(154.5, ref.get("median").asDouble(), 1e-9);
        assertEquals(10, ref.get("n").asInt());
        assertEquals(1, ref.get("failed").asInt());
    }

    @Test
    void writesChartsMarkdownAndSelfContainedHtml() throws Exception {
        Reporter.Rendered r = Reporter.render(SyntheticRuns.run(1, 10), runDir);
        assertEquals(runDir.resolve("report.md"), r.markdown());
        assertTrue(Files.isRegularFile(runDir.resolve("charts/overhead.png")));
        assertTrue(Files.isRegularFile(runDir.resolve("charts/overhead.svg")));

        String md = Files.readString(r.markdown());
        assertTrue(md.startsWith("# rtbench report: synthetic-1\n"), md.substring(0, 60));
        // the first screen: the decisions by class, then the headline chart, before the machine and the evidence
        int decisions = md.indexOf("## Decision summary");
        int headline = md.indexOf("](charts/headline.png)");
        assertTrue(decisions > 0 && decisions < headline && headline < md.indexOf("## Environment")
                && md.indexOf("## Environment") < md.indexOf("## Every comparison"), md.substring(0, 3000));
        assertTrue(md.contains("| class | workload (metric) | runtime | decided | ratio [CI], p (Holm) |"
                + " difference [CI] |"), md);
        assertTrue(md.matches("(?s).*\\| lifecycle \\| start \\| runsc \\| worse \\| \\S+x slower than runc \\[\\S+,"
                + " \\S+\\], p = \\S+ \\| \\+\\S+ ms \\[\\S+, \\S+\\] \\|.*"), md);
        assertTrue(md.contains("| system calls | syscall (syscall-time) | runsc |"), md);
        // the full forest plot of every metric is the appendix, at the end
        assertTrue(md.indexOf("## Appendix: every metric's overhead") > md.indexOf("## Method"), md);
        assertTrue(md.indexOf("](charts/overhead.png)") > md.indexOf("## Appendix"));
        assertTrue(Files.isRegularFile(runDir.resolve("charts/headline.png")));
        assertTrue(md.contains("](charts/box-syscall-syscall-time.png)"));
        assertTrue(md.contains("| workload | metric | runtime | against | median | ratio [CI] | difference [CI] |"
                + " p (Holm) | worse in | verdict |"), md);
        // one engine: nothing to put side by side
        assertFalse(md.contains("## Engines compared"), md);
        assertTrue(md.contains("### Per-block ratios"), md);
        assertTrue(md.matches("(?s).*\\| run \\| time \\| runsc \\| runc \\| 10 blocks: [0-9. ]+ \\(range .*"), md);
        assertTrue(md.matches("(?s).*runsc: \\S+x slower than runc \\[\\S+, \\S+\\], p = 0\\.031; difference \\+\\d+(\\.\\d+)? ms \\[\\+.*"),
                "difference with its interval beside the ratio");
        assertTrue(md.contains("so above 1 still means worse"), md);
        assertTrue(md.matches("(?s).*\\| worse in 10 of 10 blocks \\(100% \\[72%, 100%\\]\\) \\|.*"), md);
        assertTrue(md.contains("### run: time (ms)"));
        assertTrue(md.contains("runsc: 20."), "syscall overhead sentence");
        assertTrue(md.contains("## Warnings"));
        assertTrue(md.contains("## Method"));

        String html = Files.readString(r.html());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("src=\"data:image/png;base64,iVBORw0KGgo"), "charts embedded as PNG data");
        assertFalse(html.contains("src=\"charts/"), "nothing linked from outside the file");
        assertEquals(r.charts().size(), html.split("data:image/png;base64,", -1).length - 1);
    }

    @Test
    void analysisJsonHoldsEveryComparison() throws Exception {
        Reporter.Rendered r = Reporter.render(SyntheticRuns.run(1, 10), runDir);
        assertEquals(runDir.resolve("analysis.json"), r.analysisJson());
        JsonNode doc = ResultsJson.mapper().readTree(r.analysisJson().toFile());
        assertEquals(2, doc.get("formatVersion").asInt());
        assertEquals("runc", doc.get("baseline").asText());
        assertEquals(16, doc.get("comparisons").size());
        JsonNode run = null;
        JsonNode net = null;
        for (JsonNode c : doc.get("comparisons")) {
            for (String f : List.of("workload", "metric", "runtime", "baseline", "n", "baselineN", "blocks", "ratio",
                    "difference", "pooledRatio", "pRaw", "pAdjusted", "smallestPossibleP", "worseShare", "verdict", "warnings")) {
                assertTrue(c.has(f), "missing " + f + " in " + c);
            }
            if (c.get("workload").asText().equals("run") && c.get("runtime").asText().equals("runsc")) {
                run = c;
            }
            if (c.get("metric").asText().equals("tcp-throughput") && c.get("runtime").asText().equals("runsc")) {
                net = c;
            }
        }
        assertEquals("worse", run.get("verdict").asText());
        assertEquals(10, run.get("blocks").asInt());
        assertEquals("SIGNED_RANK", run.get("resampling").asText());
        assertEquals(10, run.get("blockRatios").size());
        assertEquals("ms", run.get("difference").get("unit").asText());
        assertTrue(run.get("ratio").get("lower").asDouble() > 1);
        assertEquals(Math.pow(2, -9), run.get("pRaw").asDouble(), 1e-12);
        assertEquals(0.03125, run.get("pAdjusted").asDouble(), 1e-12);
        // throughput 0.68x of runc: worse, so ratio above 1 and worse in most blocks although the values are lower
        assertTrue(net.get("ratio").get("value").asDouble() > 1);
        assertTrue(net.get("worseShare").get("value").asDouble() > 0.5, net.toString());
        assertTrue(net.get("difference").get("value").asDouble() < 0, net.toString());
    }

    @Test
    void controlCharactersNeverReachTheTerminalOrTheReport() throws Exception {
        RunResults base = SyntheticRuns.run(3, 3);
        String evil = "runsc\u001B[2J\u001B]0;owned\u0007";
        List<Sample> samples = base.samples().stream().map(s -> s.runtime().equals("runsc")
                ? new Sample(evil, s.workload(), s.metric(), s.value(), s.unit(), s.direction(), s.round(), s.block(),
                        s.fork(), s.iteration(), s.containerId(), s.verifiedRuntime(), s.failure(), s.interrupted())
                : s).toList();
        RunResults r = new RunResults(base.formatVersion(), base.runId(), base.started(), base.finished(),
                base.status(), base.environment(), base.config(), samples, List.of("note \u001B[31mred\u001B[0m"));
        Reporter.Rendered out = Reporter.render(r, runDir);
        for (String text : List.of(out.summary(), Files.readString(out.markdown()), Files.readString(out.html()),
                Files.readString(out.analysisJson()))) {
            assertFalse(text.contains("\u001B") || text.contains("\u0007") || text.contains("\\u001b")
                    || text.contains("\\u0007"), "control characters left in output");
        }
        assertTrue(out.summary().contains("  runsc: "), out.summary());
        assertTrue(Files.readString(out.markdown()).contains("note red"));
    }

    @Test
    void lifecycleWithEveryPhaseFailedIsSkippedWithAReasonAndPhaseCallsAreListed() throws Exception {
        RunResults base = SyntheticRuns.run(4, 3);
        List<String> phases = List.of("create", "start", "stop", "remove");
        List<Sample> samples = base.samples().stream().map(s -> phases.contains(s.workload())
                ? new Sample(s.runtime(), s.workload(), s.metric(), Double.NaN, s.unit(), s.direction(), s.round(),
                        s.block(), s.fork(), s.iteration(), null, null, "daemon did not answer", false)
                : s).toList();
        RunConfig c = base.config();
        RunConfig config = new RunConfig(c.runtimes(), c.baseline(), c.workloads(), c.profile(), c.image(),
                c.roundOrder(), c.blocks(), new java.util.LinkedHashMap<>(java.util.Map.of(
                        "create", "create", "start", "start", "stop", "kill, delete")));
        RunResults r = new RunResults(base.formatVersion(), "failed-lifecycle", base.started(), base.finished(),
                base.status(), base.environment(), config, samples, List.of());
        Reporter.Rendered out = Reporter.render(r, runDir);
        assertTrue(out.charts().stream().noneMatch(f -> f.name().equals("lifecycle-phases")));
        assertTrue(out.skippedCharts().contains("lifecycle-phases: fewer than two lifecycle phases have successful"
                + " samples"), out.skippedCharts().toString());
        String md = Files.readString(out.markdown());
        assertTrue(md.contains("## Charts not drawn"), md);
        assertTrue(md.contains("- stop: kill, delete"), md);
        assertTrue(out.summary().contains("chart skipped: lifecycle-phases"), out.summary());
    }

    @Test
    void everyTextIsEscaped() throws Exception {
        RunResults base = SyntheticRuns.run(3, 3);
        List<Sample> samples = new ArrayList<>(base.samples());
        samples.add(new Sample("runsc", "run", "time", Double.NaN, "ms",
                Direction.LOWER_IS_BETTER, 9, 9, 0, 0, null, null,
                "exit 1: <script>alert('x')</script> & more", false));
        RunResults evil = new RunResults(base.formatVersion(), "run<1>&\"x\"", base.started(), base.finished(),
                base.status(), base.environment(), base.config(), samples, List.of("<img src=x onerror=alert(1)>"));
        Reporter.Rendered r = Reporter.render(evil, runDir);
        String html = Files.readString(r.html());
        assertFalse(html.contains("<script>"), "failure reason must be escaped");
        assertFalse(html.contains("<img src=x"), "notes must be escaped");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
        assertTrue(html.contains("<title>rtbench report: run&lt;1&gt;&amp;&quot;x&quot;</title>"));
        String md = Files.readString(r.markdown());
        assertFalse(md.contains("<script>"));
        assertFalse(md.contains("<img src=x"));
    }

    @Test
    void survivesAllFailedGroupsAndAMissingBaseline() throws Exception {
        RunResults base = SyntheticRuns.run(4, 2);
        List<Sample> samples = base.samples().stream()
                .filter(s -> !s.runtime().equals("runc") || !s.workload().equals("cpu"))
                .map(s -> s.runtime().equals("kata") && s.workload().equals("run")
                        ? new Sample(s.runtime(), s.workload(), s.metric(), Double.NaN, s.unit(), s.direction(),
                                s.round(), s.block(), s.fork(), s.iteration(), null, null, "container exited 125", false)
                        : s)
                .toList();
        RunResults odd = new RunResults(base.formatVersion(), "odd", base.started(), null, "interrupted",
                null, base.config(), samples, List.of());
        Reporter.Rendered r = Reporter.render(odd, runDir);
        String md = Files.readString(r.markdown());
        assertTrue(md.contains("kata: not compared with runc (kata has no successful samples)"), md);
        assertTrue(md.contains("No environment was recorded."));
        assertTrue(r.summary().contains("6 of 6 samples failed"), r.summary());
    }

    @Test
    void consoleSummaryReadsLikeHyperfine() {
        String s = ConsoleSummary.format(SyntheticRuns.run(1, 10));
        assertTrue(s.startsWith("Run synthetic-1 (complete): 3 runtimes, baseline runc\n"), s);
        assertTrue(s.contains("\nrun / time (ms)\n"), s);
        assertTrue(s.matches("(?s).*\\n  runc +median +\\S+ ms   IQR +\\S+   range \\S+ … \\S+   n=30\\n.*"), s);
        assertTrue(s.contains("  runsc: "), s);
        assertTrue(s.contains("x slower than runc ["), s);
        assertTrue(s.contains("(1 failed)"), s);
        // the decisions come first, one line per workload's primary metric, then what to do, grouped by remedy
        assertTrue(s.indexOf("\nDecisions: the primary metric of each workload, by class (Holm over ")
                < s.indexOf("\nrun / time"), s);
        // grouped by class, lifecycle first
        assertTrue(s.matches("(?s).*\n  lifecycle\n    worse +start +runsc: .*\n    worse +run +runsc: \\S+x slower than runc .*"
                + "\n  system calls\n    worse +syscall \\(syscall-time\\) +runsc: .*"), s);
        assertTrue(s.contains("\nWhat to do:\n  Fix what failed, then rerun:\n    ! [start, kata] 1 of 30 samples failed"), s);
    }
}
