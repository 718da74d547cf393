package dev.rtbench.bench.cli;

import dev.rtbench.harness.containerdconfig.ContainerdConfig;
import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.bench.run.WorkloadImages;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.docker.InstalledDockerd;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.docker.ManagedDaemon;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.runtime.CgroupLayout;
import dev.rtbench.harness.runtime.Detection;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeProfile;
import dev.rtbench.workloads.Workloads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code doctor}: checks this host for what a run needs, by trying it: dockerd, each runtime (a container under
 * it, with a timeout, verified from inside), KVM, permissions. Says what to install or fix. Exit 0 when at least
 * the baseline runs.
 */
public final class DoctorCommand extends OptionCommand {

    private final OptionSpec<String> dockerHost = parser.accepts("docker-host",
            "check this running daemon instead of starting a managed one").withRequiredArg().describedAs("URI");
    private final OptionSpec<Integer> timeoutSeconds = parser.accepts("timeout",
            "seconds every Docker call may take before it counts as hung").withRequiredArg().ofType(Integer.class)
            .describedAs("SECONDS").defaultsTo(30);

    private final OptionSpec<String> containerdConfig = parser.accepts("containerd-config",
            "the containerd config.toml whose CRI runtime handlers to list").withRequiredArg().describedAs("FILE")
            .defaultsTo(ContainerdConfig.SYSTEM_CONFIG.toString());
    private final OptionSpec<String> criEndpoint = parser.accepts("cri-endpoint",
            "a running CRI server to ask (containerd or cri-o), read-only; default: the host's containerd socket if any")
            .withRequiredArg().describedAs("unix:///PATH");

    private final CriDoctor.Host criHost;

    public DoctorCommand() {
        this(CriDoctor.Host.local());
    }

    /** For tests: what the CRI checks ask of the host. */
    DoctorCommand(CriDoctor.Host criHost) {
        super("doctor", 0);
        this.criHost = criHost;
    }

    @Override
    protected String usage() {
        return "usage: java -jar benchmarks.jar doctor [--docker-host URI] [--timeout SECONDS] [--containerd-config FILE]"
                + " [--cri-endpoint unix:///PATH]\n"
                + "  checks dockerd, each known runtime (by running a container under it; with no dockerd, as a pod\n"
                + "  through a private containerd, as run --engine cri would), KVM and permissions,\n"
                + "  the CRI side (containerd and its CRI plugin, the handlers of config.toml, shims, cri-o; read-only),\n"
                + "  and says what to install or fix. Exit 0 when at least runc runs.";
    }

    @Override
    protected int execute(OptionSet o, List<String> operands, PrintStream out, PrintStream err) {
        String host = o.valueOf(dockerHost);
        if (o.valueOf(timeoutSeconds) <= 0) {
            throw new UsageException("--timeout takes a positive number of seconds, got " + o.valueOf(timeoutSeconds));
        }
        Duration timeout = Duration.ofSeconds(o.valueOf(timeoutSeconds));
        boolean root = "root".equals(System.getProperty("user.name"));
        line(out, root ? "ok" : "WARN", "user", root ? "root" : System.getProperty("user.name")
                + ": a managed daemon needs root; without it, use --docker-host with a daemon you may use");
        kvm(out);
        line(out, "info", "cgroups", cgroupMode());
        // the workload image holds the host's tools: a missing one skips its workloads
        Map<String, String> unavailable = Workloads.unavailable();
        line(out, unavailable.isEmpty() ? "ok" : "MISSING", "tools", unavailable.isEmpty()
                ? "every workload's tool is installed (sysbench, stress-ng, hackbench, fio, iperf3, redis, nginx, wrk)"
                : unavailable.size() + " workload(s) will be skipped");
        unavailable.forEach((w, why) -> line(out, "MISSING", w, why));
        String dv = InstalledDockerd.local();
        line(out, dv != null ? "ok" : "MISSING", "dockerd", dv != null ? dv : "not installed: the main job measures"
                + " through dockerd (apt-get install docker.io); a node without one is measured through CRI alone"
                + " (run --engine cri), tried below");
        criSide(o, out);

        Map<RuntimeProfile, Detection> found = RuntimeCatalogue.detectAll();
        Map<String, RuntimeEntry> entries = new LinkedHashMap<>();
        // dockerd --version was asked once above
        int dockerMajor = InstalledDockerd.major(dv);
        for (var e : found.entrySet()) {
            RuntimeProfile p = e.getKey();
            Detection d = e.getValue();
            // a runtime with a known problem is tried all the same: the user sees the real error beside the reason
            if (d.installed() && !p.builtIn()) {
                try {
                    p.daemonEntry(d.path(), dockerMajor).ifPresent(x -> entries.put(p.name(), x));
                } catch (IllegalArgumentException notOnThisDocker) {
                    // reported below with the runtime
                }
            }
        }
        ManagedDaemon daemon = null;
        boolean baselineRuns = false;
        try {
            if (host == null) {
                if (!root) {
                    out.println("\ncannot start a managed daemon to try the runtimes: not root");
                    return 1;
                }
                if (dv == null) {
                    // a Kubernetes node: each runtime tried as run --engine cri would run it
                    out.println();
                    CriNodeDoctor.Outcome cri = CriNodeDoctor.tryRuntimes(found, timeout);
                    cri.lines().forEach(l -> line(out, l.status(), l.what(), l.detail()));
                    out.println();
                    out.println(cri.baselineRuns() ? "The baseline (runc) runs through CRI: `java -jar"
                            + " benchmarks.jar run --engine cri` can measure (no Docker engine here for the main job)."
                            : "The baseline (runc) does not run here: fix what is marked above first.");
                    return cri.baselineRuns() ? 0 : 1;
                }
                daemon = ManagedDaemon.start(entries, Duration.ofSeconds(60));
                host = daemon.host();
                line(out, "ok", "daemon", "a private dockerd answers at " + host);
            }
            try (DockerEngine engine = DockerEngine.connect(host, timeout)) {
                if (!engine.ping()) {
                    line(out, "FAIL", "daemon", "nothing answers at " + host);
                    return 1;
                }
                var info = engine.info();
                line(out, "ok", "engine", "Docker " + info.serverVersion() + " (API " + info.apiVersion()
                        + "), containerd " + info.containerdVersion() + ", runtimes " + info.runtimes().keySet());
                String image = WorkloadImages.ensure(engine, null, out);
                line(out, "ok", "image", image + " (busybox and the workload scripts, no registry needed)");
                RuntimeTrial trial = new RuntimeTrial(engine, new RuntimeVerifier(engine, RuntimeVerifier.hostKernel()),
                        image, "doctor-" + UUID.randomUUID(), "", "a container",
                        "removes the container and ends what it left");
                out.println();
                for (var e : found.entrySet()) {
                    RuntimeProfile p = e.getKey();
                    Detection d = e.getValue();
                    if (!d.installed()) {
                        line(out, "MISSING", p.name(), d.problem());
                        continue;
                    }
                    if (!info.runtimes().containsKey(p.name())) {
                        line(out, "MISSING", p.name(), "installed at " + d.path() + " but not registered in the daemon at "
                                + host + ": `java -jar benchmarks.jar configure --runtime " + p.name() + " --reload`");
                        continue;
                    }
                    CriDoctor.Line l = trial.run(p, d, p.name());
                    line(out, l.status(), l.what(), l.detail());
                    baselineRuns |= RuntimeTrial.baselineRan(l);
                }
            }
        } catch (EngineException e) {
            line(out, "FAIL", "daemon", e.getMessage());
        } finally {
            if (daemon != null) {
                daemon.close();
            }
        }
        out.println();
        out.println(baselineRuns ? "The baseline (runc) runs: `java -jar benchmarks.jar run` can measure."
                : "The baseline (runc) does not run here: fix what is marked above first.");
        return baselineRuns ? 0 : 1;
    }

    /** The CRI side, before the Docker side (which may end the command early when no daemon can start). */
    private void criSide(OptionSet o, PrintStream out) {
        out.println();
        for (CriDoctor.Line l : new CriDoctor(criHost).check(Path.of(o.valueOf(containerdConfig)), endpoint(o.valueOf(criEndpoint)))) {
            line(out, l.status(), l.what(), l.detail());
        }
        out.println();
    }

    /** {@code unix:///run/x.sock} or a plain path; null when not given. */
    static Path endpoint(String uri) {
        if (uri == null) {
            return null;
        }
        String path = uri.startsWith("unix://") ? uri.substring("unix://".length()) : uri;
        if (!path.startsWith("/")) {
            throw new UsageException("--cri-endpoint takes unix:///ABSOLUTE/PATH (a unix socket), got " + uri);
        }
        return Path.of(path);
    }

    private static void kvm(PrintStream out) {
        Path dev = Path.of("/dev/kvm");
        if (!Files.exists(dev)) {
            line(out, "MISSING", "kvm", "no /dev/kvm: VM runtimes (Kata) and gVisor's KVM platform cannot run;"
                    + " enable virtualisation (nested KVM in a VM)");
            return;
        }
        boolean rw = Files.isReadable(dev) && Files.isWritable(dev);
        String nested = "";
        for (String m : List.of("kvm_intel", "kvm_amd")) {
            Path p = Path.of("/sys/module", m, "parameters", "nested");
            try {
                if (Files.exists(p)) {
                    nested = ", " + m + " nested=" + Files.readString(p).strip();
                }
            } catch (IOException ignored) {
                // unreadable: say nothing of nesting
            }
        }
        line(out, rw ? "ok" : "WARN", "kvm", "/dev/kvm " + (rw ? "usable" : "present but not read-write for this user") + nested);
    }

    private static String cgroupMode() {
        return switch (CgroupLayout.ofHost()) {
            case HYBRID -> "hybrid (v1 with a v2 'unified' mount): crun refuses this mode";
            case V2 -> "v2";
            case V1 -> "v1";
            case NONE -> "none found";
            case UNKNOWN -> "unknown";
        };
    }

    private static void line(PrintStream out, String status, String what, String detail) {
        out.printf("%-8s %-14s %s%n", status, what, detail);
    }
}
