package dev.rtbench.harness.results;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What shapes a run's ratios besides the runtimes: the same gVisor measured 234x runc's system-call cost on one of
 * our machines and 34x on another. Read from the host when the run starts; a field the host does not expose says
 * so in words rather than being left out.
 *
 * @param fingerprint          a short hash of everything below and the environment's CPU, memory and kernel: two
 *                             runs with one fingerprint ran on machines alike in all of these
 * @param virtualization       bare metal or a guest (and of what, where the host tells), and the container rtbench
 *                             itself runs in, if any
 * @param kvm                  whether {@code /dev/kvm} exists (a VM-based runtime needs it; in a guest it means
 *                             nested virtualisation)
 * @param cpuFlags             the CPU flags that bear on isolation costs (virtualisation, mitigations, TSC), as present
 * @param microcode            the CPU's microcode revision
 * @param vulnerabilities      each of the kernel's {@code /sys/devices/system/cpu/vulnerabilities} entries and its state
 * @param smt                  simultaneous multithreading: on, off, forceoff or notsupported
 * @param governor             the CPU frequency governor, or why there is none
 * @param kernelCommandLine    {@code /proc/cmdline} (mitigations= and similar switch costs on and off)
 * @param cgroup               cgroup version (v1, hybrid or v2) and the daemon's cgroup driver
 * @param storage              the daemon's storage driver and the file system under it
 * @param transparentHugepages the kernel's transparent huge page mode
 */
public record Machine(String fingerprint, String virtualization, boolean kvm, String cpuFlags, String microcode,
        Map<String, String> vulnerabilities, String smt, String governor, String kernelCommandLine, String cgroup,
        String storage, String transparentHugepages) {

    public Machine {
        vulnerabilities = vulnerabilities == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(vulnerabilities));
    }

    /** The mitigation states in one line: how many entries are mitigated, vulnerable, or not affected. */
    public String mitigationSummary() {
        long affected = vulnerabilities.values().stream().filter(v -> v.startsWith("Mitigation")).count();
        long vulnerable = vulnerabilities.values().stream().filter(v -> v.startsWith("Vulnerable")).count();
        long not = vulnerabilities.values().stream().filter(v -> v.startsWith("Not affected")).count();
        return affected + " mitigated, " + vulnerable + " vulnerable, " + not + " not affected (of "
                + vulnerabilities.size() + ")";
    }
}
