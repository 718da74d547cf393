package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The managed daemon's folder a run names in its notes, and the check that it is gone: a run's own folder, not
 * every {@code /tmp/rtb-*}, since other runs on a shared machine start and remove theirs meanwhile.
 */
final class ManagedFolder {
    private static final Pattern NOTE = Pattern.compile("^the managed dockerd ran in (\\S+) \\(removed at the end");

    private ManagedFolder() {}

    static void assertRemoved(RunResults r) {
        Path dir = r.notes().stream().map(NOTE::matcher).filter(Matcher::find).map(m -> Path.of(m.group(1)))
                .findFirst().orElse(null);
        assertTrue(dir != null, "the run does not say where its managed dockerd ran: " + r.notes());
        assertFalse(Files.exists(dir), "the managed daemon's folder was left behind: " + dir);
    }
}
