package dev.rtbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.Ran;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    /** The published A/A run of the default set: REAL measurements, 1,396 samples. */
    static final Path AA = Path.of("..", "results", "published", "before-fingerprints", "20261202-054229-af92",
            "results.json");

    @Test
    void reportSaysWhatItDoesAndHowLongEachPartTookOnStandardError(@TempDir Path dir) throws Exception {
        Files.copy(AA, dir.resolve("results.json"));
        Ran r = Ran.main("report", dir.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.err().split("\n");
        assertTrue(lines[0].startsWith("report: reading "), r.err());
        assertTrue(r.err().matches("(?s).*\\n  1,396 samples in \\d+\\.\\d s\\n.*"), r.err());
        assertTrue(r.err().contains("report: statistics of 1,396 samples ..."), r.err());
        assertTrue(r.err().matches("(?s).*\\n  \\d+ series, \\d+ comparisons in \\d+\\.\\d s; charts \\.\\.\\.\\n.*"),
                r.err());
        assertTrue(r.err().matches("(?s).*\\nreport: done in \\d+\\.\\d s\\n"), r.err());
        // standard output stays the summary alone
        assertTrue(r.out().startsWith("Run 20261202-054229-af92 (complete)"), r.out());
        assertFalse(r.out().contains("report: "), r.out());
    }
}
