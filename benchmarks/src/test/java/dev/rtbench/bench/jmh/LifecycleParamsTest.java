package dev.rtbench.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.EngineKind;
import dev.rtbench.harness.results.Phase;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.Workloads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * JMH takes a bench's phases as string constants in {@code @Param}, which cannot be read from {@link Phase}: this
 * holds each lifecycle bench's list to the phases its engine has, so a phase added to {@code Phase} and not to its
 * bench (or the reverse) fails here.
 */
class LifecycleParamsTest {

    @Test
    void eachLifecycleBenchTimesEveryPhaseItsEngineHasButExecInLifeOrder() throws Exception {
        assertEquals(labels(Arm.DOCKER), params(LifecycleBench.class));
        assertEquals(labels(Arm.CRI), params(CriLifecycleBench.class));
    }

    @Test
    void aBenchRefusesAPhaseItsEngineHasNoCallFor() {
        assertEquals(Phase.STOP, LifecycleBench.phaseOf("stop", Arm.DOCKER));
        assertEquals(Phase.POD_STOP, LifecycleBench.phaseOf("pod-stop", Arm.CRI));
        var e = assertThrows(IllegalArgumentException.class, () -> LifecycleBench.phaseOf("pod-stop", Arm.DOCKER));
        assertEquals("not a lifecycle phase through docker: \"pod-stop\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LifecycleBench.phaseOf("wait", Arm.CRI));
        assertThrows(IllegalArgumentException.class, () -> LifecycleBench.phaseOf("exec", Arm.CRI));
        assertThrows(IllegalArgumentException.class, () -> LifecycleBench.phaseOf("cpu-single", Arm.DOCKER));
    }

    @Test
    void everyPhaseIsALifecycleWorkloadAndEveryLifecycleWorkloadAPhase() {
        List<String> workloads = new ArrayList<>(Workloads.lifecycle().stream().map(Workload::name).toList());
        Workloads.pod().forEach(w -> workloads.add(w.name()));
        assertEquals(Arrays.stream(Phase.values()).map(Phase::label).sorted().toList(),
                workloads.stream().sorted().toList());
    }

    static List<String> labels(String engine) {
        return EngineKind.of(engine).phases().stream().filter(p -> p != Phase.EXEC).map(Phase::label).toList();
    }

    static List<String> params(Class<?> bench) throws Exception {
        return Arrays.asList(bench.getField("workload").getAnnotation(Param.class).value());
    }
}
