package dev.rtbench.bench.run;

import dev.rtbench.harness.engine.Engine;
import dev.rtbench.harness.results.EngineKind;
import dev.rtbench.harness.engine.Privileges;
import dev.rtbench.harness.engine.RunRules;
import dev.rtbench.harness.daemonjson.RuntimeEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.jmh.BenchContext;
import dev.rtbench.bench.jmh.InvocationRecord;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.docker.ManagedDaemon;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.host.ProcessTree;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small density (N = 5) and burst (K = 4) measurement under runc and gVisor against a real private daemon, and
 * a density measurement under a runtime whose fourth OCI create fails: each gives its figures, and none leaves a
 * container, a process, a mount or a folder behind.
 */
@Tag("docker")
class DensityBurstIT {

    @Test
    void densityAndBurstUnderRuncAndGvisorAndARuntimeThatFailsMidwayLeaveNothingBehind(@TempDir Path tmp)
            throws Exception {
        // this test checks what is measured and left behind, not timings: another JMH on a shared machine is fine
        System.setProperty("jmh.ignoreLock", "true");
        Path count = tmp.resolve("creates");
        Files.writeString(count, "0");
        Path failing = tmp.resolve("failing");
        Files.writeString(failing, "#!/bin/sh\n"
                + "for a in \"$@\"; do if [ \"$a\" = create ]; then n=$(( $(cat " + count + ") + 1 )); echo $n > "
                + count + "; if [ $n -ge 4 ]; then exit 1; fi; fi; done\n"
                + "exec " + runc() + " \"$@\"\n");
        failing.toFile().setExecutable(true);
        Map<String, RuntimeEntry> entries = new LinkedHashMap<>();
        entries.put("runsc", RuntimeEntry.ofPath("/usr/bin/runsc", List.of("--network=none")));
        entries.put("failing", RuntimeEntry.ofPath(failing.toString(), List.of()));

        Path daemonDir;
        try (ManagedDaemon d = ManagedDaemon.start(entries, Duration.ofSeconds(60));
                DockerEngine engine = DockerEngine.connect(d.host(), Duration.ofSeconds(60));
                PrintStream jmhLog = new PrintStream(Files.newOutputStream(tmp.resolve("jmh.log")), true,
                        StandardCharsets.UTF_8)) {
            daemonDir = d.dir();
            WorkloadImages.Prepared image = WorkloadImages.prepare(engine, null, System.out);
            SlotRunner slots = new SlotRunner(jmhLog);
            BenchContext.install(new BenchContext(List.of(Engine.of(EngineKind.DOCKER, engine)),
                    new BenchContext.Setup(image.reference(), "it-density", 1.0, Duration.ofSeconds(60), image.shell(),
                            Privileges.forImage(true)).withDensity(5), slots::accept));
            try {
                for (String rt : List.of("runc", "runsc")) {
                    InvocationRecord density = only(slots.run(rt, HostWorkloads.density(5), 1, 0));
                    print(density);
                    assertNull(density.failure(), density.failure());
                    assertEquals(rt, density.verifiedRuntime());
                    Map<String, Double> f = figures(density);
                    // MemAvailable figures are left out when the rest of a shared host freed more than 5 containers took
                    for (String m : List.of("pss-per-container", "start@1", "start@2", "start@5")) {
                        assertTrue(f.containsKey(m), m + " missing from " + f);
                    }
                    // a shim alone is several MiB; a gVisor sandbox and gofer more
                    assertTrue(f.get("pss-per-container") > (rt.equals("runsc") ? 8 : 1), f.toString());
                    assertClean(engine, d);

                    InvocationRecord burst = only(slots.run(rt, HostWorkloads.burst(4), 1, 0));
                    print(burst);
                    assertNull(burst.failure(), burst.failure());
                    Map<String, Double> b = figures(burst);
                    assertTrue(b.get("start-max") >= b.get("start-median"), b.toString());
                    assertTrue(b.containsKey("dockerd-cpu") && b.containsKey("containerd-cpu"), b.toString());
                    assertClean(engine, d);
                }

                Files.writeString(count, "0");
                InvocationRecord failed = only(slots.run("failing", HostWorkloads.density(5), 1, 0));
                print(failed);
                assertTrue(failed.failure() != null && failed.failure().startsWith("reached 3 of 5 containers"),
                        String.valueOf(failed.failure()));
                assertTrue(failed.failure().contains("exit status 1"), failed.failure());
                Map<String, Double> f = figures(failed);
                assertEquals(3.0, f.get("containers-reached"));
                assertTrue(f.containsKey("pss-per-container") && f.containsKey("start@2"), f.toString());
                assertFalse(f.containsKey("start@5"), f.toString());
                assertClean(engine, d);
            } finally {
                BenchContext.uninstall();
            }
        }
        assertFalse(Files.exists(daemonDir), "the daemon's folder was left: " + daemonDir);
        String dir = daemonDir.toString();
        assertEquals(List.of(), Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .filter(l -> l.split(" ")[1].startsWith(dir)).toList(), "mounts were left");
        assertEquals(List.of(), mentioning(dir), "processes of the daemon were left");
    }

    private static InvocationRecord only(SlotRunner.Outcome o) {
        assertNull(o.error(), o.error());
        assertEquals(1, o.records().size(), o.records().toString());
        return o.records().get(0);
    }

    private static Map<String, Double> figures(InvocationRecord r) {
        return r.extra().stream().collect(Collectors.toMap(InvocationRecord.Figure::metric,
                InvocationRecord.Figure::value, (a, b) -> a, LinkedHashMap::new));
    }

    private static void print(InvocationRecord r) {
        System.out.println("[" + r.runtime() + " " + r.workload() + "] " + figures(r)
                + (r.failure() == null ? "" : " failed: " + r.failure()));
    }

    /** No container of the daemon is left, and no process of one: only dockerd and its containerd name its folder. */
    private static void assertClean(DockerEngine engine, ManagedDaemon d) {
        assertEquals(List.of(), engine.containersLabelled(RunRules.RUN_LABEL, null), "containers were left");
        List<String> left = mentioning(d.dir().toString()).stream()
                .filter(p -> p.pid() != d.pid() && !(p.ppid() == d.pid() && p.comm().equals("containerd")))
                .map(p -> p.pid() + " " + String.join(" ", p.argv())).toList();
        assertEquals(List.of(), left, "processes of removed containers were left");
    }

    private static List<ProcessTree.Proc> mentioning(String dir) {
        long self = ProcessHandle.current().pid();
        return ProcessTree.read().all().stream()
                .filter(p -> p.pid() != self && p.argv().stream().anyMatch(a -> a.contains(dir))).toList();
    }

    private static String runc() {
        for (String p : List.of("/usr/sbin/runc", "/usr/bin/runc", "/usr/local/sbin/runc")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        throw new AssertionError("runc is not installed");
    }
}
