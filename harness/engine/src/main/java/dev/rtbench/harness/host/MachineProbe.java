package dev.rtbench.harness.host;

import dev.rtbench.harness.results.Machine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the {@link Machine} facts from a Linux host's {@code /proc} and {@code /sys} (under {@code root}, so that
 * tests give it a folder of their own).
 */
public final class MachineProbe {
    /** The flags of /proc/cpuinfo that bear on isolation costs: virtualisation, mitigations, the clock. */
    static final List<String> FLAGS = List.of("hypervisor", "vmx", "svm", "pti", "pcid", "invpcid", "ibrs", "ibpb",
            "stibp", "ssbd", "md_clear", "flush_l1d", "avx2", "avx512f", "constant_tsc", "nonstop_tsc");

    private final Path root;

    public MachineProbe(Path root) {
        this.root = root;
    }

    /** This host. */
    public static MachineProbe host() {
        return new MachineProbe(Path.of("/"));
    }

    /**
     * @param identity       what the fingerprint also covers: CPU model, CPUs, memory, kernel
     * @param cgroupDriver   the daemon's cgroup driver, or null when no daemon said
     * @param storageDriver  the daemon's storage driver, or null
     * @param backingFs      the file system under it, or null
     */
    public Machine read(String identity, String cgroupDriver, String storageDriver, String backingFs) {
        List<String> cpuinfo = lines("proc/cpuinfo");
        String flagLine = first(cpuinfo, "flags");
        List<String> present = new ArrayList<>();
        List<String> flags = flagLine == null ? List.of() : List.of(flagLine.split("\\s+"));
        FLAGS.stream().filter(flags::contains).forEach(present::add);
        boolean guest = flags.contains("hypervisor");
        boolean kvm = Files.exists(root.resolve("dev/kvm"));
        String virtualization = virtualization(guest, kvm);
        String microcode = orElse(first(cpuinfo, "microcode"), "not shown by /proc/cpuinfo");
        Map<String, String> vulnerabilities = new TreeMap<>();
        Path vdir = root.resolve("sys/devices/system/cpu/vulnerabilities");
        if (Files.isDirectory(vdir)) {
            try (Stream<Path> s = Files.list(vdir)) {
                s.forEach(f -> vulnerabilities.put(f.getFileName().toString(), orElse(read(f), "unreadable")));
            } catch (IOException e) {
                // left empty: the summary then says 0 of 0
            }
        }
        String smt = orElse(read(root.resolve("sys/devices/system/cpu/smt/control")), "unknown (no smt control)");
        String governor = orElse(read(root.resolve("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")),
                "none (no cpufreq: a guest's or a fixed clock)");
        String cmdline = orElse(read(root.resolve("proc/cmdline")), "unreadable");
        String cgroup = cgroupVersion() + (cgroupDriver == null ? "" : ", driver " + cgroupDriver);
        String storage = storageDriver == null ? "no daemon said"
                : storageDriver + (backingFs == null ? "" : " on " + backingFs);
        String thp = bracketed(read(root.resolve("sys/kernel/mm/transparent_hugepage/enabled")));
        String fingerprint = fingerprint(String.join("\n", identity, virtualization, Boolean.toString(kvm),
                String.join(" ", present), microcode, vulnerabilities.toString(), smt, governor, cmdline, cgroup,
                storage, thp));
        return new Machine(fingerprint, virtualization, kvm, String.join(" ", present), microcode, vulnerabilities,
                smt, governor, cmdline, cgroup, storage, thp);
    }

    private String virtualization(boolean guest, boolean kvm) {
        String what;
        if (!guest) {
            what = "bare metal (no hypervisor CPU flag)";
        } else {
            List<String> hints = new ArrayList<>();
            String vendor = read(root.resolve("sys/class/dmi/id/sys_vendor"));
            String product = read(root.resolve("sys/class/dmi/id/product_name"));
            if (vendor != null) {
                hints.add(vendor + (product == null ? "" : " " + product));
            }
            String hyper = read(root.resolve("sys/hypervisor/type"));
            if (hyper != null) {
                hints.add(hyper);
            }
            String clock = read(root.resolve("sys/devices/system/clocksource/clocksource0/current_clocksource"));
            if (clock != null) {
                hints.add("clocksource " + clock);
            }
            what = "a virtual machine (hypervisor CPU flag" + (hints.isEmpty() ? "" : "; " + String.join(", ", hints))
                    + ")" + (kvm ? ", with /dev/kvm: nested virtualisation" : "");
        }
        String container = container();
        return container == null ? what : what + ", rtbench itself in a container (" + container + ")";
    }

    /** The container rtbench runs in, from the marker files engines leave, or null. */
    private String container() {
        if (Files.exists(root.resolve(".dockerenv"))) {
            return "/.dockerenv";
        }
        if (Files.exists(root.resolve("run/.containerenv"))) {
            return "/run/.containerenv";
        }
        return null;
    }

    private String cgroupVersion() {
        Path cg = root.resolve("sys/fs/cgroup");
        if (Files.exists(cg.resolve("cgroup.controllers"))) {
            return "v2";
        }
        if (Files.isDirectory(cg.resolve("unified"))) {
            return "hybrid (v1 controllers, v2 at /sys/fs/cgroup/unified)";
        }
        return Files.isDirectory(cg) ? "v1" : "unknown (no /sys/fs/cgroup)";
    }

    /** {@code always [madvise] never} gives {@code madvise}. */
    static String bracketed(String s) {
        if (s == null) {
            return "unknown";
        }
        int a = s.indexOf('[');
        int b = s.indexOf(']');
        return a >= 0 && b > a ? s.substring(a + 1, b) : s;
    }

    static String fingerprint(String facts) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(facts.getBytes(StandardCharsets.UTF_8));
            return "m-" + HexFormat.of().formatHex(d).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** The value of {@code key} in /proc/cpuinfo's first processor (e.g. {@code model name}), or null. */
    public String cpuinfo(String key) {
        return first(lines("proc/cpuinfo"), key);
    }

    private List<String> lines(String rel) {
        try {
            return Files.readAllLines(root.resolve(rel));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The value of the first "key : value" line of {@code key}. */
    private static String first(List<String> lines, String key) {
        for (String l : lines) {
            int colon = l.indexOf(':');
            if (colon > 0 && l.substring(0, colon).strip().equals(key)) {
                return l.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private static String read(Path p) {
        try {
            String s = Files.readString(p).strip();
            return s.isEmpty() ? null : s;
        } catch (IOException e) {
            return null;
        }
    }

    private static String orElse(String s, String other) {
        return s == null ? other : s;
    }
}
