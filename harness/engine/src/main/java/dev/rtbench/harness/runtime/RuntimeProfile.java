package dev.rtbench.harness.runtime;

import dev.rtbench.harness.io.Executables;
import dev.rtbench.harness.io.Subprocess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import dev.rtbench.harness.daemonjson.RuntimeEntry;

/**
 * One runtime of the catalogue: how to find its binary and version, the daemon.json entry it needs for a given
 * Docker version, and how a container proves that this runtime is in charge.
 *
 * @param name        the daemon.json name it is registered under (e.g. {@code runsc-systrap})
 * @param kind        its family
 * @param description one line for a person
 * @param binaries    binary names to look for, in order
 * @param runtimeArgs arguments of its daemon.json {@code path} entry
 * @param platform    the variant that changes performance (gVisor platform, Kata hypervisor), or null
 * @param byDefault   whether a run without {@code --runtimes} includes it when it can run here
 * @param knownIssue  why it is known not to work on hosts like this one, or null
 */
public record RuntimeProfile(
        String name,
        RuntimeKind kind,
        String description,
        List<String> binaries,
        List<String> runtimeArgs,
        String platform,
        boolean byDefault,
        String knownIssue) {

    /**
     * Run inside a container to see its kernel through its own eyes: the kernel release, then the first lines of
     * the kernel log. gVisor answers with its own fake kernel and a dmesg that starts "Starting gVisor...", a VM
     * runtime with its guest kernel, runc and its kin with the host's kernel.
     */
    public static final List<String> PROOF_COMMAND =
            List.of("/bin/sh", "-c", "uname -r; dmesg 2>/dev/null | head -n 3; true");

    /** The shim Kata 2.x registers as: {@code runtimeType} on Docker 23 and later. */
    public static final String KATA_SHIM = "io.containerd.kata.v2";

    /** Where Kata's release (kata-deploy, the static tarball) keeps one configuration per hypervisor. */
    public static final String KATA_CONFIG_DIR = "/opt/kata/share/defaults/kata-containers";

    /** The Kata configuration that selects a hypervisor variant, or null for Kata's default. */
    public String kataConfig() {
        return kind == RuntimeKind.KATA && platform != null ? KATA_CONFIG_DIR + "/configuration-" + platform + ".toml" : null;
    }

    public RuntimeProfile {
        Objects.requireNonNull(name, "name was not specified");
        Objects.requireNonNull(kind, "kind was not specified");
        binaries = List.copyOf(binaries);
        runtimeArgs = List.copyOf(runtimeArgs);
    }

    /** runc is compiled into dockerd's configuration: it needs no daemon.json entry. */
    public boolean builtIn() {
        return kind == RuntimeKind.RUNC && name.equals("runc");
    }

    /** Looks for the binary on this host and asks it for its version. */
    public Detection detect() {
        Optional<Path> bin = binaries.stream().map(RuntimeProfile::which).flatMap(Optional::stream).findFirst();
        if (bin.isEmpty()) {
            return new Detection(false, null, null, notInstalledReason());
        }
        String version = versionOf(bin.get());
        String problem = knownIssue;
        if (problem == null && (kind == RuntimeKind.KATA || "kvm".equals(platform)) && !Files.exists(Path.of("/dev/kvm"))) {
            problem = "no /dev/kvm: it needs hardware virtualisation (nested KVM in a VM)";
        }
        if (problem == null && kataConfig() != null && !Files.exists(Path.of(kataConfig()))) {
            problem = "no Kata configuration for " + platform + " at " + kataConfig() + ": install Kata's release"
                    + " with this hypervisor";
        }
        if (problem == null && kind == RuntimeKind.CRUN && CgroupLayout.ofHost() == CgroupLayout.HYBRID) {
            problem = "this host mounts cgroups in hybrid mode (v1 plus a v2 'unified' mount), which crun refuses"
                    + " (\"cgroups in hybrid mode not supported\"); boot with cgroup v2 only to use it";
        }
        return new Detection(true, bin.get().toString(), version, problem);
    }

    /**
     * The daemon.json entry that registers this runtime on a Docker of the given major version, or empty for
     * the built-in runc. Kata 2.x is a containerd shim ({@code runtimeType}), which only Docker 23+ accepts.
     */
    public Optional<RuntimeEntry> daemonEntry(String binaryPath, int dockerMajor) {
        if (builtIn()) {
            return Optional.empty();
        }
        if (kind == RuntimeKind.KATA && (binaryPath == null || binaryPath.endsWith("containerd-shim-kata-v2"))) {
            if (dockerMajor > 0 && dockerMajor < 23) {
                throw new IllegalArgumentException("Kata 2.x registers as the containerd shim " + KATA_SHIM
                        + " (\"runtimeType\"), which needs Docker 23 or later; this Docker is " + dockerMajor
                        + ".x: upgrade Docker, or use Kata 1.x's kata-runtime as a \"path\" entry");
            }
            return Optional.of(RuntimeEntry.ofType(KATA_SHIM,
                    kataConfig() == null ? Map.of() : Map.of("ConfigPath", kataConfig())));
        }
        return Optional.of(RuntimeEntry.ofPath(binaryPath != null ? binaryPath : binaries.get(0), runtimeArgs));
    }

    /**
     * Judges the output of the proof command (kernel release, then the first lines of dmesg) run inside a
     * container, against the host's kernel release.
     */
    public Proof judge(String proofOutput, String hostKernel) {
        List<String> lines = proofOutput == null ? List.of() : proofOutput.strip().lines().toList();
        String kernel = lines.isEmpty() ? "" : lines.get(0).strip();
        boolean gvisor = lines.stream().anyMatch(l -> l.contains("gVisor"));
        String observed = "kernel " + (kernel.isEmpty() ? "?" : kernel)
                + (gvisor ? ", dmesg says gVisor" : ", no gVisor in dmesg");
        boolean agrees = switch (kind) {
            case GVISOR -> gvisor;
            // a VM runtime boots a guest kernel of its own
            case KATA -> !gvisor && !kernel.isEmpty() && !kernel.equals(hostKernel);
            case RUNC, CRUN, YOUKI -> !gvisor && kernel.equals(hostKernel);
            // nothing to hold the output against: the daemon's record is the whole proof
            case UNKNOWN -> true;
        };
        return new Proof(agrees, kind == RuntimeKind.UNKNOWN
                ? observed + " (family unknown: verified by the daemon's record alone)" : observed);
    }

    private String notInstalledReason() {
        return switch (kind) {
            case RUNC -> "runc is not installed (Debian: apt-get install runc)";
            case GVISOR -> "gVisor's runsc is not installed (Debian: apt-get install runsc)";
            case KATA -> "Kata Containers is not installed (no containerd-shim-kata-v2 or kata-runtime on PATH);"
                    + " Debian has no package of its shim, agent or guest image: install Kata's release"
                    + " (kata-deploy or its static tarball) and check with `kata-runtime check`";
            case CRUN -> "crun is not installed (Debian: apt-get install crun)";
            case YOUKI -> "youki is not installed; Debian has no package: build it from source or install a release binary";
            case UNKNOWN -> name + "'s binary " + binaries + " was not found";
        };
    }

    static Optional<Path> which(String binary) {
        return Executables.find(binary, Executables.hostDirs("/opt/kata/bin"));
    }

    /** The first line the binary prints for {@code --version}, or null if it does not answer in 10 s. */
    static String versionOf(Path binary) {
        try {
            String out = Subprocess.run(List.of(binary.toString(), "--version"), Duration.ofSeconds(10))
                    .combined().strip();
            return out.isEmpty() ? null : out.lines().findFirst().orElse(null);
        } catch (Subprocess.SubprocessException e) {
            return null;
        }
    }
}
