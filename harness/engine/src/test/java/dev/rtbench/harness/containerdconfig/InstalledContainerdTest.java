package dev.rtbench.harness.containerdconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InstalledContainerdTest {

    @Test
    void versionLinesOfDebianAndContainerd2() {
        // captured: Debian 12's containerd package
        assertEquals("1.6.20~ds1", InstalledContainerd.parseVersion(
                "containerd github.com/containerd/containerd 1.6.20~ds1 1.6.20~ds1-1+deb12u3"));
        assertEquals("2.0.0", InstalledContainerd.parseVersion(
                "containerd github.com/containerd/containerd/v2 v2.0.0 207ad711eabd375a01713109a8a197d197ff6542"));
        assertNull(InstalledContainerd.parseVersion("containerd: command not found"));
        assertEquals(2, InstalledContainerd.configVersionFor("1.6.20~ds1"));
        assertEquals(3, InstalledContainerd.configVersionFor("2.0.0"));
        assertEquals(2, InstalledContainerd.configVersionFor(null));
    }

    /** `ctr --address SOCK plugins ls` of a private containerd 1.6.20 started with a version 2 config, captured here. */
    @Test
    void theCriPluginsStatusFromCtrPluginsLs() throws Exception {
        String listing;
        try (InputStream in = getClass().getResourceAsStream("/captured/containerd/ctr-plugins-ls-1.6.20.txt")) {
            listing = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals("ok", InstalledContainerd.criStatus(listing));
        assertEquals("skip", InstalledContainerd.criStatus(listing.replaceFirst("(io\\.containerd\\.grpc\\.v1\\s+cri\\s+\\S+\\s+)ok", "$1skip")));
        assertNull(InstalledContainerd.criStatus(listing.replaceAll("(?m)^io\\.containerd\\.grpc\\.v1\\s+cri.*$", "")));
    }
}
