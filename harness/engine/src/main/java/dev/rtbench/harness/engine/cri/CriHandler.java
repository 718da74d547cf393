package dev.rtbench.harness.engine.cri;

import dev.rtbench.harness.containerdconfig.CriRuntime;
import dev.rtbench.harness.runtime.RuntimeKind;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One runtime handler of containerd's CRI plugin: the name a pod asks for ({@code RunPodSandbox}'s
 * {@code runtime_handler}, what a Kubernetes RuntimeClass names) and the shim that runs it. The CRI world's
 * counterpart of a daemon.json runtime entry.
 *
 * @param name        the handler's name
 * @param runtimeType the containerd shim, e.g. {@code io.containerd.runc.v2}
 * @param binary      the OCI runtime the runc shim calls ({@code BinaryName}), or null for the shim's own default
 *                    (and for shims that are the runtime themselves, as Kata's)
 * @param runtimeArgs arguments the runtime needs before its command; containerd's {@code BinaryName} takes none,
 *                    so a managed containerd passes them through a wrapper script, as dockerd does for
 *                    daemon.json's {@code runtimeArgs}
 * @param options     further shim options, e.g. Kata's {@code ConfigPath}
 * @param sandboxPerContainer whether the runtime must not see which pod a container belongs to: gVisor, run by
 *                    the runc shim, would add a pod's containers to the pod's sandbox, whose process is the only
 *                    one the shim can watch, so the shim would never see a container exit (StopContainer hangs).
 *                    gVisor's own shim (containerd-shim-runsc-v1) handles that, but Debian does not package it;
 *                    with this set, each container boots a gVisor sandbox of its own, as under dockerd
 */
public record CriHandler(String name, String runtimeType, String binary, List<String> runtimeArgs,
        Map<String, String> options, boolean sandboxPerContainer) {

    /** The shim of runc and of every runtime with runc's command line (runsc, crun, youki). */
    public static final String RUNC_SHIM = CriRuntime.RUNC_SHIM;

    /** Kata Containers 2.x's shim; containerd finds it as {@code containerd-shim-kata-v2} on its PATH. */
    public static final String KATA_SHIM = CriRuntime.KATA_SHIM;

    /** The binary containerd looks for to run {@link #KATA_SHIM}. */
    public static final String KATA_SHIM_BINARY = "containerd-shim-kata-v2";

    // TOML bare keys are safest, and a handler name also ends up in file names and label values
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

    public CriHandler {
        Objects.requireNonNull(name, "handler name was not specified");
        Objects.requireNonNull(runtimeType, "runtime type was not specified");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("handler name \"" + name + "\" must be letters, digits, '.', '_' or"
                    + " '-', starting with a letter or digit, at most 63 characters");
        }
        runtimeArgs = List.copyOf(runtimeArgs);
        options = Map.copyOf(options);
        if (binary == null && (!runtimeArgs.isEmpty() || sandboxPerContainer)) {
            throw new IllegalArgumentException("handler \"" + name + "\" has runtime arguments but no binary to"
                    + " pass them to");
        }
    }

    /** A runtime with runc's command line, run by the runc shim. */
    public static CriHandler runcShim(String name, String binary, List<String> runtimeArgs) {
        Objects.requireNonNull(binary, "binary was not specified");
        return new CriHandler(name, RUNC_SHIM, binary, runtimeArgs, Map.of(), false);
    }

    /** gVisor through the runc shim: its arguments (e.g. {@code --network=none}), one sandbox per container. */
    public static CriHandler gvisor(String name, String binary, List<String> runtimeArgs) {
        Objects.requireNonNull(binary, "binary was not specified");
        return new CriHandler(name, RUNC_SHIM, binary, runtimeArgs, Map.of(), true);
    }

    /** Kata Containers through its own shim, with a hypervisor configuration or null for Kata's default. */
    public static CriHandler kata(String name, String configPath) {
        return new CriHandler(name, KATA_SHIM, null, List.of(),
                configPath == null ? Map.of() : Map.of("ConfigPath", configPath), false);
    }

    /**
     * The handler of a catalogue runtime, named as in daemon.json: Kata through its own shim, every other family
     * (runc, gVisor, crun, youki) through the runc shim with the profile's runtime arguments.
     *
     * @param binaryPath where the runtime was found ({@code Detection.path()}), or null for the profile's first name
     */
    public static CriHandler forProfile(RuntimeProfile p, String binaryPath) {
        if (p.kind() == RuntimeKind.KATA) {
            return kata(p.name(), p.kataConfig());
        }
        String binary = binaryPath != null ? binaryPath : p.binaries().get(0);
        return p.kind() == RuntimeKind.GVISOR ? gvisor(p.name(), binary, p.runtimeArgs())
                : runcShim(p.name(), binary, p.runtimeArgs());
    }

    /** Whether the runtime needs a wrapper script: for its arguments, or to hide the pod it belongs to. */
    public boolean needsWrapper() {
        return !runtimeArgs.isEmpty() || sandboxPerContainer;
    }
}
