package dev.rtbench.harness.report;

import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.Machine;
import dev.rtbench.harness.results.RuntimeEnvironment;
import dev.rtbench.harness.results.RuntimeCaveats;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The report's machine and runtimes: what shaped the figures, so that a reader can place them. */
final class EnvironmentSection {

    private EnvironmentSection() {}

    /** One paragraph per runtime caveat, to stand before any figure of the runtime. */
    static List<Block> caveats(Environment env) {
        return RuntimeCaveats.of(env).stream().<Block>map(c -> new Block.Paragraph("Caveat: " + c + ".")).toList();
    }

    static List<Block> blocks(Environment env) {
        if (env == null) {
            return List.of(new Block.Paragraph("No environment was recorded."));
        }
        List<Block> out = new ArrayList<>();
        out.add(new Block.Heading(2, "Environment"));
        out.add(new Block.Bullets(List.of(
                "CPU: " + env.cpuModel() + " (" + env.cpus() + " CPUs), memory " + (env.memoryBytes() >> 20) + " MiB",
                "OS: " + env.os() + ", kernel " + env.kernel(),
                env.dockerVersion() == null ? "no Docker engine: measured through the CRI server alone ("
                        + env.containerdVersion() + ")"
                        : "Docker " + env.dockerVersion() + " (API " + env.dockerApiVersion() + "), containerd "
                        + env.containerdVersion() + ", daemon " + env.daemonMode(),
                "harness " + env.harnessVersion() + ", commit " + env.gitCommit() + (env.gitDirty() ? " (dirty)" : "")
                        + ", JVM " + env.jvm())));
        Machine m = env.machine();
        if (m != null) {
            out.add(new Block.Paragraph("Machine " + m.fingerprint() + " (a hash of what follows and of the CPU,"
                    + " memory and kernel above: runs with one fingerprint ran on machines alike in all of it):"));
            out.add(new Block.Bullets(List.of(
                    "virtualisation: " + m.virtualization() + "; /dev/kvm " + (m.kvm() ? "present" : "absent"),
                    "CPU flags: " + (m.cpuFlags().isEmpty() ? "none of those rtbench looks for" : m.cpuFlags())
                            + "; microcode " + m.microcode() + "; SMT " + m.smt() + "; frequency governor "
                            + m.governor(),
                    "CPU vulnerabilities: " + m.mitigationSummary() + (m.vulnerabilities().isEmpty() ? ""
                            : ": " + String.join("; ", m.vulnerabilities().entrySet().stream()
                                    .map(e -> e.getKey() + " " + e.getValue()).toList())),
                    "cgroup " + m.cgroup() + "; storage " + m.storage() + "; transparent huge pages "
                            + m.transparentHugepages(),
                    "kernel command line: " + m.kernelCommandLine())));
        }
        if (!env.runtimes().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (RuntimeEnvironment r : env.runtimes()) {
                rows.add(List.of(r.name(), Objects.requireNonNullElse(r.kind(), ""),
                        Objects.requireNonNullElse(r.version(), "unknown"),
                        RuntimeCaveats.releaseDate(r.kind(), r.version()).orElse(""),
                        Objects.requireNonNullElse(r.platform(), "")));
            }
            out.add(new Block.Table(List.of("runtime", "kind", "version", "released", "platform"), rows,
                    new boolean[5]));
        }
        return out;
    }
}
