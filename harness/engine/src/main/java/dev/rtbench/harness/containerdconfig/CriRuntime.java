package dev.rtbench.harness.containerdconfig;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fields rtbench manages of one CRI runtime handler in containerd's config.toml: the shim
 * ({@code runtime_type}) and the two shim options it sets, {@code BinaryName} (the runc shim's
 * OCI binary) and {@code ConfigPath} (the Kata or runsc shim's own configuration file). Every other
 * field of an existing handler is the user's and is kept. Absent fields are null.
 */
public record CriRuntime(String runtimeType, String binaryName, String configPath) {

    /** containerd's runc shim: runs any runc-compatible binary named by {@code BinaryName}. */
    public static final String RUNC_SHIM = "io.containerd.runc.v2";
    /** gVisor's own shim ({@code containerd-shim-runsc-v1}): runs {@code runsc} from containerd's PATH. */
    public static final String RUNSC_SHIM = "io.containerd.runsc.v1";
    /** Kata Containers 2.x's shim ({@code containerd-shim-kata-v2}). */
    public static final String KATA_SHIM = "io.containerd.kata.v2";

    public CriRuntime {
        Objects.requireNonNull(runtimeType, "runtime_type was not specified");
    }

    /** A runc-compatible binary (runc, crun, youki, runsc) under containerd's runc shim. */
    public static CriRuntime runcShim(String binary) {
        return new CriRuntime(RUNC_SHIM, Objects.requireNonNull(binary, "binary was not specified"), null);
    }

    /** A shim of its own ({@link #RUNSC_SHIM}, {@link #KATA_SHIM}), with its configuration file or null. */
    public static CriRuntime shim(String runtimeType, String configPath) {
        return new CriRuntime(runtimeType, null, configPath);
    }

    /** The shim binary containerd looks for on its PATH: {@code io.containerd.kata.v2} is {@code containerd-shim-kata-v2}. */
    public static String shimBinary(String runtimeType) {
        String[] parts = runtimeType.split("\\.");
        if (parts.length < 2) {
            return runtimeType;
        }
        return "containerd-shim-" + parts[parts.length - 2] + "-" + parts[parts.length - 1];
    }

    /** The shim options rtbench writes, in order: {@code BinaryName}, {@code ConfigPath}. */
    Map<String, String> options() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("BinaryName", binaryName);
        m.put("ConfigPath", configPath);
        return m;
    }

    /** One line for messages: {@code runtime_type = "io.containerd.runc.v2", BinaryName = "/usr/bin/runsc"}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("runtime_type = ").append(TomlText.quote(runtimeType));
        options().forEach((k, v) -> {
            if (v != null) {
                sb.append(", ").append(k).append(" = ").append(TomlText.quote(v));
            }
        });
        return sb.toString();
    }
}
