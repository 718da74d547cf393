package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.Ran;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} end to end, smoke-sized: a delay large against this machine's noise (200 ms at OCI exec) must
 * come back in the phase that holds the verb, as often as the phase calls it, decided by its interval. The A/A checks are run and reported but not asserted here:
 * at a family-wise 5% they fail one run in twenty by design, which a CI gate must not.
 */
// "measuring": the build runs it after the other integration tests, alone (benchmarks/pom.xml)
@Tag("docker")
@Tag("measuring")
class ValidateIT {

    @Test
    void aKnownDelayAtExecComesBackAndEveryCheckIsReported(@TempDir Path out) throws Exception {
        // bounded by work, not time: four rounds however long they take here (the budget only a deadline)
        // create, start and the exec path: a lifecycle phase and the in-container path each with validate's
        // warm-ups, and the A/A over three phases. wait, stop and remove are measured by RunIT's run, the A/A code
        // is the same for every phase, and every phase by default is LandingTest's; all six were 60 s of measuring
        // here, these three about 25 s
        Ran r = Ran.main("validate", "--inject", "200ms", "--inject-verb", "exec", "--rounds", "4", "--budget", "30m",
                "--phases", "create,start,exec", "--out", out.toString());
        String text = r.out() + r.err();
        // 0 every check held, 1 one failed, 3 one could not decide (its interval too wide at four rounds)
        assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 3, text);
        String md = Files.readString(out.resolve("validation.md"));
        // the delay is in exec once: its interval excludes none and twice, and meets 200 give or take the check's
        // 20%. Not the check's verdict, which also asks the interval to hold 200 exactly: four rounds on a quiet
        // machine here gave +186.16 ms [177.03, 199.10], missing it by 0.9 ms
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("known delay: 200\\.0 ms injected at OCI exec,"
                + " recovered in exec: recovered \\+([0-9.]+) ms \\[([0-9.-]+), ([0-9.-]+)\\]").matcher(md);
        assertTrue(m.find(), md);
        double low = Double.parseDouble(m.group(2));
        double high = Double.parseDouble(m.group(3));
        assertTrue(low > 0 && high < 400 && low <= 240 && high >= 160, "[" + low + ", " + high + "]: " + md);
        for (String phase : List.of("create", "start", "exec")) {
            assertTrue(md.contains("A/A on " + phase + ": runc under two names"), md);
        }
        assertFalse(md.contains("A/A on wait"), md);
        assertTrue(md.contains("differences below"), md);
        assertEquals(r.code() == 0, md.contains("Every check held."), md);
        assertEquals(r.code() == 1, md.contains("checks FAILED."), md);
        assertEquals(r.code() == 3, md.contains("INCONCLUSIVE: "), md);

        RunResults run = ResultsJson.read(out);
        assertEquals("complete", run.status());
        assertEquals(List.of("runc-a", "runc-b", "calib-plain", "calib-delayed"), run.config().runtimes());
        assertEquals(4 * 3, run.config().blocks().size(), "4 rounds of the 3 phases asked for");
        // the wrappers are gone with the run
        assertFalse(run.environment().runtimes().stream().map(e -> String.valueOf(e.daemonEntry().get("path")))
                .filter(p -> p.contains("rtb-calib-")).anyMatch(p -> Files.exists(Path.of(p))));
    }

    @Test
    void throughCriADelayedKillComesBackTwiceInStop(@TempDir Path out) throws Exception {
        // the phase the kill lands in, the pod's sandbox start (CRI's own) and create, which no other run through CRI
        // measures; start and remove through CRI are in EnginesRunIT's run, exec in the CRI contract tests. All six
        // phases were 76 s of measuring here, these three 39 s
        Ran r = Ran.main("validate", "--engine", "cri", "--inject", "100ms", "--inject-verb", "kill", "--rounds", "4",
                "--phases", "create,stop,pod-sandbox-start", "--budget", "30m", "--out", out.toString());
        String text = r.out() + r.err();
        assertTrue(r.code() == 0 || r.code() == 1 || r.code() == 3, text);
        String md = Files.readString(out.resolve("validation.md"));
        // StopContainer calls the runtime's kill twice: the phase holds the delay twice. Asserted on the interval
        // rather than by the check's verdict: the second kill can overlap the container's exit by a few ms (two runs
        // here recovered +199.99 [197.46, 202.95] and +196.73 [193.84, 199.85], the second interval just missing
        // 200), and on a machine with every verb 300 ms late and both cores busy four rounds gave +151.05
        // [115.65, 276.44]. Twice, then: the interval excludes once (100) and three times (300), and meets 200
        // give or take the check's 20%
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("known delay: 100\\.0 ms injected at OCI kill,"
                + " recovered in stop \\(2 calls: 200\\.0 ms\\): recovered \\+([0-9.]+) ms \\[([0-9.-]+), ([0-9.-]+)\\]")
                .matcher(md);
        assertTrue(m.find(), md);
        double low = Double.parseDouble(m.group(2));
        double high = Double.parseDouble(m.group(3));
        assertTrue(low > 100 && high < 300 && low <= 240 && high >= 160, "[" + low + ", " + high + "]: " + md);
        assertTrue(md.contains("A/A on pod-sandbox-start: runc under two names"), md);
        RunResults run = ResultsJson.read(out);
        assertEquals(List.of("runc-a@cri", "runc-b@cri", "calib-plain@cri", "calib-delayed@cri"),
                run.config().runtimes());
        assertEquals(List.of("create", "stop", "pod-sandbox-start"), run.config().workloads());
        // through CRI, validate starts no Docker engine (CriOnlyNodeIT runs where there is none)
        assertEquals(null, run.environment().dockerVersion());
        assertEquals(3 * 4, run.config().blocks().size(), "4 rounds of the 3 phases asked for");
    }
}
