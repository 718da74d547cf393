package dev.rtbench.harness.engine.cri;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rtbench.harness.io.Executables;
import dev.rtbench.harness.io.Subprocess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pod network of a managed containerd, as a cluster node has one: each pod gets a network namespace of its own
 * with a veth on a bridge and an address from a private range (the CNI plugins {@code bridge}, {@code host-local}
 * and {@code loopback}), so RunPodSandbox and StopPodSandbox hold the CNI ADD and DEL a kubelet's pods pay for.
 *
 * <p>Nothing leaves the node: the bridge has no address (not a gateway), no masquerade, no route; pods reach their
 * own loopback and each other, which is all rtbench's workloads use. Every piece of state is the run's own: the
 * bridge is named after the managed containerd's folder, the address records lie in that folder, and containerd
 * keeps the pods' network namespaces there too ({@code netns_mounts_under_state_dir}); {@link #removeBridge}
 * removes the one thing outside it.
 *
 * @param bridge the Linux bridge the pods' veths join (at most 15 characters)
 * @param subnet the pods' IPv4 range, one that no route of the host covers
 * @param binDir the folder of the CNI plugins
 * @param ipamDir where {@code host-local} records the addresses it gave
 */
public record PodNetwork(String bridge, String subnet, Path binDir, Path ipamDir) {

    /** The CNI network's name, as pods' status reports it. */
    public static final String NAME = "rtbench";

    /** The CNI plugins a pod network needs: containerd adds {@code loopback} to every pod itself. */
    public static final List<String> PLUGINS = List.of("bridge", "host-local", "loopback");

    /** Where distributions put the CNI plugins: Debian's package, then the upstream release's folder. */
    public static final List<String> PLUGIN_DIRS = List.of("/usr/lib/cni", "/opt/cni/bin");

    /** What to install when the plugins are missing. */
    public static final String INSTALL = "apt-get install containernetworking-plugins iproute2";

    private static final Pattern BRIDGE = Pattern.compile("[a-z0-9-]{1,15}");
    private static final String BRIDGE_PREFIX = "rtb";
    /** what {@link #bridgeOf} makes of a managed containerd's folder ({@code rtbc-} and random digits) */
    private static final Pattern ORPHAN_CANDIDATE = Pattern.compile("rtb[0-9]{12}");
    private static final Pattern SUBNET = Pattern.compile("10\\.(\\d{1,3})\\.0\\.0/16");

    public PodNetwork {
        Objects.requireNonNull(bridge, "bridge was not specified");
        Objects.requireNonNull(subnet, "subnet was not specified");
        Objects.requireNonNull(binDir, "plugin folder was not specified");
        Objects.requireNonNull(ipamDir, "address folder was not specified");
        if (!BRIDGE.matcher(bridge).matches()) {
            throw new IllegalArgumentException("bridge name \"" + bridge + "\" must be 1 to 15 lower-case letters,"
                    + " digits or '-'");
        }
        if (!SUBNET.matcher(subnet).matches()) {
            throw new IllegalArgumentException("subnet \"" + subnet + "\" must be a 10.N.0.0/16 range");
        }
    }

    /**
     * What this host lacks for a pod network, or empty: without one, a managed containerd's pods share the node's
     * network namespace, as a cluster's {@code hostNetwork} pods do.
     */
    public static Optional<String> whyNone() {
        return whyNone(PLUGIN_DIRS);
    }

    /** As {@link #whyNone()}, with the CNI plugins looked for in {@code pluginDirs}. */
    public static Optional<String> whyNone(List<String> pluginDirs) {
        if (pluginDir(pluginDirs).isEmpty()) {
            return Optional.of("the CNI plugins " + String.join(", ", PLUGINS) + " are not installed in "
                    + String.join(" or ", pluginDirs) + " (" + INSTALL + ")");
        }
        if (Executables.find("ip", Executables.hostDirs()).isEmpty()) {
            return Optional.of("iproute2's ip, which removes the pods' bridge after the run, is not installed ("
                    + INSTALL + ")");
        }
        if (freeSubnet(HostRoutes.ipv4()).isEmpty()) {
            return Optional.of("every candidate range, 10.200.0.0/16 to 10.249.0.0/16, overlaps a route of this host");
        }
        return Optional.empty();
    }

    /**
     * The pod network of the managed containerd in {@code dir}, with the first of {@code pluginDirs} that holds the
     * plugins; {@link #whyNone(List)} must be empty.
     *
     * @throws IllegalStateException when this host lacks what a pod network needs
     */
    public static PodNetwork forManaged(Path dir, List<String> pluginDirs) {
        whyNone(pluginDirs).ifPresent(why -> {
            throw new IllegalStateException("no pod network on this host: " + why);
        });
        return new PodNetwork(bridgeOf(dir), freeSubnet(HostRoutes.ipv4()).orElseThrow(), pluginDir(pluginDirs)
                .orElseThrow(), dir.resolve("cni").resolve("ipam"));
    }

    /** The bridge of the managed containerd in {@code dir}: its folder's random suffix makes it the run's own. */
    static String bridgeOf(Path dir) {
        String suffix = dir.getFileName().toString().replaceAll("[^A-Za-z0-9]", "").toLowerCase();
        return BRIDGE_PREFIX + suffix.substring(Math.max(0, suffix.length() - 12));
    }

    /**
     * Removes the bridges that runs which ended without their clean-up (a killed JVM) left: a bridge named as
     * {@link #bridgeOf} names one, with no port (no pod uses it), whose managed containerd's folder (a folder of
     * {@code parent} whose name starts with {@code folderPrefix}) is gone. Another run's bridge, which has its
     * folder, is left alone.
     */
    public static void removeOrphanBridges(Path parent, String folderPrefix) {
        List<String> live = new ArrayList<>();
        try (var list = Files.list(parent)) {
            list.filter(p -> p.getFileName().toString().startsWith(folderPrefix)).map(PodNetwork::bridgeOf)
                    .forEach(live::add);
        } catch (IOException e) {
            return;
        }
        for (String name : orphans(linuxBridges(), live)) {
            Path ports = Path.of("/sys/class/net", name, "brif");
            try (var p = Files.list(ports)) {
                if (p.findAny().isPresent()) {
                    continue;
                }
            } catch (IOException e) {
                continue;
            }
            // a bridge that will not go is tried again at the next start
            deleteBridge(name);
        }
    }

    /** Of {@code bridges}, those named as rtbench names its bridges that no live folder's name gives. */
    static List<String> orphans(List<String> bridges, List<String> live) {
        return bridges.stream().filter(b -> ORPHAN_CANDIDATE.matcher(b).matches() && !live.contains(b)).toList();
    }

    private static List<String> linuxBridges() {
        try (var list = Files.list(Path.of("/sys/class/net"))) {
            return list.filter(p -> Files.isDirectory(p.resolve("bridge"))).map(p -> p.getFileName().toString())
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The first of {@code dirs} that holds every plugin of {@link #PLUGINS}. */
    public static Optional<Path> pluginDir(List<String> dirs) {
        for (String d : dirs) {
            if (PLUGINS.stream().allMatch(p -> Files.isExecutable(Path.of(d, p)))) {
                return Optional.of(Path.of(d));
            }
        }
        return Optional.empty();
    }

    /** The first 10.N.0.0/16 (N from 200 to 249) that overlaps none of {@code routes}. */
    static Optional<String> freeSubnet(List<HostRoutes.Route> routes) {
        for (int n = 200; n < 250; n++) {
            long base = (10L << 24) | ((long) n << 16);
            HostRoutes.Route candidate = new HostRoutes.Route(base, 16);
            if (routes.stream().noneMatch(r -> r.prefixLength() > 0 && r.overlaps(candidate))) {
                return Optional.of("10." + n + ".0.0/16");
            }
        }
        return Optional.empty();
    }

    /** The network's CNI configuration list, as containerd reads it from its {@code conf_dir}. */
    public String conflist() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode list = json.createObjectNode();
        list.put("cniVersion", "0.4.0");
        list.put("name", NAME);
        ArrayNode plugins = list.putArray("plugins");
        ObjectNode b = plugins.addObject();
        b.put("type", "bridge");
        b.put("bridge", bridge);
        // no address on the bridge and no masquerade: the host's routes and iptables stay as they were
        b.put("isGateway", false);
        b.put("ipMasq", false);
        b.put("hairpinMode", true);
        ObjectNode ipam = b.putObject("ipam");
        ipam.put("type", "host-local");
        ipam.put("dataDir", ipamDir.toString());
        ipam.putArray("ranges").addArray().addObject().put("subnet", subnet);
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(list) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@link #conflist()} into {@code confDir}, the only file there. */
    public void writeTo(Path confDir) throws IOException {
        Files.createDirectories(confDir);
        Files.writeString(confDir.resolve("10-" + NAME + ".conflist"), conflist(), StandardCharsets.UTF_8);
    }

    /**
     * Removes the bridge once every pod is gone (the bridge plugin makes it at the first pod and never removes it).
     *
     * @return empty, or what went wrong
     */
    public Optional<String> removeBridge() {
        return deleteBridge(bridge);
    }

    private static Optional<String> deleteBridge(String name) {
        if (!Files.exists(Path.of("/sys/class/net", name))) {
            return Optional.empty();
        }
        List<String> cmd = List.of(Executables.find("ip", Executables.hostDirs()).map(Path::toString).orElse("ip"),
                "link", "delete", name, "type", "bridge");
        try {
            var r = Subprocess.run(cmd, Duration.ofSeconds(10));
            return r.succeeded() ? Optional.empty() : Optional.of(String.join(" ", cmd) + ": " + r.combined().strip());
        } catch (Subprocess.SubprocessException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** What a report says of the pods' network. */
    public String describe() {
        return "each pod in a network namespace of its own on bridge " + bridge + " (" + subnet + ", CNI bridge and"
                + " host-local from " + binDir + "; nothing routed off the node)";
    }
}
