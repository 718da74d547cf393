package dev.rtbench.harness.runtime;

import dev.rtbench.harness.io.Mounts;
import java.io.IOException;
import java.util.List;

/** How the host mounts cgroups: which runtimes can run depends on it (crun refuses hybrid mode). */
public enum CgroupLayout {
    V1,
    V2,
    /** A cgroup v1 hierarchy with a cgroup2 'unified' mount beside it. */
    HYBRID,
    NONE,
    UNKNOWN;

    /** The layout of this host, read from /proc/self/mounts. */
    public static CgroupLayout ofHost() {
        try {
            List<String> types = Mounts.ofSelf().stream().map(Mounts.Mount::type).toList();
            boolean v1 = types.contains("cgroup");
            boolean v2 = types.contains("cgroup2");
            return v1 && v2 ? HYBRID : v2 ? V2 : v1 ? V1 : NONE;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
