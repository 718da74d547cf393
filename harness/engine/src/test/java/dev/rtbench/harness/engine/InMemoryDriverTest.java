package dev.rtbench.harness.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-memory driver keeps the {@link ContainerDriver} contract, so that tests built on it hold for Docker. */
class InMemoryDriverTest extends ContainerDriverContract {

    private final InMemoryDriver driver = new InMemoryDriver(Duration.ofSeconds(30), "runc", "runsc")
            .program(OUT_ERR_EXIT_3, InMemoryDriver.Program.exits(3, "out\n", "err\n"))
            .program(READY_THEN_IDLE, InMemoryDriver.Program.idle("ready\n"))
            .program(SLEEP_LONG, InMemoryDriver.Program.idle(""));

    @Override
    protected ContainerDriver driver() {
        return driver;
    }

    @Override
    protected ContainerDriver impatient(Duration timeout) {
        return driver.withCallTimeout(timeout);
    }

    @Override
    protected ContainerSpec spec(String runtime, List<String> command, Map<String, String> labels) {
        return new ContainerSpec("in-memory", command, runtime, labels, 0, 0, 0);
    }

    @Test
    void injectedFaultsNameTheirOperation() {
        String id = driver.create(spec("runsc", TRUE, Map.of()));
        driver.failing("start", "OCI runtime create failed: boom");
        EngineException e = assertOperationFails("start", () -> driver.start(id));
        assertEquals("start " + id.substring(0, 12) + " failed: OCI runtime create failed: boom", e.getMessage());
        driver.failing("start", null).recording("runsc", "runc");
        driver.start(id);
        assertEquals("runc", driver.runtimeOf(id));
        assertFalse(driver.calls().isEmpty());
        driver.withCallTimeout(Duration.ofMillis(50)).hanging("remove");
        assertOperationFails("remove", () -> driver.withCallTimeout(Duration.ofMillis(50)).remove(id));
    }
}
