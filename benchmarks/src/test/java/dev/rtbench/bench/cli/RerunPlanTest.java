package dev.rtbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The plans of REAL published runs, on a machine of stub binaries. */
class RerunPlanTest {

    static RunResults published(String run) {
        return ResultsJson.read(Path.of("..", "results", "published", "before-fingerprints", run));
    }

    static Function<String, Optional<String>> machine(Map<String, String> binaries) {
        return name -> Optional.ofNullable(binaries.get(name));
    }

    static final Function<String, Optional<String>> BOTH = machine(Map.of("runc", "/opt/x/runc", "runsc", "/opt/x/runsc"));

    @Test
    void theDefaultRunIsRepeatedWithItsWorkloadsSizesProfileAndSeed() {
        RerunPlan p = RerunPlan.of(published("20261202-083621-df67"), BOTH);
        assertEquals(List.of("run", "--runtimes", "runc,runsc", "--baseline", "runc", "--workloads",
                "start,cpu-single,memory-1m,syscall-null,fork,files-small,fio-random,tcp-throughput,density,burst-4",
                "--density", "5", "--profile", "quick", "--seed", "-1302295842"), p.runArgs());
        assertEquals(List.of(), p.unmatched());
        assertTrue(p.said().contains("runsc: runsc of this machine (/opt/x/runsc); there: runsc version 0.0~20221219.0"),
                p.said().toString());
        assertTrue(p.said().stream().anyMatch(l -> l.startsWith("profile: quick") && l.contains("20 there")),
                p.said().toString());
        assertTrue(p.said().contains("image: built from this build's sources; its content hash is checked against"
                + " rtbench/workload:b58aed9aaee1 after the run"), p.said().toString());
    }

    @Test
    void aRuntimeUnderANameOfItsOwnIsRegisteredAgainFromThisMachinesBinaryOfItsFamily() {
        RerunPlan p = RerunPlan.of(published("20261202-084430-8d2d"), BOTH);
        String args = String.join(" ", p.runArgs());
        assertTrue(args.startsWith("run --runtime runc-a=/opt/x/runc --runtime runc-b=/opt/x/runc --runtimes"
                + " runc-a,runc-b --baseline runc-a --workloads "), args);
        assertTrue(p.said().contains("runc-b: this machine's runc binary /opt/x/runc; there: runc version 1.1.5+ds1"),
                p.said().toString());
    }

    @Test
    void bothEnginesStayBothAndWhatIsMissingHereIsSaid() {
        RerunPlan p = RerunPlan.of(published("20261129-094348-a95d"), machine(Map.of("runc", "/usr/bin/runc")));
        String args = String.join(" ", p.runArgs());
        assertTrue(args.startsWith("run --engine both --runtimes runc --baseline runc --workloads create,start,"),
                args);
        assertTrue(p.unmatched().contains("runsc: not on this machine (none of [runsc] found): left out"),
                p.unmatched().toString());
        // older than the seed's note: said, not guessed
        assertTrue(p.unmatched().contains("block orders: the run named no seed (older than the seed's note);"
                + " drawn afresh"), p.unmatched().toString());

        RunResults df67 = published("20261202-083621-df67");
        List<String> withOwn = new ArrayList<>(df67.config().workloads());
        withOwn.add("count-lines");
        var c = df67.config();
        RunResults own = new RunResults(df67.formatVersion(), df67.runId(), df67.started(), df67.finished(),
                df67.status(), df67.environment(), new RunConfig(c.runtimes(),
                        c.baseline(), withOwn, c.profile(), c.image(), c.roundOrder(), c.blocks(), c.phaseCalls()),
                df67.samples(), df67.notes());
        RerunPlan mine = RerunPlan.of(own, BOTH);
        assertTrue(mine.unmatched().contains("count-lines: the published run's own workload (--workload-file), which"
                + " its results do not hold: left out"), mine.unmatched().toString());
        assertTrue(String.join(" ", mine.runArgs()).contains("--workloads start,cpu-single,memory-1m,syscall-null,"
                + "fork,files-small,fio-random,tcp-throughput,density,burst-4 "), mine.runArgs().toString());

        RerunPlan none = RerunPlan.of(df67, machine(Map.of("runsc", "/x/runsc")));
        assertTrue(none.unmatched().contains("the baseline runc cannot run here: nothing can be compared"),
                none.unmatched().toString());
    }
}
