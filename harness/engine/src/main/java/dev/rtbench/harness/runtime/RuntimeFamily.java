package dev.rtbench.harness.runtime;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Which family a runtime entry belongs to, from what its binary says it is rather than what it is called: a user
 * may register runsc as {@code sandboxed} or wrap runc in a script named {@code calib-x}. The binary's
 * {@code --version} line decides (a wrapper that hands over to runc answers as runc); a shim type
 * ({@code runtimeType}) names its family; the file name is the last resort; else {@link RuntimeKind#UNKNOWN}.
 */
public final class RuntimeFamily {
    private RuntimeFamily() {}

    /** The family of an entry with this {@code path} (or, for a shim, this {@code runtimeType}). */
    public static RuntimeKind of(String path, String runtimeType) {
        if (path != null) {
            String version = Path.of(path).isAbsolute() ? RuntimeProfile.versionOf(Path.of(path)) : null;
            RuntimeKind k = fromText(version);
            return k != RuntimeKind.UNKNOWN ? k : fromText(Path.of(path).getFileName().toString());
        }
        return fromText(runtimeType);
    }

    /** The family a version line or a name mentions, or UNKNOWN. */
    static RuntimeKind fromText(String text) {
        if (text == null) {
            return RuntimeKind.UNKNOWN;
        }
        String t = text.toLowerCase(Locale.ROOT);
        // runsc before runc: "runsc" does not contain "runc", but a gVisor shim type names both
        if (t.contains("runsc") || t.contains("gvisor")) {
            return RuntimeKind.GVISOR;
        }
        if (t.contains("kata")) {
            return RuntimeKind.KATA;
        }
        if (t.contains("crun")) {
            return RuntimeKind.CRUN;
        }
        if (t.contains("youki")) {
            return RuntimeKind.YOUKI;
        }
        if (t.contains("runc")) {
            return RuntimeKind.RUNC;
        }
        return RuntimeKind.UNKNOWN;
    }
}
