package dev.rtbench.bench.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CalibrationRuntimesTest {

    private static int call(CalibrationRuntimes c, String runtime, String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(c.entries().get(runtime).path()));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    @Test
    void theWrappersTimeTheirSleepsAndTheDeliveredDelayIsTheDifference() throws Exception {
        // a stand-in runc that succeeds at once: only the wrappers' sleeps differ
        try (CalibrationRuntimes c = CalibrationRuntimes.create(Path.of("/bin/true"), "start", 200_000)) {
            assertTrue(c.deliveredMs().isEmpty(), "nothing slept yet");
            for (int i = 0; i < 3; i++) {
                assertEquals(0, call(c, CalibrationRuntimes.PLAIN, "--root", "/run/x", "start", "id1"));
                assertEquals(0, call(c, CalibrationRuntimes.DELAYED, "--root", "/run/x", "start", "id1"));
            }
            // another verb does not sleep, and is not timed
            assertEquals(0, call(c, CalibrationRuntimes.DELAYED, "create", "--bundle", "/b", "id1"));
            assertEquals(3, c.delayedCalls());
            OptionalDouble d = c.deliveredMs();
            assertFalse(d.isEmpty());
            // a sleep never ends early; how late it ends depends on the machine, so no upper bound
            assertTrue(d.getAsDouble() > 150, "delivered " + d.getAsDouble() + " ms of a 200 ms delay");
        }
    }
}
