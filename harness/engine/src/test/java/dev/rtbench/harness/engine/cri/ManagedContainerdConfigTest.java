package dev.rtbench.harness.engine.cri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.runtime.RuntimeCatalogue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagedContainerdConfigTest {
    private static final Path DIR = Path.of("/tmp/rtbc-1");

    private static ManagedContainerdConfig config(CriHandler... handlers) {
        return new ManagedContainerdConfig(DIR, "rtbench/cri-pause:abc", List.of(handlers), null);
    }

    @Test
    void keepsEverythingInThePrivateFolderWithOneHandlerPerRuntime() {
        String toml = config(CriHandler.runcShim("runc", "/usr/sbin/runc", List.of()),
                CriHandler.runcShim("runsc", "/tmp/rtbc-1/bin/runsc", List.of()),
                CriHandler.kata("kata", "/opt/kata/share/defaults/kata-containers/configuration-qemu.toml")).render();
        String expected = """
                version = 2
                root = "/tmp/rtbc-1/root"
                state = "/tmp/rtbc-1/state"
                """;
        assertTrue(toml.contains(expected), toml);
        assertTrue(toml.contains("[grpc]\n  address = \"/tmp/rtbc-1/containerd.sock\"\n"), toml);
        assertTrue(toml.contains("  sandbox_image = \"rtbench/cri-pause:abc\"\n"), toml);
        assertTrue(toml.contains("  restrict_oom_score_adj = true\n"), toml);
        assertTrue(toml.contains("    conf_dir = \"/tmp/rtbc-1/cni/net.d\"\n"), toml);
        assertTrue(toml.contains("    default_runtime_name = \"runc\"\n"), toml);
        assertTrue(toml.contains("""
                  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes."runsc"]
                    runtime_type = "io.containerd.runc.v2"
                    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes."runsc".options]
                      BinaryName = "/tmp/rtbc-1/bin/runsc"
                      Root = "/tmp/rtbc-1/oci/runsc"
                """), toml);
        assertTrue(toml.contains("""
                  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes."kata"]
                    runtime_type = "io.containerd.kata.v2"
                    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes."kata".options]
                      ConfigPath = "/opt/kata/share/defaults/kata-containers/configuration-qemu.toml"
                """), toml);
        // opt would make /opt/containerd on the host
        assertTrue(toml.contains("\"io.containerd.internal.v1.opt\""), toml);
        assertFalse(toml.contains("/etc/"), toml);
    }

    @Test
    void quotesPathsAsTomlStrings() {
        assertEquals("\"a\\\"b\\\\c\\nd\"", dev.rtbench.harness.containerdconfig.TomlText.quote("a\"b\\c\nd"));
    }

    @Test
    void refusesWhatContainerdCannotBeGiven() {
        assertThrows(IllegalArgumentException.class, () -> config());
        assertThrows(IllegalArgumentException.class, () -> config(CriHandler.runcShim("runc", "/usr/sbin/runc", List.of()),
                CriHandler.runcShim("runc", "/usr/bin/crun", List.of())));
        var e = assertThrows(IllegalArgumentException.class,
                () -> config(CriHandler.runcShim("runsc", "/usr/bin/runsc", List.of("--network=none"))));
        assertTrue(e.getMessage().contains("wrapper"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CriHandler.runcShim("run sc", "/usr/bin/runsc", List.of()));
        assertThrows(IllegalArgumentException.class, () -> CriHandler.runcShim("runsc\"]", "/usr/bin/runsc", List.of()));
    }

    @Test
    void catalogueRuntimesBecomeHandlers() {
        CriHandler runsc = CriHandler.forProfile(RuntimeCatalogue.byName("runsc"), "/usr/bin/runsc");
        assertEquals(new CriHandler("runsc", CriHandler.RUNC_SHIM, "/usr/bin/runsc", List.of("--network=none"),
                Map.of(), true), runsc);
        assertTrue(runsc.needsWrapper());
        CriHandler runc = CriHandler.forProfile(RuntimeCatalogue.byName("runc"), "/usr/sbin/runc");
        assertFalse(runc.needsWrapper());
        assertFalse(runc.sandboxPerContainer());
    }

    @Test
    void aHandlerThatCannotRunHereSaysWhatIsMissing() {
        CriHandler kata = CriHandler.forProfile(RuntimeCatalogue.all().stream()
                .filter(p -> p.kind() == dev.rtbench.harness.runtime.RuntimeKind.KATA).findFirst().orElseThrow(), null);
        assertEquals(CriHandler.KATA_SHIM, kata.runtimeType());
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.rtbench.harness.io.Executables.find(CriHandler.KATA_SHIM_BINARY,
                dev.rtbench.harness.io.Executables.hostDirs()).isEmpty(), "Kata's shim is installed here");
        String why = ManagedContainerd.problem(kata).orElseThrow();
        assertTrue(why.contains("containerd-shim-kata-v2 is not installed"), why);
        assertTrue(ManagedContainerd.problem(CriHandler.runcShim("x", "/nonexistent/runx", List.of())).orElseThrow()
                .contains("/nonexistent/runx"));
    }
}
