package dev.rtbench.harness.daemonjson;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void fromEmptyFile() {
        assertEquals("--- f\n+++ f (after rtbench)\n@@ -0,0 +1,2 @@\n+{\n+}\n", UnifiedDiff.unifiedDiff("", "{\n}\n", "f"));
    }
}
