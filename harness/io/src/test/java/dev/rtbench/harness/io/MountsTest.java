package dev.rtbench.harness.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountsTest {

    /** Lines as /proc/self/mounts shows them on a Debian 12 host running a managed dockerd (hybrid cgroups). */
    private static final List<String> CAPTURED = List.of(
            "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0",
            "tmpfs /sys/fs/cgroup tmpfs ro,nosuid,nodev,noexec,mode=755 0 0",
            "cgroup2 /sys/fs/cgroup/unified cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate 0 0",
            "cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,nodev,noexec,relatime,cpu,cpuacct 0 0",
            "overlay /tmp/rtb-123/data/overlay2/abc/merged overlay rw,relatime,lowerdir=/tmp/rtb-123/l 0 0",
            "shm /tmp/rtb-123/data/containers/x/mounts/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k 0 0",
            "/dev/sda1 /media/my\\040disk ext4 rw,relatime 0 0",
            "",
            "broken");

    @Test
    void parsesFieldsAndUndoesTheKernelsEscapes() {
        List<Mounts.Mount> m = Mounts.parse(CAPTURED);
        assertEquals(7, m.size());
        assertEquals(new Mounts.Mount("cgroup2", "/sys/fs/cgroup/unified", "cgroup2",
                "rw,nosuid,nodev,noexec,relatime,nsdelegate"), m.get(2));
        assertEquals("/media/my disk", m.get(6).target());
        assertEquals("a\\b", Mounts.unescape("a\\134b"));
        assertEquals("a\\x", Mounts.unescape("a\\x"));
    }

    @Test
    void findsTheMountsBelowAFolder() {
        List<String> under = Mounts.parse(CAPTURED).stream().filter(x -> x.isUnder(Path.of("/tmp/rtb-123")))
                .map(Mounts.Mount::target).toList();
        assertEquals(2, under.size());
        assertFalse(new Mounts.Mount("x", "/tmp/rtb-1234/a", "tmpfs", "").isUnder(Path.of("/tmp/rtb-123")));
        assertTrue(Mounts.parse(CAPTURED).stream().anyMatch(x -> x.type().equals("cgroup")));
    }
}
