package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.jmh.BurstBench;
import dev.rtbench.bench.jmh.ContainerExecBench;
import dev.rtbench.bench.jmh.DensityBench;
import dev.rtbench.bench.jmh.LifecycleBench;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.Workloads;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostWorkloadsTest {

    private static List<String> names(List<Workload> ws) {
        return ws.stream().map(Workload::name).toList();
    }

    @Test
    void densityAndBurstsAreSizedToTheProfile() {
        assertEquals(List.of("density", "burst-1", "burst-4"),
                names(HostWorkloads.resolve(List.of("density", "burst"), Profile.SMOKE, 0, List.of())));
        assertEquals(List.of("density", "burst-1", "burst-2", "burst-4", "burst-8", "burst-16"),
                names(HostWorkloads.resolve(List.of("density", "burst"), Profile.FULL, 0, List.of())));
        assertEquals(List.of(1, 4, 16), HostWorkloads.burstsFor(Profile.QUICK));
        assertEquals(50, HostWorkloads.densityFor(Profile.QUICK));
        assertEquals(200, HostWorkloads.densityFor(Profile.FULL));
    }

    private static RunOptions options(List<String> workloads, Profile p, int density, List<Integer> bursts) {
        return new RunOptions(new RunOptions.Arms(List.of("runc", "runsc"), null, java.util.Map.of()),
                new RunOptions.Measure(workloads, p, null, List.of(), density, bursts),
                RunOptions.Through.managed(EngineChoice.DOCKER, java.time.Duration.ofSeconds(30)), null, null);
    }

    @Test
    void aRunOfEveryWorkloadMeasuresDensityAndBurstsAtWhatItsBudgetAffords() {
        RunOptions quick = options(List.of(), Profile.QUICK, 0, List.of());
        assertEquals(5, HostWorkloads.densityOf(quick));
        assertEquals(List.of("density", "burst-1", "burst-4"), names(HostWorkloads.forDefaultRun(quick)));
        assertTrue(HostWorkloads.forDefaultRun(quick).get(0).stresses().startsWith("5 idle containers"));
        assertEquals(List.of("density", "burst-2"),
                names(HostWorkloads.forDefaultRun(options(List.of(), Profile.SMOKE, 0, List.of()))));
        // named, they get the profile's full size; --density and --burst win everywhere
        assertEquals(50, HostWorkloads.densityOf(options(List.of("density"), Profile.QUICK, 0, List.of())));
        assertEquals(200, HostWorkloads.densityOf(options(List.of("density"), Profile.FULL, 0, List.of())));
        // --workloads all is a run of every workload too, not density named
        assertEquals(5, HostWorkloads.densityOf(options(List.of("all"), Profile.QUICK, 0, List.of())));
        assertEquals(50, HostWorkloads.densityOf(options(List.of("all"), Profile.FULL, 0, List.of())));
        RunOptions asked = options(List.of(), Profile.QUICK, 7, List.of(3));
        assertEquals(7, HostWorkloads.densityOf(asked));
        assertEquals(List.of("density", "burst-3"), names(HostWorkloads.forDefaultRun(asked)));
    }

    @Test
    void namesResolveToHostAndContainerWorkloads() {
        assertEquals(List.of("density", "burst-1", "burst-4", "burst-16"),
                names(HostWorkloads.resolve(List.of("density", "burst"), Profile.QUICK, 0, List.of())));
        assertEquals(List.of("burst-3", "run"), names(HostWorkloads.resolve(List.of("burst-3", " run"),
                Profile.SMOKE, 0, List.of())));
        assertEquals(List.of("burst-2", "burst-8"),
                names(HostWorkloads.resolve(List.of("burst"), Profile.SMOKE, 0, List.of(2, 8))));
        assertTrue(HostWorkloads.resolve(List.of("density"), Profile.SMOKE, 7, List.of()).get(0).stresses()
                .startsWith("7 idle containers"));
        var e = assertThrows(IllegalArgumentException.class,
                () -> HostWorkloads.resolve(List.of("densty"), Profile.SMOKE, 0, List.of()));
        assertTrue(e.getMessage().contains("density, burst, burst-K"), e.getMessage());
    }

    @Test
    void burstSizesAreReadFromTheName() {
        assertEquals(16, HostWorkloads.burstSize("burst-16"));
        assertEquals(0, HostWorkloads.burstSize("burst-0"));
        assertEquals(0, HostWorkloads.burstSize("burst-x"));
        assertFalse(HostWorkloads.isBurst("burst"));
    }

    @Test
    void slotsRouteEachWorkloadToItsBenchmark() {
        assertEquals(DensityBench.class, SlotRunner.benchmarkOf(HostWorkloads.density(5)));
        assertEquals(BurstBench.class, SlotRunner.benchmarkOf(HostWorkloads.burst(4)));
        assertEquals(LifecycleBench.class, SlotRunner.benchmarkOf(dev.rtbench.workloads.Workloads.byName("run")));
        assertEquals(ContainerExecBench.class, SlotRunner.benchmarkOf(dev.rtbench.workloads.Workloads.byName("exec")));
    }

    @Test
    void theNotesSayHowEachHostFigureWasMeasured() {
        List<String> notes = HostWorkloads.notes(HostWorkloads.resolve(List.of("density", "burst-2", "run"),
                Profile.SMOKE, 0, List.of()));
        assertEquals(2, notes.size());
        assertTrue(notes.get(0).contains("memavailable-per-container is the drop in the host's MemAvailable"));
        assertTrue(notes.get(0).contains("pss-per-container is the sum of Pss"));
        assertTrue(notes.get(1).startsWith("burst-2: 2 created idle containers started at once"));
    }
}
