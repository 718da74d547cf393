package dev.rtbench.harness.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.results.RunscVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeCatalogueTest {

    // RuntimeProfile.PROOF_COMMAND's real output, captured through dockerd 20.10 on a Debian 12 host (kernel
    // 6.18.44-fc-v657) under runc 1.1.5 and runsc 20221219 (workloads/src/test/resources/captured/*/proof.out)
    private static final String HOST = "6.18.44-fc-v657";
    private static final String UNDER_RUNC = "6.18.44-fc-v657\n";
    private static final String UNDER_GVISOR = "4.4.0\n[   0.000000] Starting gVisor...\n"
            + "[   0.167246] Conjuring /dev/null black hole...\n[   0.543780] Creating process schedule...\n";

    @Test
    void eachFamilyRecognisesItsOwnProofAndRejectsTheOthers() {
        RuntimeProfile runc = RuntimeCatalogue.byName("runc");
        RuntimeProfile runsc = RuntimeCatalogue.byName("runsc");
        RuntimeProfile kata = RuntimeCatalogue.byName("kata");
        assertTrue(runc.judge(UNDER_RUNC, HOST).agrees());
        assertFalse(runc.judge(UNDER_GVISOR, HOST).agrees());
        assertTrue(runsc.judge(UNDER_GVISOR, HOST).agrees());
        assertFalse(runsc.judge(UNDER_RUNC, HOST).agrees());
        // a VM runtime shows a guest kernel that is not the host's
        assertTrue(kata.judge("6.1.62\n", HOST).agrees());
        assertFalse(kata.judge(UNDER_RUNC, HOST).agrees());
        assertFalse(kata.judge(UNDER_GVISOR, HOST).agrees());
        assertFalse(runc.judge("", HOST).agrees(), "no output proves nothing");
        assertTrue(runsc.judge(UNDER_GVISOR, HOST).observed().contains("gVisor"));
    }

    @Test
    void entriesFollowTheDockerVersion() {
        RuntimeProfile runsc = RuntimeCatalogue.byName("runsc");
        assertEquals(Map.of("path", "/usr/bin/runsc", "runtimeArgs", List.of("--network=none")),
                runsc.daemonEntry("/usr/bin/runsc", 20).orElseThrow().toJsonMap());
        assertEquals(List.of("--network=none", "--platform=kvm"),
                RuntimeCatalogue.byName("runsc-kvm").daemonEntry("/usr/bin/runsc", 26).orElseThrow().runtimeArgs());
        RuntimeProfile kata = RuntimeCatalogue.byName("kata");
        assertEquals(Map.of("runtimeType", "io.containerd.kata.v2"), kata.daemonEntry(null, 26).orElseThrow().toJsonMap());
        var e = assertThrows(IllegalArgumentException.class, () -> kata.daemonEntry(null, 20));
        assertTrue(e.getMessage().contains("Docker 23"), e.getMessage());
        // Kata 1.x's kata-runtime is a path entry on any Docker
        assertEquals(Map.of("path", "/opt/kata/bin/kata-runtime"),
                kata.daemonEntry("/opt/kata/bin/kata-runtime", 20).orElseThrow().toJsonMap());
        assertTrue(RuntimeCatalogue.byName("runc").daemonEntry("/usr/sbin/runc", 20).isEmpty(), "runc is built in");
        // a hypervisor variant points the shim at its own configuration
        assertEquals(Map.of("runtimeType", "io.containerd.kata.v2", "options",
                        Map.of("ConfigPath", "/opt/kata/share/defaults/kata-containers/configuration-clh.toml")),
                RuntimeCatalogue.byName("kata-clh").daemonEntry(null, 26).orElseThrow().toJsonMap());
    }

    @Test
    void unknownNamesAndNonRuntimesAreExplained() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> RuntimeCatalogue.byName("runq"));
        assertTrue(unknown.getMessage().contains("runsc") && unknown.getMessage().contains("--runtime NAME=PATH"),
                unknown.getMessage());
        var crio = assertThrows(IllegalArgumentException.class, () -> RuntimeCatalogue.byName("cri-o"));
        assertTrue(crio.getMessage().contains("Kubernetes"), crio.getMessage());
    }

    @Test
    void aUsersOwnEntryIsMatchedToItsFamilyByItsBinary() {
        RuntimeProfile p = RuntimeCatalogue.forEntry("gv-2024",
                RuntimeEntry.ofPath("/opt/gvisor/2024/runsc", List.of("--network=none", "--platform=systrap")));
        assertEquals(RuntimeKind.GVISOR, p.kind());
        assertEquals("systrap", p.platform());
        assertEquals(RuntimeKind.KATA, RuntimeCatalogue.forEntry("k", RuntimeEntry.ofType("io.containerd.kata.v2", null)).kind());
        // a binary that is not there and a name that says nothing: measured, verified by the daemon's record
        RuntimeProfile mystery = RuntimeCatalogue.forEntry("mystery", RuntimeEntry.ofPath("/usr/local/bin/sandboxer", List.of()));
        assertEquals(RuntimeKind.UNKNOWN, mystery.kind());
        assertTrue(mystery.judge("6.1.0\n", "6.1.0").agrees());
        assertTrue(mystery.judge("6.1.0\n", "6.1.0").observed().contains("daemon's record alone"));
    }

    @Test
    void aRuntimeIsKnownByWhatItsBinarySaysNotByItsName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path sandboxed = script(dir, "sandboxed", "runsc version release-20240729.0");
        java.nio.file.Path calib = script(dir, "calib-x", "runc version 1.1.5");
        assertEquals(RuntimeKind.GVISOR, RuntimeCatalogue.forEntry("sandboxed", RuntimeEntry.ofPath(sandboxed.toString(), List.of())).kind());
        assertEquals(RuntimeKind.RUNC, RuntimeCatalogue.forEntry("calib-x", RuntimeEntry.ofPath(calib.toString(), List.of())).kind());
        java.nio.file.Path silent = script(dir, "quiet", "");
        assertEquals(RuntimeKind.UNKNOWN, RuntimeCatalogue.forEntry("q", RuntimeEntry.ofPath(silent.toString(), List.of())).kind());
    }

    private static java.nio.file.Path script(java.nio.file.Path dir, String name, String says) throws Exception {
        java.nio.file.Path p = dir.resolve(name);
        java.nio.file.Files.writeString(p, "#!/bin/sh\n" + (says.isEmpty() ? "" : "echo '" + says + "'\n"));
        p.toFile().setExecutable(true);
        return p;
    }

    @Test
    void gvisorPlatformComesFromTheFlagOrTheRelease() {
        RuntimeProfile runsc = RuntimeCatalogue.byName("runsc");
        assertEquals("ptrace", RuntimeCatalogue.gvisorPlatform(runsc, "runsc version 0.0~20221219.0"));
        assertEquals("systrap", RuntimeCatalogue.gvisorPlatform(runsc, "runsc version release-20240729.0"));
        assertEquals("kvm", RuntimeCatalogue.gvisorPlatform(RuntimeCatalogue.byName("runsc-kvm"), "runsc version 0.0~20221219.0"));
        assertNull(RuntimeCatalogue.gvisorPlatform(runsc, null));
        assertEquals(20221219, RunscVersion.release("runsc version 0.0~20221219.0"));
    }

    @Test
    void aMissingBinaryIsReportedWithWhatToInstall() {
        RuntimeProfile ghost = new RuntimeProfile("youki", RuntimeKind.YOUKI, "test", List.of("/nonexistent/youki"),
                List.of(), null, true, null);
        Detection d = ghost.detect();
        assertFalse(d.installed());
        assertFalse(d.usable());
        assertTrue(d.problem().contains("youki"), d.problem());
    }
}
