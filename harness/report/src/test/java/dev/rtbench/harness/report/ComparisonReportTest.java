package dev.rtbench.harness.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.Direction;
import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.HostSample;
import dev.rtbench.harness.results.Machine;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.stats.SyntheticRuns;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonReportTest {

    static RunResults on(RunResults r, String fingerprint, String runId) {
        Environment e = r.environment();
        Machine m = fingerprint == null ? null : new Machine(fingerprint, "none detected", true, "", "0x1", Map.of(),
                "on", "performance", "", "v2, driver systemd", "overlay2 on extfs", "madvise");
        Environment env = new Environment(e.hostname(), e.os(), e.kernel(), e.cpuModel(), e.cpus(), e.memoryBytes(),
                e.dockerVersion(), e.dockerApiVersion(), e.containerdVersion(), e.daemonMode(), e.runtimes(), e.jvm(),
                e.harnessVersion(), e.gitCommit(), e.gitDirty(), m);
        return new RunResults(r.formatVersion(), runId, r.started(), r.finished(), r.status(), env, r.config(),
                r.samples(), r.notes());
    }

    private static String print(RunResults b, RunResults c, RunResults repeat) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ComparisonReport.print(b, c, repeat, 0.10, new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void acrossTwoMachinesOnlyRatiosAreComparedNeverARuntimesOwnFigures() {
        RunResults a = on(SyntheticRuns.run(1, 10), "m-aaaaaaaaaa", "here");
        RunResults b = on(SyntheticRuns.run(2, 10), "m-bbbbbbbbbb", "there");
        RunResults again = on(SyntheticRuns.run(3, 10), "m-aaaaaaaaaa", "here-again");
        String out = print(a, b, again);
        assertTrue(out.contains("  machines: baseline run on m-aaaaaaaaaa, current run on m-bbbbbbbbbb: two machines;"
                + " compared by each runtime's ratio to the baseline runtime (a ratio of ratios)"), out);
        // the repeated run's component of a runtime's own figures is not used across machines
        assertFalse(out.contains("run-to-run component (from"), out);

        String same = print(a, on(SyntheticRuns.run(2, 10), "m-aaaaaaaaaa", "there"), again);
        assertFalse(same.contains("machines:"), same);
        assertTrue(same.contains("run-to-run component (from here-again)"), same);
    }

    static RunResults withHost(RunResults r, double nullCallsPerSecond) {
        List<HostSample> host = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            host.add(new HostSample(round, "syscall-null", "ops-rate", nullCallsPerSecond + round, "ops/s",
                    Direction.HIGHER_IS_BETTER, null));
        }
        return new RunResults(r.formatVersion(), r.runId(), r.started(), r.finished(), r.status(), r.environment(),
                r.config(), r.samples(), r.notes(), host);
    }

    @Test
    void theTwoHostsAreSetSideBySide() {
        RunResults a = withHost(on(SyntheticRuns.run(1, 10), "m-aaaaaaaaaa", "here"), 26000);
        RunResults b = withHost(on(SyntheticRuns.run(2, 10), "m-bbbbbbbbbb", "there"), 13000);
        String out = print(a, b, null);
        assertTrue(out.contains("  host reference (outside any container), here then there: syscall-null (ops-rate)"
                + " 26000 ops/s, then 13000 (2.00x slower)"), out);
        assertFalse(print(on(SyntheticRuns.run(1, 10), "m-a", "x"), b, null).contains("host reference"));
    }

    @Test
    void aRunWithoutAFingerprintIsSaidButNotRefused() {
        RunResults old = on(SyntheticRuns.run(1, 10), null, "old");
        String out = print(old, on(SyntheticRuns.run(2, 10), "m-bbbbbbbbbb", "new"), null);
        assertTrue(out.contains("machines: the baseline run recorded no machine fingerprint, current run on"
                + " m-bbbbbbbbbb: the same machine is not confirmed"), out);
        assertNull(ComparisonReport.machines(on(SyntheticRuns.run(1, 10), "m-x", "a"),
                on(SyntheticRuns.run(2, 10), "m-x", "b")));
    }
}
