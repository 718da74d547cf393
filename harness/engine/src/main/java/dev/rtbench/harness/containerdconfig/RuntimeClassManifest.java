package dev.rtbench.harness.containerdconfig;

/**
 * The Kubernetes RuntimeClass that lets a pod select a CRI runtime handler
 * ({@code spec.runtimeClassName}); {@code handler} must name a runtime in the node's containerd
 * config.toml (or cri-o's runtime table). The handler names rtbench writes are DNS labels, so the
 * same word serves as the RuntimeClass's name.
 */
public record RuntimeClassManifest(String name, String handler) {

    public RuntimeClassManifest {
        String p = CriInput.nameProblem(handler);
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a RuntimeClass needs a name");
        }
    }

    /** A RuntimeClass named after its handler. */
    public static RuntimeClassManifest forHandler(String handler) {
        return new RuntimeClassManifest(handler, handler);
    }

    /** The YAML to {@code kubectl apply -f -}. */
    public String yaml() {
        return "apiVersion: node.k8s.io/v1\n"
                + "kind: RuntimeClass\n"
                + "metadata:\n"
                + "  name: " + name + "\n"
                + "handler: " + handler + "\n";
    }
}
