package dev.rtbench.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The host reference's runs, for real: the containers' scripts and tools on the host itself, at a small scale.
 * The set-up installs busybox-static, stress-ng and fio (the image is made of them), so CI has them.
 */
class HostRunTest {

    @Test
    void theContainersWorkloadsRunOnTheHostAndGiveTheirFigures() {
        assumeTrue(Files.isExecutable(WorkloadImage.HOST_BUSYBOX), "no /bin/busybox on this machine");
        Path root;
        try (HostRun host = HostRun.prepare(WorkloadImage.HOST_BUSYBOX)) {
            root = Path.of(host.hostPath("/rtbench/lib.sh")).getParent().getParent();
            for (String name : List.of("syscall-null", "fork", "fio-fsync")) {
                Workload w = Workloads.select(name).get(0);
                HostRun.Result r = host.run(w, 0.02, 120);
                assertTrue(r.failure().isEmpty(), name + ": " + r.failure());
                assertFalse(r.measurements().isEmpty(), name);
                Measurement first = r.measurements().get(0);
                assertTrue(first.value() > 0 && Double.isFinite(first.value()), name + ": " + first);
                assertTrue(r.seconds() > 0, name);
            }
            // fio's file is laid out and removed in the run's scratch folder, never in the host's /var/tmp
            assertEquals(root.resolve("scratch").toString(), host.hostPath(Workloads.ROOTFS));
            assertFalse(Files.exists(root.resolve("scratch/rtbench-fio")), "fio's cleanup removed its file");
        }
        assertFalse(Files.exists(root), "the folder is gone with close()");
    }

    @Test
    void aFailingRunSaysWhyAndThrowsNothing() {
        assumeTrue(Files.isExecutable(WorkloadImage.HOST_BUSYBOX), "no /bin/busybox on this machine");
        try (HostRun host = HostRun.prepare(WorkloadImage.HOST_BUSYBOX)) {
            Workload bad = new Workload("bad", WorkloadKind.EXECUTION, "nothing", List.of("/bin/sh", "-c", "exit 7"),
                    java.util.Map.of(), "ops/s", (out, err) -> List.of());
            HostRun.Result r = host.run(bad, 1, 30);
            assertTrue(r.failure().orElseThrow().startsWith("exited 7"), r.failure().toString());
            Workload hung = new Workload("hung", WorkloadKind.EXECUTION, "nothing",
                    List.of("/bin/sh", "-c", "sleep 30"), java.util.Map.of(), "ops/s", (out, err) -> List.of());
            HostRun.Result h = host.run(hung, 1, 1);
            assertTrue(h.failure().orElseThrow().contains("did not end within 1 s"), h.failure().toString());
        }
    }
}
