package dev.rtbench.bench.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.Phase;
import dev.rtbench.harness.results.Arm;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where validate expects each delayed verb, per engine, agrees with what the reports say each phase holds. */
class LandingTest {

    @Test
    void eachVerbLandsWherePhaseCallsSaysAsOftenAsItSays() {
        for (String verb : List.of("create", "start", "kill", "delete", "exec")) {
            Validation.Landing d = Validation.DOCKER.get(verb);
            assertEquals(1, d.calls(), verb);
            assertTrue(Phase.byName(d.phase()).orElseThrow().calls(Arm.DOCKER).orElseThrow().contains(verb), verb + " in " + d.phase());
            Validation.Landing c = Validation.CRI.get(verb);
            assertTrue(Phase.byName(c.phase()).orElseThrow().calls(Arm.CRI).orElseThrow().contains(verb), verb + " in " + c.phase() + "@cri");
            assertTrue(Validation.workloads(Arm.CRI).contains(c.phase()), c.phase());
            assertTrue(Validation.workloads(Arm.DOCKER).contains(d.phase()), d.phase());
        }
        assertEquals(new Validation.Landing("stop", 2), Validation.CRI.get("kill"));
        assertEquals(new Validation.Landing("stop", 2), Validation.CRI.get("delete"));
        assertEquals(new Validation.Landing("wait", 1), Validation.DOCKER.get("delete"));
    }

    @Test
    void phasesAreTheEnginesInItsOrderAndHoldTheVerbsPhase() {
        assertEquals(Validation.workloads(Arm.CRI), Validation.phases(Arm.CRI, "kill", List.of()));
        assertEquals(List.of("create", "stop", "pod-sandbox-start"),
                Validation.phases(Arm.CRI, "kill", List.of("pod-sandbox-start", "stop", "create")));
        var without = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Validation.phases(Arm.DOCKER, "exec", List.of("start", "stop")));
        assertTrue(without.getMessage().contains("OCI exec lands in exec through docker: add exec to --phases"),
                without.getMessage());
        var unknown = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Validation.phases(Arm.DOCKER, "exec", List.of("exec", "pod-sandbox-start")));
        assertTrue(unknown.getMessage().contains("no phase \"pod-sandbox-start\" through docker"), unknown.getMessage());
    }
}
