package dev.rtbench.harness.engine.cri;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a CRI server listens: a unix socket on this host (containerd's {@code /run/containerd/containerd.sock},
 * cri-o's {@code /var/run/crio/crio.sock}, or a managed containerd's private socket). The kubelet's
 * {@code --container-runtime-endpoint} takes the same form, so a cluster node's value can be passed as it is.
 *
 * @param socket the socket's absolute path
 */
public record CriEndpoint(Path socket) {

    /** containerd's usual socket. */
    public static final CriEndpoint CONTAINERD = new CriEndpoint(Path.of("/run/containerd/containerd.sock"));

    /** cri-o's usual socket. */
    public static final CriEndpoint CRIO = new CriEndpoint(Path.of("/var/run/crio/crio.sock"));

    public CriEndpoint {
        Objects.requireNonNull(socket, "socket was not specified");
        if (!socket.isAbsolute()) {
            throw new IllegalArgumentException("a CRI endpoint must be an absolute socket path, not " + socket);
        }
    }

    /**
     * Reads {@code unix:///path/to.sock} or a bare absolute path. Anything else (tcp, npipe, a relative path) is
     * refused with a message that shows the accepted form: CRI servers listen on unix sockets, and rtbench must
     * run on the node anyway to see the runtime's processes.
     */
    public static CriEndpoint parse(String text) {
        Objects.requireNonNull(text, "endpoint was not specified");
        String s = text.strip();
        String path;
        if (s.startsWith("unix://")) {
            path = s.substring("unix://".length());
        } else if (s.startsWith("/")) {
            path = s;
        } else {
            throw new IllegalArgumentException("CRI endpoint \"" + text + "\" is not a unix socket: give it as"
                    + " unix:///run/containerd/containerd.sock (containerd) or unix:///var/run/crio/crio.sock (cri-o)");
        }
        if (!path.startsWith("/") || path.length() < 2) {
            throw new IllegalArgumentException("CRI endpoint \"" + text + "\" needs an absolute socket path after"
                    + " unix://, e.g. unix:///run/containerd/containerd.sock");
        }
        if (path.chars().anyMatch(Character::isWhitespace)) {
            // gRPC's resolver takes the target as a URI: a space breaks it with a message about neither
            throw new IllegalArgumentException("CRI endpoint \"" + text + "\" has a space in its path, which gRPC"
                    + " cannot dial: link the socket from a path without one (ln -s \"" + path + "\" /run/cri.sock)"
                    + " and give that");
        }
        return new CriEndpoint(Path.of(path).normalize());
    }

    /** The gRPC target for this socket. */
    public String target() {
        return "unix://" + socket;
    }

    @Override
    public String toString() {
        return target();
    }
}
