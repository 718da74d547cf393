package dev.rtbench.harness.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ArmTest {

    @Test
    void aRuntimeAloneIsMeasuredThroughDockerdAndKeepsItsName() {
        assertEquals(new Arm("runsc", Arm.DOCKER), Arm.parse("runsc"));
        assertEquals("runsc", new Arm("runsc", Arm.DOCKER).name());
    }

    @Test
    void anotherEngineIsNamedAfterTheAt() {
        Arm a = Arm.parse("runsc@cri");
        assertEquals("runsc", a.runtime());
        assertEquals(Arm.CRI, a.engine());
        assertEquals("runsc@cri", a.name());
        assertEquals("runsc", a.through(Arm.DOCKER).name());
        assertEquals("runc-a", Arm.runtimeOf("runc-a@cri"));
    }

    @Test
    void emptyPartsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Arm.parse("@cri"));
        assertThrows(IllegalArgumentException.class, () -> Arm.parse("runc@"));
        assertThrows(IllegalArgumentException.class, () -> new Arm("a@b", Arm.CRI));
    }
}
