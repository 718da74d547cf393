package dev.rtbench.harness.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadlineTest {

    private static final RunAnalysis A = RunAnalysis.of(SyntheticRuns.run(1, 10));

    private static List<String> workloads(List<MetricKey> keys) {
        return keys.stream().map(MetricKey::workload).toList();
    }

    @Test
    void decisionsAreThePrimaryComparisonsGroupedByClassInTheClassesOrder() {
        Headline h = Headline.of(A);
        // lifecycle first, container start leading it; then system calls; the user's own ("other") last, by name
        assertEquals(List.of("start", "create", "stop", "remove", "run", "syscall", "cpu", "net-throughput"),
                workloads(h.rows()));
        assertEquals(List.of("lifecycle", "system calls", "other"), List.copyOf(h.byClass().keySet()));
        // every primary comparison, each runtime against the baseline, and nothing secondary
        assertEquals(A.overheads().stream().filter(OverheadEstimate::primary).count(), h.lines().size());
        assertEquals(16, h.lines().size());
        assertEquals(List.of(), h.left());
    }

    @Test
    void aChartTooSmallForEveryWorkloadTakesEachClassesStandardOneFirst() {
        Headline h = Headline.of(A, 3);
        assertEquals(List.of("start", "syscall", "cpu"), workloads(h.rows()));
        assertEquals(List.of("create", "stop", "remove", "run", "net-throughput"), workloads(h.left()));
        // the table keeps every decision
        assertEquals(16, h.lines().size());

        assertEquals(List.of("start", "create", "syscall", "cpu", "net-throughput"), workloads(Headline.of(A, 5).rows()));
    }

    @Test
    void burstsSortBySizeAndPodPhasesJoinTheLifecycle() {
        List<MetricKey> keys = List.of(new MetricKey("burst-16", "x"), new MetricKey("pod-start", "time"),
                new MetricKey("burst-4", "x"), new MetricKey("fork", "x"), new MetricKey("start", "time"));
        assertEquals(List.of("start", "pod-start", "fork", "burst-4", "burst-16"),
                workloads(keys.stream().sorted(Headline.BY_CLASS).toList()));
    }
}
