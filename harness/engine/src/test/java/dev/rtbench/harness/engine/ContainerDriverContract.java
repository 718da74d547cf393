package dev.rtbench.harness.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every {@link ContainerDriver} does, whatever it talks to: each driver has a subclass that says how to make
 * it and its containers ({@code InMemoryDriverTest} without Docker, {@code DockerEngineContractIT} against a private
 * dockerd). The commands are real shell commands, so that a real daemon runs them as they are; the in-memory
 * driver is told what each of them does.
 */
public abstract class ContainerDriverContract {

    /** Prints a line on each stream and exits 3. */
    protected static final List<String> OUT_ERR_EXIT_3 = List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3");
    /** Says "ready" once its SIGTERM trap is set, then runs until stopped and exits 0 then. */
    protected static final List<String> READY_THEN_IDLE = List.of("/bin/sh", "-c",
            "trap 'exit 0' TERM; echo ready; sleep 2147483647 & wait");
    /** Runs for longer than any timeout of these tests. */
    protected static final List<String> SLEEP_LONG = List.of("sleep", "600");
    protected static final List<String> TRUE = List.of("true");
    protected static final String LABEL = "dev.rtbench.contract";

    /** This test's label value: each test sweeps only its own containers. */
    protected final String run = "contract-" + UUID.randomUUID();
    private final List<String> created = new ArrayList<>();

    /** The driver under test, with a call timeout of some tens of seconds. */
    protected abstract ContainerDriver driver();

    /** The same daemon, with calls that time out after {@code timeout}. */
    protected abstract ContainerDriver impatient(Duration timeout);

    /** A container spec for {@code command} under {@code runtime}, with everything else as the driver needs. */
    protected abstract ContainerSpec spec(String runtime, List<String> command, Map<String, String> labels);

    /** A runtime the daemon runs containers under. */
    protected String runtime() {
        return "runc";
    }

    private String create(List<String> command) {
        return create(command, run);
    }

    private String create(List<String> command, String label) {
        String id = driver().create(spec(runtime(), command, Map.of(LABEL, label)));
        created.add(id);
        return id;
    }

    @AfterEach
    void removeWhatTheTestLeft() {
        created.forEach(driver()::discard);
    }

    @Test
    void aContainerRunsToItsExitAndShowsItsOutputAndRuntime() {
        String id = create(OUT_ERR_EXIT_3);
        driver().start(id);
        assertEquals(3, driver().waitExit(id));
        ExecResult logs = driver().logs(id);
        assertEquals(new ExecResult(3, "out\n", "err\n"), logs);
        assertEquals(runtime(), driver().runtimeOf(id));
        driver().remove(id);
        assertOperationFails("inspect", () -> driver().runtimeOf(id));
    }

    @Test
    void execRunsInARunningContainerAndStopEndsIt() {
        String id = create(READY_THEN_IDLE);
        driver().start(id);
        assertEquals(new ExecResult(3, "out\n", "err\n"), driver().exec(id, OUT_ERR_EXIT_3, Duration.ofSeconds(30)));
        ContainerDriver.EndedExec ended = driver().execUntilEnd(id, TRUE, Duration.ofSeconds(30));
        assertEquals(0, ended.finish().exitCode());
        driver().stop(id, Duration.ofSeconds(10));
        assertEquals(0, driver().waitExit(id), "the trap makes SIGTERM an exit 0");
        assertOperationFails("exec", () -> driver().exec(id, TRUE, Duration.ofSeconds(30)));
        assertDoesNotThrow(() -> driver().stop(id, Duration.ofSeconds(10)), "stopping a stopped container");
    }

    @Test
    void theFirstOutputArrivesAndTheStartIsConfirmedAfterwards() {
        String id = create(READY_THEN_IDLE);
        try (ContainerDriver.FirstOutputWatch w = driver().prepareFirstOutput(id)) {
            assertEquals(id, w.containerId());
            assertThrows(IllegalStateException.class, w::confirmStarted, "not started yet");
            driver().startUntilFirstOutput(w);
            assertTrue(w.firstOutput().startsWith("ready"), w.firstOutput());
            w.confirmStarted();
        }
        assertEquals(runtime(), driver().runtimeOf(id));
        driver().stop(id, Duration.ofSeconds(10));
    }

    @Test
    void everyErrorIsAnEngineExceptionNamingItsOperation() {
        String gone = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        assertOperationFails("start", () -> driver().start(gone));
        assertOperationFails("wait for", () -> driver().waitExit(gone));
        assertOperationFails("exec", () -> driver().exec(gone, TRUE, Duration.ofSeconds(10)));
        assertOperationFails("inspect", () -> driver().runtimeOf(gone));
        assertOperationFails("logs of", () -> driver().logs(gone));
        assertOperationFails("attach to", () -> driver().prepareFirstOutput(gone));
        EngineException e = assertOperationFails("create",
                () -> driver().create(spec("no-such-runtime", TRUE, Map.of(LABEL, run))));
        assertTrue(e.getMessage().contains("no-such-runtime"), e.getMessage());
    }

    @Test
    void removingAGoneContainerIsNotAnErrorAndDiscardNeverThrows() {
        String id = create(READY_THEN_IDLE);
        driver().start(id);
        driver().remove(id);
        assertDoesNotThrow(() -> driver().remove(id));
        assertDoesNotThrow(() -> driver().discard(id));
        assertDoesNotThrow(() -> driver().discard("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
    }

    @Test
    void sweepRemovesExactlyTheLabelledContainersRunningOrNot() {
        String other = run + "-other";
        String a = create(TRUE);
        String b = create(READY_THEN_IDLE);
        driver().start(b);
        String c = create(TRUE, other);
        assertEquals(Set.of(a, b), Set.copyOf(driver().sweep(LABEL, run)));
        assertEquals(List.of(), driver().sweep(LABEL, run));
        assertOperationFails("inspect", () -> driver().runtimeOf(b));
        assertEquals(runtime(), driver().runtimeOf(c), "a container of another label value stays");
        assertTrue(driver().sweep(LABEL, null).contains(c));
    }

    @Test
    void aCallThatDoesNotAnswerInTimeThrowsATimeout() {
        String id = create(READY_THEN_IDLE);
        driver().start(id);
        // 2 s, not less: the first-output call must get through its start before it waits for output, and under
        // .ci/slow-machine gVisor's CRI StartContainer alone took more than the 0.5 s once tried here
        Duration patience = Duration.ofSeconds(2);
        EngineException exec = assertOperationFails("exec", () -> driver().exec(id, SLEEP_LONG, patience));
        assertInstanceOf(EngineTimeoutException.class, exec);
        long t0 = System.nanoTime();
        EngineException wait = assertOperationFails("wait for", () -> impatient(patience).waitExit(id));
        assertTrue(wait.getMessage().contains("did not finish within 2000 ms"), wait.getMessage());
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "the timeout did not act");
        String silent = create(List.of("sleep", "600"));
        try (ContainerDriver.FirstOutputWatch w = impatient(patience).prepareFirstOutput(silent)) {
            EngineException first = assertOperationFails("first output of",
                    () -> impatient(patience).startUntilFirstOutput(w));
            assertInstanceOf(EngineTimeoutException.class, first);
        }
    }

    /** Asserts that {@code call} throws an {@link EngineException} whose message starts with the operation. */
    protected static EngineException assertOperationFails(String operation, Executable call) {
        EngineException e = assertThrows(EngineException.class, call, operation);
        assertTrue(e.getMessage().startsWith(operation + " "), "the message names \"" + operation + "\": "
                + e.getMessage());
        return e;
    }
}
