package dev.rtbench.harness.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.Machine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineProbeTest {
    @TempDir
    Path root;

    private void put(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** What this project's machine showed: a KVM guest without /dev/kvm, cgroup v1, in a container. */
    private void guest() throws IOException {
        put("proc/cpuinfo", "processor\t: 0\nmodel name\t: Intel(R) Xeon(R)\nmicrocode\t: 0xffffffff\n"
                + "flags\t\t: fpu sse4_2 aes hypervisor pti avx2 avx512f constant_tsc nonstop_tsc\n");
        put("sys/devices/system/cpu/vulnerabilities/meltdown", "Mitigation: PTI\n");
        put("sys/devices/system/cpu/vulnerabilities/spec_store_bypass", "Vulnerable\n");
        put("sys/devices/system/cpu/vulnerabilities/mds", "Not affected\n");
        put("sys/devices/system/cpu/smt/control", "notsupported\n");
        put("sys/devices/system/clocksource/clocksource0/current_clocksource", "kvm-clock\n");
        put("proc/cmdline", "mitigations=auto pti=on console=ttyS0\n");
        put("sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never\n");
        Files.createDirectories(root.resolve("sys/fs/cgroup/cpu"));
        put(".dockerenv", "");
    }

    @Test
    void aGuestIsDescribedFromWhatItsHostExposes() throws IOException {
        guest();
        Machine m = new MachineProbe(root).read("cpu\n2\n24 GiB\n6.18", "cgroupfs", "overlay2", "extfs");
        assertEquals("a virtual machine (hypervisor CPU flag; clocksource kvm-clock), rtbench itself in a container"
                + " (/.dockerenv)", m.virtualization());
        assertFalse(m.kvm());
        assertEquals("hypervisor pti avx2 avx512f constant_tsc nonstop_tsc", m.cpuFlags());
        assertEquals("0xffffffff", m.microcode());
        assertEquals("Intel(R) Xeon(R)", new MachineProbe(root).cpuinfo("model name"));
        assertEquals("1 mitigated, 1 vulnerable, 1 not affected (of 3)", m.mitigationSummary());
        assertEquals("notsupported", m.smt());
        assertTrue(m.governor().startsWith("none (no cpufreq"), m.governor());
        assertEquals("v1, driver cgroupfs", m.cgroup());
        assertEquals("overlay2 on extfs", m.storage());
        assertEquals("madvise", m.transparentHugepages());
        assertEquals("mitigations=auto pti=on console=ttyS0", m.kernelCommandLine());
        assertTrue(m.fingerprint().matches("m-[0-9a-f]{10}"), m.fingerprint());
    }

    @Test
    void theFingerprintHoldsForTheSameMachineAndMovesWithWhatShapesItsCosts() throws IOException {
        guest();
        MachineProbe p = new MachineProbe(root);
        String first = p.read("cpu", "cgroupfs", "overlay2", "extfs").fingerprint();
        assertEquals(first, p.read("cpu", "cgroupfs", "overlay2", "extfs").fingerprint());
        put("sys/devices/system/cpu/vulnerabilities/spec_store_bypass", "Mitigation: Speculative Store Bypass"
                + " disabled via prctl\n");
        String mitigated = p.read("cpu", "cgroupfs", "overlay2", "extfs").fingerprint();
        assertNotEquals(first, mitigated);
        Files.createDirectories(root.resolve("dev"));
        Files.writeString(root.resolve("dev/kvm"), "");
        Machine nested = p.read("cpu", "cgroupfs", "overlay2", "extfs");
        assertTrue(nested.kvm());
        assertTrue(nested.virtualization().contains("with /dev/kvm: nested virtualisation"), nested.virtualization());
        assertNotEquals(mitigated, nested.fingerprint());
    }

    @Test
    void bareMetalWithCgroupV2AndNoDaemon() throws IOException {
        put("proc/cpuinfo", "flags\t\t: fpu vmx pti\n");
        put("sys/fs/cgroup/cgroup.controllers", "cpu memory\n");
        put("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "performance\n");
        Machine m = new MachineProbe(root).read("cpu", null, null, null);
        assertEquals("bare metal (no hypervisor CPU flag)", m.virtualization());
        assertEquals("v2", m.cgroup());
        assertEquals("no daemon said", m.storage());
        assertEquals("performance", m.governor());
        assertEquals("vmx pti", m.cpuFlags());
        assertEquals("0 mitigated, 0 vulnerable, 0 not affected (of 0)", m.mitigationSummary());
    }
}
