package dev.rtbench.harness.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The privileges a benchmark container runs with: the least its workload needs, and identical for every runtime
 * so that they still run the same thing. Docker's defaults (root, the default capability set, a writable root
 * filesystem, setuid allowed) are more than any rtbench workload needs.
 *
 * @param user            the user (uid:gid) the container's processes run as, or null for the image's (root)
 * @param readOnlyRoot    whether the root filesystem is mounted read-only
 * @param dropAll         whether every capability is dropped
 * @param noNewPrivileges whether setuid binaries and file capabilities are refused ({@code no-new-privileges})
 * @param tmpfs           scratch mounts (path to mount options) where a read-only container may write
 */
public record Hardening(String user, boolean readOnlyRoot, boolean dropAll, boolean noNewPrivileges,
        Map<String, String> tmpfs) {

    /** nobody:nogroup: a user with no file of its own anywhere in the image. */
    public static final String NOBODY = "65534:65534";

    public Hardening {
        tmpfs = Map.copyOf(tmpfs);
    }

    /** Docker's defaults, for a user's image whose workload needs them. */
    public static Hardening none() {
        return new Hardening(null, false, false, false, Map.of());
    }

    /** No capability, no privilege gain, not root, nothing writable: for containers that write nothing. */
    public static Hardening readOnly() {
        return new Hardening(NOBODY, true, true, true, Map.of());
    }

    /** As {@link #readOnly()}, with a writable root filesystem: for workloads that measure writing to it. */
    public static Hardening writableRoot() {
        return new Hardening(NOBODY, false, true, true, Map.of());
    }

    /** One line for a results note, e.g. {@code user 65534:65534, read-only root, ...}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(user == null ? "the image's user (root)" : "user " + user);
        parts.add(readOnlyRoot ? "read-only root filesystem" : "writable root filesystem");
        parts.add(dropAll ? "every capability dropped" : "Docker's default capabilities");
        parts.add(noNewPrivileges ? "no-new-privileges" : "privilege gain allowed");
        tmpfs.forEach((path, opts) -> parts.add("tmpfs " + path + " (" + opts + ")"));
        return String.join(", ", parts);
    }
}
