package dev.rtbench.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workload scripts as text; running them needs a container, which unit tests do not use. */
class ScriptsTest {

    @Test
    void everyScriptUsesTheLibrary() {
        for (String name : ImageContent.SCRIPTS) {
            if (name.equals("lib.sh") || !name.endsWith(".sh")) {
                continue;
            }
            String script = CapturedOutput.read("/rtbench/" + name, true);
            assertTrue(script.startsWith("#!/bin/sh\n"), name);
            assertTrue(script.contains("\n. /rtbench/lib.sh\n"), name + " sources lib.sh");
        }
    }

    @Test
    void busyboxWorkloadScriptsReportUnderTheirName() {
        for (Workload w : Workloads.execution()) {
            if (!w.requires().isEmpty()) {
                continue;
            }
            String script = CapturedOutput.read("/rtbench/" + w.name() + ".sh", true);
            assertTrue(script.contains("args_count " + w.sizes().size() + " \"$@\""), w.name() + " checks its argument count");
            assertTrue(script.contains("result workload=" + w.name() + " "), w.name() + " reports under its own name");
        }
    }

    @Test
    void libraryStopsAtTheFirstFailure() {
        String lib = CapturedOutput.read("/rtbench/lib.sh", true);
        assertTrue(lib.contains("set -eu\n"), lib);
        assertTrue(lib.contains("set -o pipefail\n"), lib);
    }

    /** busybox sh -n parses without running: catches syntax errors without Docker. */
    @Test
    void scriptsParseInBusyboxSh(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(WorkloadImage.HOST_BUSYBOX), "no /bin/busybox on this machine");
        for (String name : ImageContent.SCRIPTS.stream().filter(n -> n.endsWith(".sh")).toList()) {
            Path script = dir.resolve(name);
            Files.writeString(script, CapturedOutput.read("/rtbench/" + name, true), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(WorkloadImage.HOST_BUSYBOX.toString(), "sh", "-n", script.toString())
                    .redirectErrorStream(true).start();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), name);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), name + ": " + out);
        }
    }
}
