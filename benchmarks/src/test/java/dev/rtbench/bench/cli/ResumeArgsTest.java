package dev.rtbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.RunResults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arguments that continue REAL recorded runs, on a machine of stub binaries. */
class ResumeArgsTest {

    @Test
    void aRuntimeOfTheUsersIsRegisteredFromTheBinaryTheRunRecorded() {
        RunResults aa = RerunPlanTest.published("20261202-084430-8d2d");
        // the recorded binary is here: it, not the first of its family
        List<String> args = ResumeArgs.of(aa, RerunPlanTest.BOTH, "/usr/sbin/runc"::equals);
        String line = String.join(" ", args);
        assertTrue(line.startsWith("--runtime runc-a=/usr/sbin/runc --runtime runc-b=/usr/sbin/runc --runtimes"
                + " runc-a,runc-b --baseline runc-a --workloads "), line);
        assertTrue(line.endsWith("--profile quick --seed " + RerunPlan.seedOf(aa).orElseThrow()), line);
        // gone since: the family's binary here stands for it, and the version check at the start says if it differs
        String elsewhere = String.join(" ", ResumeArgs.of(aa, RerunPlanTest.BOTH, p -> false));
        assertTrue(elsewhere.startsWith("--runtime runc-a=/opt/x/runc --runtime runc-b=/opt/x/runc"), elsewhere);
    }

    @Test
    void aRunThatCannotBeMatchedHereIsNotResumed() {
        RunResults run = RerunPlanTest.published("20261202-083621-df67");
        UsageException e = assertThrows(UsageException.class, () -> ResumeArgs.of(run,
                RerunPlanTest.machine(Map.of("runc", "/usr/bin/runc")), p -> true));
        assertTrue(e.getMessage().contains("cannot be resumed on this machine: runsc: not on this machine"),
                e.getMessage());
    }
}
