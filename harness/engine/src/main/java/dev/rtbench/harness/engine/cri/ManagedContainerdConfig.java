package dev.rtbench.harness.engine.cri;

import dev.rtbench.harness.containerdconfig.ContainerdConfig;
import dev.rtbench.harness.containerdconfig.TomlText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code config.toml} of a managed containerd: everything it keeps (root, state, socket, the runtimes'
 * state, the CNI folders it would otherwise create under {@code /etc}) lies in one private folder, and its CRI
 * plugin has exactly the handlers under test. Written for containerd 1.6 and later (config version 2).
 *
 * @param dir          the private folder
 * @param sandboxImage the image of every pod's sandbox ("pause") container, already imported: no registry is
 *                     reachable, and containerd would try to pull it
 * @param handlers     the runtime handlers, each with the binary its shim calls already resolved (a wrapper
 *                     script where the runtime needs arguments)
 * @param network      the pods' network, or null: then pods share the node's network namespace
 */
public record ManagedContainerdConfig(Path dir, String sandboxImage, List<CriHandler> handlers, PodNetwork network) {

    /**
     * Plugins that a CRI benchmark does not use and that would only slow the start or touch the host: {@code opt}
     * creates {@code /opt/containerd}, the other snapshotters probe file systems rtbench never uses, and the
     * tracing exporter has nothing to export to.
     */
    public static final List<String> DISABLED_PLUGINS = List.of(
            "io.containerd.internal.v1.opt",
            "io.containerd.snapshotter.v1.aufs",
            "io.containerd.snapshotter.v1.btrfs",
            "io.containerd.snapshotter.v1.devmapper",
            "io.containerd.snapshotter.v1.zfs",
            "io.containerd.tracing.processor.v1.otlp");

    public ManagedContainerdConfig {
        Objects.requireNonNull(dir, "dir was not specified");
        Objects.requireNonNull(sandboxImage, "sandbox image was not specified");
        handlers = List.copyOf(handlers);
        if (handlers.isEmpty()) {
            throw new IllegalArgumentException("a managed containerd needs at least one runtime handler");
        }
        if (handlers.stream().map(CriHandler::name).distinct().count() != handlers.size()) {
            throw new IllegalArgumentException("handler names must be distinct: " + handlers.stream()
                    .map(CriHandler::name).toList());
        }
        for (CriHandler h : handlers) {
            if (h.needsWrapper()) {
                throw new IllegalArgumentException("handler \"" + h.name() + "\" still needs a wrapper script (runtime"
                        + " arguments " + h.runtimeArgs() + "; containerd's BinaryName takes none)");
            }
        }
    }

    /** The folder containerd reads the CNI configuration from: private, so nothing under /etc/cni is read. */
    public Path cniConfDir() {
        return dir.resolve("cni/net.d");
    }

    public Path socket() {
        return dir.resolve("containerd.sock");
    }

    /** Where the runc shim keeps a handler's runtime state (its {@code --root}): private, and per handler. */
    public Path runtimeRoot(String handler) {
        return dir.resolve("oci").resolve(handler);
    }

    /** The config.toml text. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("# written by rtbench for a private containerd; nothing here is shared with the host's\n");
        b.append("version = 2\n");
        b.append("root = ").append(quote(dir.resolve("root"))).append('\n');
        b.append("state = ").append(quote(dir.resolve("state"))).append('\n');
        b.append("disabled_plugins = [")
                .append(String.join(", ", DISABLED_PLUGINS.stream().map(ManagedContainerdConfig::quote).toList()))
                .append("]\n\n");
        b.append("[grpc]\n  address = ").append(quote(socket())).append("\n\n");
        b.append("[debug]\n  level = \"info\"\n\n");
        // the CRI plugin's name in config version 2, as the editor of the host's config.toml spells it
        String cri = "plugins." + quote(ContainerdConfig.CRI_V2);
        b.append('[').append(cri).append("]\n");
        b.append("  sandbox_image = ").append(quote(sandboxImage)).append('\n');
        // the CRI gives the sandbox container oom_score_adj -998, which needs CAP_SYS_RESOURCE: hosts that are
        // themselves containers lack it ("write /proc/PID/oom_score_adj: permission denied"); no container
        // gets a score below containerd's own this way, which the Docker engine never sets anyway
        b.append("  restrict_oom_score_adj = true\n");
        // the pods' network namespaces under the state folder, not /var/run/netns: the run's own, and removed with it
        b.append("  netns_mounts_under_state_dir = true\n");
        // the CNI folders are ours, so that containerd reads and creates nothing under /etc/cni; with no
        // network there is no configuration in them, and pods share the node's network namespace
        b.append("  [").append(cri).append(".cni]\n");
        b.append("    conf_dir = ").append(quote(cniConfDir())).append('\n');
        b.append("    bin_dir = ").append(quote(network == null ? dir.resolve("cni/bin") : network.binDir()))
                .append('\n');
        b.append("    max_conf_num = 1\n");
        b.append("  [").append(cri).append(".containerd]\n");
        b.append("    default_runtime_name = ").append(quote(handlers.get(0).name())).append('\n');
        for (CriHandler h : handlers) {
            String table = cri + ".containerd.runtimes." + quote(h.name());
            b.append("  [").append(table).append("]\n");
            b.append("    runtime_type = ").append(quote(h.runtimeType())).append('\n');
            Map<String, String> options = new TreeMap<>(h.options());
            if (h.runtimeType().equals(CriHandler.RUNC_SHIM)) {
                if (h.binary() != null) {
                    options.put("BinaryName", h.binary());
                }
                options.put("Root", runtimeRoot(h.name()).toString());
            }
            if (!options.isEmpty()) {
                b.append("    [").append(table).append(".options]\n");
                options.forEach((k, v) -> b.append("      ").append(k).append(" = ").append(quote(v)).append('\n'));
            }
        }
        return b.toString();
    }

    private static String quote(Path p) {
        return quote(p.toString());
    }

    /** The one TOML string quoting the editor of the host's config.toml uses too. */
    private static String quote(String s) {
        return TomlText.quote(s);
    }
}
