package dev.rtbench.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.stats.RunAnalysis;
import dev.rtbench.harness.stats.StatsWarning;
import dev.rtbench.harness.stats.SyntheticRuns;
import org.junit.jupiter.api.Test;

class ConsoleSummaryTest {

    @Test
    void aWarningFiredForManySeriesIsOneLine() {
        RunAnalysis tiny = RunAnalysis.of(SyntheticRuns.run(2, 1));
        long fired = tiny.warnings().stream().filter(w -> w.kind() == StatsWarning.Kind.TOO_FEW_SAMPLES
                && w.message().contains("cannot reach p <")).count();
        assertTrue(fired > 1, "the synthetic run should fire the test-power warning more than once");
        String s = ConsoleSummary.format(tiny);
        long lines = s.lines().filter(l -> l.contains("cannot reach p <")).count();
        assertEquals(1, lines, s);
        assertTrue(s.contains(fired + " series ("), s);
    }
}
