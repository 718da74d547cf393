package dev.rtbench.harness.daemonjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void equalTextsGiveNoDiff() {
        assertEquals("", UnifiedDiff.unifiedDiff("a\n", "a\n", "x"));
    }

    @Test
    void showsAnInsertedRuntimeWithContext() {
        String before = Fixtures.text("runsc-install.json");
        String after = Fixtures.config("runsc-install.json").withRuntime("crun", RuntimeEntry.ofPath("/usr/bin/crun", null)).text();
        assertEquals("""
                --- /etc/docker/daemon.json
                +++ /etc/docker/daemon.json (after rtbench)
                @@ -2,6 +2,9 @@
                     "runtimes": {
                         "runsc": {
                             "path": "/usr/local/bin/runsc"
                +        },
                +        "crun": {
                +            "path": "/usr/bin/crun"
                         }
                     }
                 }
                """, UnifiedDiff.unifiedDiff(before, after, "/etc/docker/daemon.json"));
    }

    @Test
    void separatesDistantChangesIntoHunksAndMarksMissingNewline() {
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            a.append("l").append(i).append('\n');
        }
        String before = a.toString();
        String after = before.replace("l2\n", "L2\n").replace("l20\n", "l20");
        assertEquals("""
                --- f
                +++ f (after rtbench)
                @@ -1,5 +1,5 @@
                 l1
                -l2
                +L2
                 l3
                 l4
                 l5
                @@ -17,4 +17,4 @@
                 l17
                 l18
                 l19
                -l20
                +l20
                \\ No newline at end of file
                """, UnifiedDiff.unifiedDiff(before, after, "f"));
    }

    /** A 10 MB, 90k-line daemon.json: "file too large to diff" before; now a short diff of the splice. */
    @Test
    void aTenMegabyteFileGivesTheDiffOfTheChangedRegionOnly() {
        String before = largeDaemonJson(90_000);
        assertTrue(before.length() > 10_000_000, "fixture is " + before.length() + " chars");
        String after = DaemonConfig.parse(before, "big.json").withRuntime("crun", RuntimeEntry.ofPath("/usr/bin/crun", null)).text();
        long start = System.nanoTime();
        String diff = UnifiedDiff.unifiedDiff(before, after, "big.json");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("""
                --- big.json
                +++ big.json (after rtbench)
                @@ -90004,6 +90004,9 @@
                     "runtimes": {
                         "runsc": {
                             "path": "/usr/bin/runsc"
                +        },
                +        "crun": {
                +            "path": "/usr/bin/crun"
                         }
                     }
                 }
                """, diff);
        assertTrue(millis < 5_000, "took " + millis + " ms");
    }

    @Test
    void aChangedRegionTooLargeToCompareIsShownRemovedAndAdded() {
        StringBuilder a = new StringBuilder("{\n");
        StringBuilder b = new StringBuilder("{\n");
        for (int i = 0; i < 2_100; i++) {
            a.append("a").append(i).append('\n');
            b.append("b").append(i).append('\n');
        }
        String diff = UnifiedDiff.unifiedDiff(a + "}\n", b + "}\n", "f");
        assertTrue(diff.startsWith("--- f\n+++ f (after rtbench)\n@@ -1,2102 +1,2102 @@\n {\n-a0\n-a1\n"), diff.substring(0, 80));
        assertTrue(diff.endsWith("+b2098\n+b2099\n }\n"));
    }

    /** {@code n} labels of 110 characters each, then a runsc runtime, one key per line as dockerd's users write it. */
    static String largeDaemonJson(int n) {
        StringBuilder sb = new StringBuilder("{\n    \"labels\": [\n");
        for (int i = 0; i < n; i++) {
            sb.append("        \"com.example.host-").append(String.format("%06d", i)).append('=')
                    .append("x".repeat(80)).append('"').append(i < n - 1 ? ",\n" : "\n");
        }
        sb.append("    ],\n    \"runtimes\": {\n        \"runsc\": {\n            \"path\": \"/usr/bin/runsc\"\n        }\n    }\n}\n");
        return sb.toString();
    }

    @Test
    void fromEmptyFile() {
        assertEquals("--- f\n+++ f (after rtbench)\n@@ -0,0 +1,2 @@\n+{\n+}\n", UnifiedDiff.unifiedDiff("", "{\n}\n", "f"));
    }
}
