package dev.rtbench.harness.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseTest {

    @Test
    void eachEngineHasThePhasesItHasACallFor() {
        assertEquals(List.of("create", "start", "wait", "stop", "remove", "run", "first-output", "exec"),
                Phase.timedThrough(Arm.DOCKER).stream().map(Phase::label).toList());
        assertEquals(List.of("pod-sandbox-start", "create", "start", "stop", "remove", "first-output",
                "pod-first-output", "pod-stop", "exec"), Phase.timedThrough(Arm.CRI).stream().map(Phase::label).toList());
        assertFalse(Phase.POD_STOP.through(Arm.DOCKER));
        assertTrue(Phase.EXEC.through(Arm.CRI));
        assertTrue(Phase.WAIT.calls(Arm.CRI).isEmpty());
    }

    @Test
    void theCallsARunRecordsAreEachPhasesThroughThatEngine() {
        assertEquals(Phase.timedThrough(Arm.DOCKER).stream().map(Phase::label).toList(),
                List.copyOf(Phase.callsThrough(Arm.DOCKER).keySet()));
        assertTrue(Phase.callsThrough(Arm.DOCKER).get("start").startsWith("create, start"));
        assertTrue(Phase.callsThrough(Arm.CRI).get("stop").contains("kill is called twice"));
    }

    @Test
    void theChartsGetThePathThenItsEndAndTheStartLatencies() {
        assertEquals(List.of(Phase.POD_SANDBOX_START, Phase.CREATE, Phase.START, Phase.WAIT, Phase.REMOVE),
                Phase.path());
        assertTrue(Phase.STOP.endsPath());
        assertEquals(List.of(Phase.RUN, Phase.START, Phase.FIRST_OUTPUT), Phase.startLatencies());
    }

    @Test
    void namesAreTheWorkloadsAndOnlyPhasesHaveOne() {
        assertEquals(Phase.POD_SANDBOX_START, Phase.byName("pod-sandbox-start").orElseThrow());
        assertTrue(Phase.byName("cpu-single").isEmpty());
        assertEquals("first-output", Phase.FIRST_OUTPUT.toString());
    }
}
