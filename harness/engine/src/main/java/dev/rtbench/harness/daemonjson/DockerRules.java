package dev.rtbench.harness.daemonjson;

import dev.rtbench.harness.io.Executables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Docker's rules for the {@code runtimes} and {@code default-runtime} of a daemon.json, as moby
 * applies them when it loads the file, and dockerd's lookup of runtime binaries. Each check lists
 * every violation with its {@code file:line:column}.
 */
final class DockerRules {

    private static final String RUNC_V1_SHIM = "io.containerd.runtime.v1.linux";

    private DockerRules() {
    }

    /**
     * Docker's own rules for {@code runtimes} and {@code default-runtime}, every violation listed.
     * With a null version the rules of Docker &gt;= 23 apply (runtimeType allowed).
     * Rules, as moby applies them:
     * <ul>
     *   <li>{@code runc} is reserved (daemon/config/config.go Validate, all versions);</li>
     *   <li>exactly one of {@code path}/{@code runtimeType}; {@code options} only with {@code path}
     *       absent; {@code runtimeArgs} only with {@code path} (daemon/runtime_unix.go, 23+);</li>
     *   <li>{@code runtimeType}/{@code options} need 23.0: 20.10's types.Runtime has no such fields
     *       and silently ignores them;</li>
     *   <li>before 24, entries named after the built-in shims are silently replaced by the
     *       built-ins (configureRuntimes in daemon/runtime_unix.go 20.10 and 23.0);</li>
     *   <li>{@code default-runtime} must be {@code runc}, a configured runtime, or (23+)
     *       {@code io.containerd.runc.v2} or a containerd shim name.</li>
     * </ul>
     */
    static List<String> problems(DaemonConfig config, DockerVersion docker) {
        List<String> out = new ArrayList<>();
        boolean shimAware = docker == null || docker.atLeast(DockerVersion.SHIM_RUNTIMES.major(), DockerVersion.SHIM_RUNTIMES.minor());
        for (Map.Entry<String, RuntimeEntry> e : config.runtimes().entrySet()) {
            String name = e.getKey();
            RuntimeEntry rt = e.getValue();
            String at = config.locationOf(name) + ": runtime \"" + name + "\": ";
            if (name.equals(DaemonConfig.STOCK_RUNTIME)) {
                out.add(at + "the name \"runc\" is reserved by Docker for its built-in runc; "
                        + "choose another name (e.g. \"runc-custom\")");
            }
            if (docker != null && !docker.atLeast(24, 0)
                    && (name.equals(DaemonConfig.RUNC_V2_SHIM) || (!docker.atLeast(23, 0) && name.equals(RUNC_V1_SHIM)))) {
                out.add(at + "Docker " + docker + " silently replaces an entry with this name by its built-in runtime; "
                        + "choose another name");
            }
            if (!rt.hasPath() && !rt.hasRuntimeType()) {
                out.add(at + (shimAware
                        ? "either \"path\" or \"runtimeType\" must be configured"
                        : "\"path\" must be configured"));
            }
            if (rt.hasPath() && rt.hasRuntimeType()) {
                out.add(at + "cannot configure both \"path\" and \"runtimeType\": keep \"path\" for a runc-compatible "
                        + "binary, or \"runtimeType\" for a containerd shim");
            }
            if (rt.hasPath() && !rt.options().isEmpty()) {
                out.add(at + "\"options\" cannot be used with \"path\" (options go to a containerd shim set by "
                        + "\"runtimeType\"; use \"runtimeArgs\" for a path runtime)");
            }
            if (!rt.hasPath() && rt.hasRuntimeType() && !rt.runtimeArgs().isEmpty()) {
                out.add(at + "\"runtimeArgs\" cannot be used with \"runtimeType\" (use \"options\", or \"path\" with "
                        + "\"runtimeArgs\")");
            }
            if (!shimAware && (rt.hasRuntimeType() || !rt.options().isEmpty())) {
                out.add(at + "\"runtimeType\"/\"options\" need Docker >= " + DockerVersion.SHIM_RUNTIMES + ", but this daemon is "
                        + docker + ", which ignores them; use \"path\" (+ \"runtimeArgs\") or upgrade Docker");
            }
        }
        String defaultRuntime = config.defaultRuntime().orElse(null);
        if (defaultRuntime != null) {
            boolean known = defaultRuntime.equals(DaemonConfig.STOCK_RUNTIME) || config.runtimes().containsKey(defaultRuntime)
                    || (shimAware && (defaultRuntime.equals(DaemonConfig.RUNC_V2_SHIM) || isShimName(defaultRuntime)));
            if (!known) {
                String at = config.defaultRuntimeLocation();
                out.add(at + ": default-runtime \"" + defaultRuntime + "\" does not exist: configured runtimes are "
                        + new ArrayList<>(config.runtimes().keySet()) + " (plus the built-in \"runc\")"
                        + (shimAware
                        ? "; add it under \"runtimes\", or name a containerd shim such as io.containerd.runsc.v1"
                        : "; add it under \"runtimes\" first (Docker " + docker + " takes no shim names here)"));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether a name is one containerd accepts as a runtime (shim) name, as moby's
     * isPermissibleC8dRuntimeName: not absolute, no '/', at least two dot-separated parts with a
     * non-empty first one ({@code io.containerd.kata.v2} resolves to {@code containerd-shim-kata-v2}).
     */
    static boolean isShimName(String name) {
        if (name == null || name.startsWith("/") || name.indexOf('/') >= 0) {
            return false;
        }
        String[] parts = name.split("\\.", -1);
        return parts.length >= 2 && !parts[0].isEmpty();
    }

    /**
     * Checks that every {@code path} runtime resolves to an executable file, the way dockerd does
     * (Go's exec.LookPath: a name with a '/' is used as is, a bare name is searched on PATH).
     * dockerd uses its own PATH, so pass the daemon's when it differs from ours.
     */
    static List<String> pathProblems(DaemonConfig config, String searchPath) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, RuntimeEntry> e : config.runtimes().entrySet()) {
            RuntimeEntry rt = e.getValue();
            if (!rt.hasPath()) {
                continue;
            }
            String problem = Executables.problem(rt.path(), searchPath);
            if (problem != null) {
                out.add(config.locationOf(e.getKey()) + ": runtime \"" + e.getKey() + "\": " + problem);
            }
        }
        return List.copyOf(out);
    }
}
