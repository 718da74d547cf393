package dev.rtbench.harness.results;

import java.util.Objects;

/**
 * One arm of a run: a runtime as measured through one engine. Its name is what results, statistics and reports
 * call it: the runtime's own name through dockerd (so every run before engines were a choice reads the same), and
 * {@code runtime@engine} through any other engine, e.g. {@code runsc@cri}. Runtime names cannot hold {@code @}
 * (daemon.json names and CRI handler names are letters, digits, {@code .}, {@code _} and {@code -}).
 *
 * @param runtime the runtime (daemon.json name, CRI handler name)
 * @param engine  the engine that ran it: {@link #DOCKER} or {@link #CRI}
 */
public record Arm(String runtime, String engine) {

    /** dockerd, the engine of a name without {@code @}. */
    public static final String DOCKER = "docker";
    /** A Container Runtime Interface server: containerd's CRI plugin or cri-o. */
    public static final String CRI = "cri";

    public Arm {
        Objects.requireNonNull(runtime, "runtime was not specified");
        Objects.requireNonNull(engine, "engine was not specified");
        if (runtime.isEmpty() || runtime.contains("@") || engine.isEmpty() || engine.contains("@")) {
            throw new IllegalArgumentException("an arm is a runtime and an engine, neither empty nor holding '@',"
                    + " got \"" + runtime + "\" and \"" + engine + "\"");
        }
    }

    /** The arm named {@code name}: {@code runsc} is runsc through dockerd, {@code runsc@cri} through CRI. */
    public static Arm parse(String name) {
        Objects.requireNonNull(name, "arm name was not specified");
        int at = name.lastIndexOf('@');
        return at < 0 ? new Arm(name, DOCKER) : new Arm(name.substring(0, at), name.substring(at + 1));
    }

    /** The runtime of the arm named {@code name}. */
    public static String runtimeOf(String name) {
        return parse(name).runtime();
    }

    public String name() {
        return engine.equals(DOCKER) ? runtime : runtime + "@" + engine;
    }

    /** The same runtime through another engine. */
    public Arm through(String otherEngine) {
        return new Arm(runtime, otherEngine);
    }

    @Override
    public String toString() {
        return name();
    }
}
