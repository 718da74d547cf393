package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.stats.StatsWarning.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarningDigestTest {

    static final String FEW = "with 6 and 6 samples the Mann-Whitney test cannot reach p < 0.05";

    static StatsWarning w(Kind kind, String workload, String runtime, String message) {
        return new StatsWarning(kind, new MetricKey(workload, "time"), runtime, message);
    }

    @Test
    void sameKindAndCauseBecomeOneLineNamingEveryKey() {
        List<StatsWarning> ws = List.of(w(Kind.TOO_FEW_SAMPLES, "cpu", "runsc", FEW),
                w(Kind.TOO_FEW_SAMPLES, "syscall", "runsc", FEW), w(Kind.TOO_FEW_SAMPLES, "exec", "runsc", FEW));
        List<String> lines = WarningDigest.lines(ws, Integer.MAX_VALUE);
        assertEquals(List.of("3 series (cpu, syscall, exec under runsc): " + FEW), lines);
        assertEquals(ws, WarningDigest.group(ws).get(0).members());
    }

    @Test
    void differentKindsOrCausesStayApart() {
        List<StatsWarning> ws = List.of(w(Kind.TOO_FEW_SAMPLES, "cpu", "runsc", FEW),
                w(Kind.HIGH_VARIATION, "cpu", "runsc", FEW),
                w(Kind.TOO_FEW_SAMPLES, "exec", "runsc", "only 6 successful samples"),
                w(Kind.TOO_FEW_SAMPLES, "run", "runsc", FEW));
        List<WarningGroup> groups = WarningDigest.group(ws);
        assertEquals(3, groups.size());
        assertEquals(2, groups.get(0).members().size());
        // a group of one reads exactly as the warning itself
        assertEquals(ws.get(1).text(), groups.get(1).text());
        assertEquals(ws.get(2).text(), groups.get(2).text());
    }

    @Test
    void differingFiguresAreKeptPerKey() {
        List<StatsWarning> ws = List.of(
                w(Kind.HIGH_VARIATION, "create", "runc", "high variation (CV 69%, above 10%): intervals are wide"),
                w(Kind.HIGH_VARIATION, "stop", "runsc", "high variation (CV 28%, above 10%): intervals are wide"));
        assertEquals(List.of("2 series: high variation (CV …%, above 10%): intervals are wide — create/runc 69,"
                + " stop/runsc 28"), WarningDigest.lines(ws, 10));
    }

    @Test
    void keysBeyondTheLimitAreCountedNotDropped() {
        List<StatsWarning> ws = List.of(w(Kind.OUTLIERS, "a", "runc", "x"), w(Kind.OUTLIERS, "b", "runc", "x"),
                w(Kind.OUTLIERS, "c", "runc", "x"), w(Kind.OUTLIERS, "a", "runsc", "x"),
                w(Kind.OUTLIERS, "d", "runsc", "x"));
        // a has both runtimes, b and c only runc, d only runsc
        assertEquals(List.of("5 series (a under runc, runsc; b and 1 more under runc; 1 more under runsc): x"),
                WarningDigest.lines(ws, 2));
        assertEquals(List.of("5 series (a under runc, runsc; b, c under runc; d under runsc): x"),
                WarningDigest.lines(ws, Integer.MAX_VALUE));
    }

    @Test
    void leastSamplesIsTheFirstSizeThatCanReachAlpha() {
        int n = Warnings.leastSamples(34, 0.05);
        assertTrue(RankTest.smallestPossibleP(n, n) * 34 < 0.05);
        assertTrue(RankTest.smallestPossibleP(n - 1, n - 1) * 34 >= 0.05);
        assertEquals(7, n);
    }
}
