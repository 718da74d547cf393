package dev.rtbench.bench.cli;

import dev.rtbench.harness.containerdconfig.ContainerdConfig;
import dev.rtbench.harness.containerdconfig.ContainerdConfigFile;
import dev.rtbench.harness.containerdconfig.CriRuntime;
import dev.rtbench.harness.containerdconfig.InstalledContainerd;
import dev.rtbench.harness.engine.cri.PodNetwork;
import dev.rtbench.harness.io.ConfigFileException;
import dev.rtbench.harness.io.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code doctor}'s CRI side, read-only: containerd and whether its CRI plugin is there (compiled in, and loaded in
 * a running one), the runtime handlers of a config.toml and whether their shims and binaries exist, the shims
 * gVisor and Kata need, and cri-o. Says what is missing, why, and what rtbench does instead. Never changes the
 * host's containerd.
 */
final class CriDoctor {

    /** The cri-o socket rtbench points at by default when told to. */
    static final Path CRIO_SOCKET = Path.of("/var/run/crio/crio.sock");

    /** What the checks ask of the host; {@link #local()} asks this one, tests answer themselves. */
    interface Host {
        Optional<Path> find(String binary);

        String containerdVersion();

        /** Whether the installed containerd has the CRI plugin compiled in, null when unknown. */
        Boolean criBuiltIn(Path containerd);

        boolean exists(Path p);

        InstalledContainerd.CriPluginCheck checkCri(Path socket);

        /** What this host lacks for a managed containerd's pod network, or empty ({@link PodNetwork#whyNone()}). */
        Optional<String> whyNoPodNetwork();

        static Host local() {
            return new Host() {
                @Override
                public Optional<Path> find(String binary) {
                    return Executables.find(binary, Executables.hostDirs());
                }

                @Override
                public String containerdVersion() {
                    return InstalledContainerd.version();
                }

                @Override
                public Boolean criBuiltIn(Path containerd) {
                    return InstalledContainerd.criBuiltIn(containerd);
                }

                @Override
                public boolean exists(Path p) {
                    return Files.exists(p);
                }

                @Override
                public InstalledContainerd.CriPluginCheck checkCri(Path socket) {
                    return InstalledContainerd.checkCri(socket);
                }

                @Override
                public Optional<String> whyNoPodNetwork() {
                    return PodNetwork.whyNone();
                }
            };
        }
    }

    /** One line of the report. */
    record Line(String status, String what, String detail) {
    }

    private final Host host;

    CriDoctor(Host host) {
        this.host = host;
    }

    /**
     * The CRI side of this host.
     *
     * @param config   the config.toml whose handlers to list (the host's by default)
     * @param endpoint a running CRI server's socket to ask, or null for the host's containerd socket
     */
    List<Line> check(Path config, Path endpoint) {
        List<Line> out = new ArrayList<>();
        Optional<Path> containerd = host.find("containerd");
        if (containerd.isEmpty()) {
            out.add(new Line("MISSING", "containerd", "not installed: apt-get install containerd (Debian's has the CRI plugin"
                    + " built in); run --engine cri starts its own containerd from it"));
        } else {
            String v = host.containerdVersion();
            Boolean cri = host.criBuiltIn(containerd.get());
            String criText = cri == null ? "whether its CRI plugin is built in is unknown (containerd config default failed)"
                    : cri ? "its CRI plugin is built in" : "its CRI plugin is NOT built in (config default has no CRI section):"
                    + " install a containerd built with it (Debian's is)";
            out.add(new Line(cri == Boolean.FALSE ? "FAIL" : "ok", "containerd", (v == null ? "unknown version" : v) + " at "
                    + containerd.get() + "; " + criText + "; a new config.toml for it is version "
                    + InstalledContainerd.configVersionFor(v)));
        }
        running(endpoint, out);
        handlers(config, out);
        shims(out);
        podNetwork(out);
        crio(endpoint, out);
        return List.copyOf(out);
    }

    private void running(Path endpoint, List<Line> out) {
        Path socket = endpoint != null ? endpoint : InstalledContainerd.SYSTEM_SOCKET;
        if (!host.exists(socket)) {
            out.add(new Line(endpoint != null ? "FAIL" : "info", "cri-endpoint", "nothing listens at " + socket
                    + (endpoint != null ? "" : ": no host containerd runs; run --engine cri starts a managed containerd of its"
                    + " own and touches nothing of the host's")));
            return;
        }
        if (socket.equals(CRIO_SOCKET)) {
            out.add(new Line("ok", "cri-endpoint", socket + " exists (cri-o's socket): run --engine cri --cri-endpoint unix://"
                    + socket));
            return;
        }
        InstalledContainerd.CriPluginCheck c = host.checkCri(socket);
        if (c.ok()) {
            out.add(new Line("ok", "cri-endpoint", "the containerd at " + socket + " lists io.containerd.grpc.v1 cri ok: run"
                    + " --engine cri --cri-endpoint unix://" + socket + " measures through it (rtbench creates only its own"
                    + " labelled pods and removes them)"));
        } else if (c.status() != null) {
            out.add(new Line("FAIL", "cri-endpoint", "the containerd at " + socket + " lists its CRI plugin as " + c.status()
                    + ": it is disabled (disabled_plugins) or failed to load; its log says why (journalctl -u containerd)"));
        } else {
            out.add(new Line("WARN", "cri-endpoint", "could not ask " + socket + ": " + c.problem()));
        }
    }

    private void handlers(Path config, List<Line> out) {
        if (!host.exists(config)) {
            out.add(new Line("info", "handlers", "no " + config + ": containerd runs on its built-in defaults, whose CRI has one"
                    + " handler, \"runc\"; add others with configure --containerd-config " + config + " --create --runtime NAME"));
            return;
        }
        ContainerdConfig c;
        try {
            c = ContainerdConfigFile.load(config, false, 2);
        } catch (ConfigFileException e) {
            out.add(new Line("FAIL", "handlers", e.getMessage()));
            return;
        }
        if (c.runtimes().isEmpty()) {
            out.add(new Line("info", "handlers", config + " (version " + c.version() + ") configures no runtime handler, so"
                    + " the CRI has its default \"runc\"; add one: configure --containerd-config " + config
                    + " --runtime runsc"));
            return;
        }
        if (!c.runtimes().containsKey(c.defaultRuntimeName())) {
            out.add(new Line("FAIL", "handlers", config + " (version " + c.version() + "): " + String.join(", ", c.runtimes().keySet())
                    + ", but not default_runtime_name \"" + c.defaultRuntimeName() + "\": containerd's CRI plugin does not load"
                    + " so; add it: configure --containerd-config " + config + " --runtime " + c.defaultRuntimeName()));
        } else {
            out.add(new Line("ok", "handlers", config + " (version " + c.version() + "): " + String.join(", ", c.runtimes().keySet())
                    + " (a RuntimeClass's handler must be one of these)"));
        }
        for (Map.Entry<String, CriRuntime> e : c.runtimes().entrySet()) {
            CriRuntime rt = e.getValue();
            String type = rt.runtimeType().isEmpty() ? CriRuntime.RUNC_SHIM : rt.runtimeType();
            String shim = CriRuntime.shimBinary(type);
            String what = "  " + e.getKey();
            if (host.find(shim).isEmpty()) {
                out.add(new Line("MISSING", what, "runtime_type " + type + " needs " + shim + " on containerd's PATH, which is"
                        + " not installed" + installHint(type)));
            } else if (rt.binaryName() != null && !rt.binaryName().isEmpty() && !host.exists(Path.of(rt.binaryName()))) {
                out.add(new Line("MISSING", what, "BinaryName " + rt.binaryName() + " does not exist"));
            } else {
                out.add(new Line("ok", what, rt.describe()));
            }
        }
    }

    private static String installHint(String type) {
        return switch (type) {
            case CriRuntime.KATA_SHIM -> ": Kata Containers has no Debian package; install its release and give it /dev/kvm";
            case CriRuntime.RUNSC_SHIM -> ": Debian's runsc package has no containerd shim; use the runc shim with"
                    + " BinaryName = runsc (configure --containerd-config does)";
            default -> "";
        };
    }

    private void shims(List<Line> out) {
        String runc = CriRuntime.shimBinary(CriRuntime.RUNC_SHIM);
        out.add(host.find(runc).isPresent()
                ? new Line("ok", "runc-shim", runc + ": runc, crun, youki and runsc run under it (BinaryName)")
                : new Line("MISSING", "runc-shim", runc + " is not installed: it comes with containerd (apt-get install containerd)"));
        String runsc = CriRuntime.shimBinary(CriRuntime.RUNSC_SHIM);
        out.add(host.find(runsc).isPresent()
                ? new Line("ok", "runsc-shim", runsc + ": gVisor handlers can use io.containerd.runsc.v1")
                : new Line("info", "runsc-shim", runsc + " is absent (Debian's runsc package has none): gVisor goes through the"
                + " runc shim with BinaryName = runsc, and a wrapper script gives it --network=none or --network=host"));
        String kata = CriRuntime.shimBinary(CriRuntime.KATA_SHIM);
        out.add(host.find(kata).isPresent()
                ? new Line("ok", "kata-shim", kata + ": Kata handlers use io.containerd.kata.v2"
                        + (host.exists(Path.of("/dev/kvm")) ? "" : " (but there is no /dev/kvm: its VMs cannot start here)"))
                : new Line("MISSING", "kata-shim", kata + " is not installed: Kata Containers has no Debian package; install its"
                + " release (shim, agent, guest image) on a host with /dev/kvm to measure it"));
    }

    private void podNetwork(List<Line> out) {
        Optional<String> why = host.whyNoPodNetwork();
        out.add(why.isEmpty()
                ? new Line("ok", "pod-network", "the CNI plugins " + String.join(", ", PodNetwork.PLUGINS) + " are installed:"
                        + " a managed containerd gives each pod a network namespace of its own on a private bridge, as a"
                        + " cluster node does, so pod start and stop include the CNI calls")
                : new Line("MISSING", "pod-network", why.get() + "; without it, run --engine cri's pods share the node's"
                        + " network namespace, as hostNetwork pods do, and pod start holds no CNI call"));
    }

    private void crio(Path endpoint, List<Line> out) {
        Optional<Path> crio = host.find("crio");
        boolean socket = host.exists(CRIO_SOCKET);
        if (crio.isEmpty() && !socket) {
            out.add(new Line("MISSING", "cri-o", "cri-o is not packaged for Debian 12/13; install it from the cri-o project's own"
                    + " packages or release, then: run --engine cri --cri-endpoint unix://" + CRIO_SOCKET
                    + " (its handlers are crio.conf's [crio.runtime.runtimes.NAME] tables)"));
            return;
        }
        out.add(new Line(socket ? "ok" : "WARN", "cri-o", (crio.map(p -> "crio at " + p).orElse("no crio binary"))
                + (socket ? "; answering at " + CRIO_SOCKET + ": run --engine cri --cri-endpoint unix://" + CRIO_SOCKET
                : "; nothing at " + CRIO_SOCKET + ": start it (systemctl start crio)")));
    }
}
