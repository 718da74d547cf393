package dev.rtbench.harness.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The dockerd serving a socket and its containerd, found in a {@link ProcessTree}, so that a benchmark can read how
 * much CPU the daemons themselves spent on its containers.
 *
 * @param dockerd    the dockerd listening on the socket, if found
 * @param containerd the containerd it talks to (its child when it started its own; else the host's only one)
 */
public record DaemonProcesses(Optional<ProcessTree.Proc> dockerd, Optional<ProcessTree.Proc> containerd) {

    static final String DEFAULT_SOCKET = "/var/run/docker.sock";

    /** Finds the daemons of {@code host} ({@code unix:///path/docker.sock}; other schemes find nothing). */
    public static DaemonProcesses find(ProcessTree tree, String host) {
        String socket = host != null && host.startsWith("unix://") ? host.substring("unix://".length()) : null;
        if (socket == null) {
            return new DaemonProcesses(Optional.empty(), Optional.empty());
        }
        List<ProcessTree.Proc> dockerds = tree.all().stream().filter(p -> named(p, "dockerd")).toList();
        Optional<ProcessTree.Proc> dockerd = dockerds.stream()
                .filter(p -> p.argv().stream().anyMatch(a -> a.endsWith(socket))).findFirst();
        if (dockerd.isEmpty() && socket.equals(DEFAULT_SOCKET)) {
            // the system daemon usually names no socket: it is the one that names no other
            dockerd = dockerds.stream().filter(p -> p.argv().stream().noneMatch(a -> a.contains("unix://")))
                    .findFirst();
        }
        Optional<ProcessTree.Proc> containerd = Optional.empty();
        if (dockerd.isPresent()) {
            long pid = dockerd.get().pid();
            containerd = tree.all().stream().filter(p -> p.ppid() == pid && named(p, "containerd")).findFirst();
        }
        if (containerd.isEmpty() && dockerd.isPresent()) {
            List<ProcessTree.Proc> all = tree.all().stream().filter(p -> named(p, "containerd")).toList();
            if (all.size() == 1) {
                containerd = Optional.of(all.get(0));
            }
        }
        return new DaemonProcesses(dockerd, containerd);
    }

    /**
     * The CRI server at {@code socket}, as {@link #containerd()}: a containerd (or cri-o) whose command line names
     * the socket or its folder, as a managed containerd's names its config.toml beside the socket. A server that
     * names neither (a system one with its default socket) is not guessed at: no figure rather than another
     * process's.
     */
    public static DaemonProcesses forCri(ProcessTree tree, Path socket) {
        String folder = socket.getParent() == null ? socket.toString() : socket.getParent().toString() + "/";
        Optional<ProcessTree.Proc> server = tree.all().stream()
                .filter(p -> named(p, "containerd") || named(p, "crio"))
                .filter(p -> p.argv().stream().anyMatch(a -> a.equals(socket.toString()) || a.startsWith(folder)))
                .findFirst();
        return new DaemonProcesses(Optional.empty(), server);
    }

    private static boolean named(ProcessTree.Proc p, String binary) {
        if (p.argv().isEmpty()) {
            return p.comm().equals(binary);
        }
        String a0 = p.argv().get(0);
        return a0.equals(binary) || a0.endsWith("/" + binary);
    }
}
