package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.Workloads;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which workloads a run measures, on this host (a workload whose tool it lacks is skipped either way). */
class RunWorkloadsTest {

    static List<String> chosen(List<String> workloads, Profile profile, List<String> notes) {
        RunOptions o = new RunOptions(RunOptions.Arms.found(), RunOptions.Measure.of(workloads, profile),
                RunOptions.Through.managed(EngineChoice.DOCKER, Duration.ofSeconds(60)), null, null);
        return RunWorkloads.choose(o, notes::add, new PrintStream(new ByteArrayOutputStream())).stream()
                .map(Workload::name).toList();
    }

    @Test
    void theDefaultIsOnePrimaryWorkloadPerClass() {
        List<String> notes = new ArrayList<>();
        List<String> names = chosen(List.of(), Profile.QUICK, notes);
        List<String> expected = WorkloadClasses.DEFAULT.stream()
                .filter(w -> !Workloads.unavailable().containsKey(w)).toList();
        assertEquals(expected, names);
        assertEquals(10, WorkloadClasses.DEFAULT.size());
        // one per class, every class but "other" covered
        assertEquals(WorkloadClasses.CLASSES.keySet(), WorkloadClasses.DEFAULT.stream().map(WorkloadClasses::of)
                .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new)));
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("the default set: one primary workload per class (start,")),
                notes.toString());
    }

    @Test
    void allAndTheFullProfileMeasureEverything() {
        List<String> all = chosen(List.of("all"), Profile.QUICK, new ArrayList<>());
        assertTrue(all.size() > 30, all.toString());
        assertTrue(all.containsAll(List.of("density", "burst-1", "burst-4", "http", "create")), all.toString());
        assertEquals(all.stream().filter(w -> !w.startsWith("burst-")).toList(),
                chosen(List.of(), Profile.FULL, new ArrayList<>()).stream().filter(w -> !w.startsWith("burst-")).toList());
    }

    @Test
    void everyBuiltInWorkloadHasAClass() {
        for (Workload w : Workloads.all()) {
            assertTrue(!WorkloadClasses.of(w.name()).equals("other"), w.name());
        }
        assertEquals("lifecycle", WorkloadClasses.of("pod-stop"));
        assertEquals("bursts", WorkloadClasses.of("burst-16"));
        assertEquals("other", WorkloadClasses.of("count-lines"));
    }
}
