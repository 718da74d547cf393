package dev.rtbench.harness.runtime;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.results.RunscVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every runtime rtbench knows, under the names it registers them with.
 *
 * <p>Runtimes are data: a name in daemon.json and the flags of its entry. A user's own entry (from
 * {@code --daemon-json} or {@code --runtime NAME=PATH}) is matched to a family by its binary, so that the
 * in-container proof still applies.
 */
public final class RuntimeCatalogue {

    /** The runtime others are compared against unless {@code --baseline} says otherwise. */
    public static final String BASELINE = "runc";

    /** Names people pass that are not runtimes Docker can register, with the reason. */
    private static final Map<String, String> NOT_RUNTIMES = Map.of(
            "cri-o", "CRI-O is a Kubernetes container engine (a CRI implementation), not an OCI runtime Docker can"
                    + " register in daemon.json; it runs runc or crun itself. Benchmark those runtimes instead",
            "crio", "CRI-O is a Kubernetes container engine (a CRI implementation), not an OCI runtime Docker can"
                    + " register in daemon.json; it runs runc or crun itself. Benchmark those runtimes instead",
            "containerd", "containerd is the engine under dockerd, not a runtime; its runc shim is what 'runc' measures");

    private static final List<RuntimeProfile> PROFILES = List.of(
            new RuntimeProfile("runc", RuntimeKind.RUNC, "runc, the reference OCI runtime (baseline)",
                    List.of("runc"), List.of(), null, true, null),
            // gVisor in a root network namespace refuses to start unless its network is none or host
            new RuntimeProfile("runsc", RuntimeKind.GVISOR, "gVisor, its default platform, netstack (loopback only)",
                    List.of("runsc"), List.of("--network=none"), null, true, null),
            new RuntimeProfile("runsc-ptrace", RuntimeKind.GVISOR, "gVisor, ptrace platform",
                    List.of("runsc"), List.of("--network=none", "--platform=ptrace"), "ptrace", false, null),
            new RuntimeProfile("runsc-systrap", RuntimeKind.GVISOR, "gVisor, systrap platform (runsc 2023 and later)",
                    List.of("runsc"), List.of("--network=none", "--platform=systrap"), "systrap", false, null),
            new RuntimeProfile("runsc-kvm", RuntimeKind.GVISOR, "gVisor, KVM platform (needs /dev/kvm)",
                    List.of("runsc"), List.of("--network=none", "--platform=kvm"), "kvm", false, null),
            new RuntimeProfile("runsc-hostnet", RuntimeKind.GVISOR,
                    "gVisor, default platform, host kernel's network stack in the container's namespace",
                    List.of("runsc"), List.of("--network=host"), null, false, null),
            new RuntimeProfile("kata", RuntimeKind.KATA, "Kata Containers 2.x (containerd shim, default hypervisor)",
                    List.of("containerd-shim-kata-v2", "kata-runtime"), List.of(), null, true, null),
            // one hypervisor each, chosen by the Kata configuration file the shim is pointed at
            new RuntimeProfile("kata-qemu", RuntimeKind.KATA, "Kata Containers 2.x on QEMU",
                    List.of("containerd-shim-kata-v2"), List.of(), "qemu", false, null),
            new RuntimeProfile("kata-clh", RuntimeKind.KATA, "Kata Containers 2.x on Cloud Hypervisor",
                    List.of("containerd-shim-kata-v2"), List.of(), "clh", false, null),
            new RuntimeProfile("kata-fc", RuntimeKind.KATA, "Kata Containers 2.x on Firecracker (needs devmapper)",
                    List.of("containerd-shim-kata-v2"), List.of(), "fc", false, null),
            new RuntimeProfile("crun", RuntimeKind.CRUN, "crun, the C OCI runtime",
                    List.of("crun"), List.of(), null, true, null),
            new RuntimeProfile("youki", RuntimeKind.YOUKI, "youki, the Rust OCI runtime",
                    List.of("youki"), List.of(), null, true, null));


    private RuntimeCatalogue() {}

    public static List<RuntimeProfile> all() {
        return PROFILES;
    }

    /** The profile registered under {@code name}. */
    public static Optional<RuntimeProfile> find(String name) {
        return PROFILES.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * The profile for {@code name}, or an error that says what to do: names the known runtimes, and explains
     * names like cri-o that are not runtimes at all.
     */
    public static RuntimeProfile byName(String name) {
        String why = NOT_RUNTIMES.get(name.toLowerCase(Locale.ROOT));
        if (why != null) {
            throw new IllegalArgumentException("\"" + name + "\" cannot be benchmarked as a Docker runtime: " + why);
        }
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown runtime \"" + name
                + "\": known runtimes are " + names() + "; register another with --runtime NAME=PATH"
                + " or --daemon-json FILE"));
    }

    public static List<String> names() {
        return PROFILES.stream().map(RuntimeProfile::name).toList();
    }

    /**
     * A profile for a runtime the user registered themselves, under any name: its family told by its binary or
     * shim ({@link RuntimeFamily}), or {@link RuntimeKind#UNKNOWN}, verified by the daemon's record alone.
     */
    public static RuntimeProfile forEntry(String name, RuntimeEntry entry) {
        String path = entry.hasPath() ? entry.path() : null;
        String type = entry.hasRuntimeType() ? entry.runtimeType() : null;
        List<String> args = entry.runtimeArgs();
        RuntimeKind kind = RuntimeFamily.of(path, type);
        String platform = args.stream().filter(a -> a.startsWith("--platform=")).map(a -> a.substring(11))
                .findFirst().orElse(null);
        return new RuntimeProfile(name, kind, "registered by the user: " + (path != null ? path : type),
                path != null ? List.of(path) : List.of(), args, platform, false, null);
    }

    /**
     * The gVisor platform a runsc entry really uses: its {@code --platform} flag, else the default of its
     * release (ptrace until systrap became the default in mid 2023).
     */
    public static String gvisorPlatform(RuntimeProfile p, String version) {
        if (p.platform() != null) {
            return p.platform();
        }
        for (String a : p.runtimeArgs()) {
            if (a.startsWith("--platform=")) {
                return a.substring(11);
            }
        }
        Integer release = RunscVersion.release(version);
        if (release == null) {
            return null;
        }
        return release >= 20230600 ? "systrap" : "ptrace";
    }

    /** Detects every profile, keeping catalogue order. */
    public static Map<RuntimeProfile, Detection> detectAll() {
        Map<RuntimeProfile, Detection> out = new LinkedHashMap<>();
        for (RuntimeProfile p : PROFILES) {
            out.put(p, detectWithPlatformCheck(p));
        }
        return out;
    }

    /** {@link RuntimeProfile#detect()}, plus the check that this runsc release has the platform asked for. */
    public static Detection detectWithPlatformCheck(RuntimeProfile p) {
        Detection d = p.detect();
        if (d.usable() && p.kind() == RuntimeKind.GVISOR && "systrap".equals(p.platform())) {
            Integer release = RunscVersion.release(d.version());
            if (release != null && release < 20230400) {
                return new Detection(true, d.path(), d.version(), "this runsc (release " + release
                        + ") predates the systrap platform (first released in 2023); install a newer runsc");
            }
        }
        if (d.usable() && p.kind() == RuntimeKind.GVISOR && "kvm".equals(p.platform()) && insideAVirtualMachine()) {
            return new Detection(true, d.path(), d.version(), "this host is itself a virtual machine: gVisor's KVM"
                    + " platform under nested virtualisation hangs in create on machines like this one (and gVisor's"
                    + " maintainers call it unrepresentative); use ptrace or systrap, or a bare-metal host");
        }
        return d;
    }

    /** The CPU flag a hypervisor sets for its guests: KVM here would be nested. */
    static boolean insideAVirtualMachine() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .anyMatch(l -> l.startsWith("flags") && Arrays.asList(l.split("\\s+")).contains("hypervisor"));
        } catch (IOException e) {
            return false;
        }
    }
}
