package dev.rtbench.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.Arm;
import dev.rtbench.workloads.Workloads;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineChoiceTest {

    @Test
    void theEnginesAreNamedDockerdFirst() {
        assertEquals(List.of(Arm.DOCKER, Arm.CRI), EngineChoice.BOTH.engines());
        assertEquals(List.of(Arm.CRI), EngineChoice.CRI.engines());
        assertEquals(EngineChoice.BOTH, EngineChoice.parse("Both"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EngineChoice.parse("k8s"));
        assertTrue(e.getMessage().contains("docker, cri or both"), e.getMessage());
    }

    @Test
    void eachEngineMeasuresWhatItHasACallFor() {
        for (String shared : List.of("create", "start", "stop", "remove", "first-output", "exec", "cpu-single")) {
            assertTrue(EngineChoice.whyNot(Arm.DOCKER, Workloads.byName(shared)).isEmpty(), shared);
            assertTrue(EngineChoice.whyNot(Arm.CRI, Workloads.byName(shared)).isEmpty(), shared);
        }
        for (String pod : List.of("pod-sandbox-start", "pod-first-output", "pod-stop")) {
            assertTrue(EngineChoice.whyNot(Arm.DOCKER, Workloads.byName(pod)).orElseThrow().contains("only a CRI"));
            assertTrue(EngineChoice.whyNot(Arm.CRI, Workloads.byName(pod)).isEmpty(), pod);
        }
        assertTrue(EngineChoice.whyNot(Arm.CRI, Workloads.byName("wait")).orElseThrow().contains("no CRI call"));
        // density and bursts count whole pods through CRI
        assertTrue(EngineChoice.whyNot(Arm.CRI, HostWorkloads.density(5)).isEmpty());
        assertTrue(EngineChoice.whyNot(Arm.CRI, HostWorkloads.burst(2)).isEmpty());
    }

    @Test
    void aCriEndpointWithoutTheCriEngineIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunOptions.Through(
                EngineChoice.DOCKER, null, "unix:///run/containerd/containerd.sock", null, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("--engine cri"), e.getMessage());
    }

    @Test
    void thePodNetworkIsChosenForCriPodsOnly() {
        assertEquals(PodNetworkChoice.NODE, PodNetworkChoice.parse(" Node"));
        assertEquals(PodNetworkChoice.POD, PodNetworkChoice.parse("pod"));
        assertEquals(PodNetworkChoice.AUTO, PodNetworkChoice.parse("auto"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> PodNetworkChoice.parse("host"));
        assertTrue(bad.getMessage().contains("pod, node or auto"), bad.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RunOptions.Through(
                EngineChoice.DOCKER, null, null, PodNetworkChoice.NODE, Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("--pod-network") && e.getMessage().contains("--engine cri"),
                e.getMessage());
        assertEquals(PodNetworkChoice.AUTO, RunOptions.Through.managed(EngineChoice.CRI, Duration.ofSeconds(5)).podNetwork());
    }

    @Test
    void aRunThroughBothEnginesAddsThePodPhasesAndKeepsDockerdsOwnPhases() {
        RunOptions both = new RunOptions(RunOptions.Arms.found(), RunOptions.Measure.of(List.of("lifecycle"),
                Profile.SMOKE), RunOptions.Through.managed(EngineChoice.BOTH, Duration.ofSeconds(5)), null, null);
        List<String> notes = new java.util.ArrayList<>();
        var chosen = RunWorkloads.choose(both, notes::add,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        List<String> names = chosen.stream().map(dev.rtbench.workloads.Workload::name).toList();
        assertTrue(names.containsAll(List.of("wait", "run", "pod-sandbox-start", "pod-first-output", "pod-stop")),
                names.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("wait was measured through docker only")), notes.toString());
        RunOptions dockerd = new RunOptions(RunOptions.Arms.found(), RunOptions.Measure.of(
                List.of("pod-sandbox-start"), Profile.SMOKE), RunOptions.Through.managed(EngineChoice.DOCKER,
                Duration.ofSeconds(5)), null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunWorkloads.choose(dockerd,
                n -> { }, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
        assertTrue(e.getMessage().contains("none of the workloads"), e.getMessage());
    }
}
