package dev.rtbench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.RunResults;
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
    void writesChartsMarkdownAndSelfContainedHtml() throws Exception {
        Reporter.Rendered r = Reporter.render(SyntheticRuns.run(1, 10), runDir);
        assertEquals(runDir.resolve("report.md"), r.markdown());
        assertTrue(Files.isRegularFile(runDir.resolve("charts/overhead.png")));
        assertTrue(Files.isRegularFile(runDir.resolve("charts/overhead.svg")));

        String md = Files.readString(r.markdown());
        assertTrue(md.startsWith("# rtbench report: synthetic-1\n"), md.substring(0, 60));
        assertTrue(md.contains("![Overhead against runc"), "headline chart linked");
        assertTrue(md.contains("](charts/overhead.png)"));
        assertTrue(md.contains("](charts/box-syscall-syscall-time.png)"));
        assertTrue(md.contains("| workload | metric | runtime | median | ratio to runc [CI] | p (Holm) |"));
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
    void everyTextIsEscaped() throws Exception {
        RunResults base = SyntheticRuns.run(3, 3);
        List<Sample> samples = new ArrayList<>(base.samples());
        samples.add(new Sample("runsc", "run", "time", Double.NaN, "ms",
                dev.rtbench.harness.results.Direction.LOWER_IS_BETTER, 9, 9, 0, 0, null, null,
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
        assertTrue(s.contains("\nWarnings:\n  ! [start, kata] 1 of 30 samples failed"), s);
    }
}
