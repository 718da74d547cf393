package dev.rtbench.harness.runtime;

/**
 * What the catalogue found of a runtime on this host.
 *
 * @param installed whether its binary (or shim) is present
 * @param path      where, or null
 * @param version   its own version line, or null
 * @param problem   why it cannot run here although it may be installed (no KVM, hybrid cgroups, ...), or null
 */
public record Detection(boolean installed, String path, String version, String problem) {

    public boolean usable() {
        return installed && problem == null;
    }

    /** One line for a person: found where, which version, or why not. */
    public String describe() {
        if (!installed) {
            return "not found: " + problem;
        }
        return path + (version == null ? "" : " (" + version + ")") + (problem == null ? "" : "; cannot run here: " + problem);
    }
}
