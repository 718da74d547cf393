package dev.rtbench.harness.containerdconfig;

import java.util.List;

/**
 * How rtbench writes TOML keys and strings: quoted only when a bare key would not do, escaped as TOML requires.
 * Public for the managed containerd's config.toml ({@link dev.rtbench.harness.engine.cri.ManagedContainerdConfig}).
 */
public final class TomlText {

    private TomlText() {
    }

    /** A TOML basic string. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** One key part: bare when it can be (as containerd writes {@code runtimes.runc}), else quoted. */
    static String key(String part) {
        if (!part.isEmpty() && part.chars().allMatch(c -> TomlLayout.isBare((char) c))) {
            return part;
        }
        return quote(part);
    }

    /** A dotted key path, e.g. {@code plugins."io.containerd.grpc.v1.cri".containerd}. */
    static String path(List<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(key(p));
        }
        return sb.toString();
    }
}
