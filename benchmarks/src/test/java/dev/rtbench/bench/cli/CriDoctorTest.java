package dev.rtbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.containerdconfig.InstalledContainerd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor's CRI side on made-up hosts: no containerd needed. */
class CriDoctorTest {

    @TempDir
    Path dir;

    /** A host like this project's Debian 12 machines: containerd 1.6 with CRI, runc shim, runsc, no gVisor or Kata shim, no cri-o. */
    record FakeHost(Set<String> binaries, Set<Path> files, InstalledContainerd.CriPluginCheck cri) implements CriDoctor.Host {
        @Override
        public Optional<Path> find(String binary) {
            return binaries.contains(binary) ? Optional.of(Path.of("/usr/bin/" + binary)) : Optional.empty();
        }

        @Override
        public String containerdVersion() {
            return binaries.contains("containerd") ? "1.6.20~ds1" : null;
        }

        @Override
        public Boolean criBuiltIn(Path containerd) {
            return true;
        }

        @Override
        public boolean exists(Path p) {
            return files.contains(p) || (p.startsWith("/tmp") && Files.exists(p));
        }

        @Override
        public InstalledContainerd.CriPluginCheck checkCri(Path socket) {
            return cri;
        }

        @Override
        public Optional<String> whyNoPodNetwork() {
            return binaries.contains("bridge") ? Optional.empty()
                    : Optional.of("the CNI plugins bridge, host-local, loopback are not installed (apt-get install"
                            + " containernetworking-plugins iproute2)");
        }
    }

    static final Set<String> DEBIAN = Set.of("containerd", "ctr", "containerd-shim-runc-v2", "runsc", "runc");

    private static String find(List<CriDoctor.Line> lines, String what) {
        return lines.stream().filter(l -> l.what().equals(what)).map(l -> l.status() + " " + l.detail()).findFirst()
                .orElse("no line " + what + " in " + lines);
    }

    @Test
    void debianLikeHostWithTheShippedConfigAndNoRunningContainerd() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, "version = 2\n\n[plugins]\n  [plugins.\"io.containerd.grpc.v1.cri\"]\n    [plugins.\"io.containerd.grpc.v1.cri\".cni]\n      bin_dir = \"/usr/lib/cni\"\n      conf_dir = \"/etc/cni/net.d\"\n  [plugins.\"io.containerd.internal.v1.opt\"]\n    path = \"/var/lib/containerd/opt\"\n");
        List<CriDoctor.Line> lines = new CriDoctor(new FakeHost(DEBIAN, Set.of(), null)).check(cfg, null);
        assertTrue(find(lines, "containerd").startsWith("ok 1.6.20~ds1 at /usr/bin/containerd; its CRI plugin is built in"),
                find(lines, "containerd"));
        assertTrue(find(lines, "cri-endpoint").startsWith("info nothing listens at /run/containerd/containerd.sock"), lines.toString());
        assertTrue(find(lines, "handlers").contains("configures no runtime handler") && find(lines, "handlers").contains("\"runc\""),
                lines.toString());
        assertTrue(find(lines, "runsc-shim").startsWith("info containerd-shim-runsc-v1 is absent")
                && find(lines, "runsc-shim").contains("wrapper"), lines.toString());
        assertTrue(find(lines, "kata-shim").startsWith("MISSING") && find(lines, "kata-shim").contains("no Debian package"),
                lines.toString());
        assertTrue(find(lines, "cri-o").startsWith("MISSING cri-o is not packaged for Debian 12/13")
                && find(lines, "cri-o").contains("--cri-endpoint unix:///var/run/crio/crio.sock"), lines.toString());
        assertTrue(find(lines, "pod-network").startsWith("MISSING the CNI plugins")
                && find(lines, "pod-network").contains("apt-get install containernetworking-plugins")
                && find(lines, "pod-network").contains("node's network namespace"), lines.toString());
        var withCni = new CriDoctor(new FakeHost(Set.of("containerd", "bridge"), Set.of(), null)).check(cfg, null);
        assertTrue(find(withCni, "pod-network").startsWith("ok the CNI plugins bridge, host-local, loopback"),
                withCni.toString());
    }

    @Test
    void handlersAreListedWithWhatEachLacks() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, """
                version = 2
                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                  runtime_type = "io.containerd.runc.v2"
                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runsc]
                  runtime_type = "io.containerd.runc.v2"
                  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runsc.options]
                    BinaryName = "/usr/bin/runsc"
                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata]
                  runtime_type = "io.containerd.kata.v2"
                """);
        List<CriDoctor.Line> lines = new CriDoctor(new FakeHost(DEBIAN, Set.of(Path.of("/usr/bin/runsc")), null)).check(cfg, null);
        assertTrue(find(lines, "handlers").startsWith("ok " + cfg + " (version 2): runc, runsc, kata"), lines.toString());
        assertEquals("ok runtime_type = \"io.containerd.runc.v2\", BinaryName = \"/usr/bin/runsc\"", find(lines, "  runsc"));
        assertTrue(find(lines, "  kata").startsWith("MISSING runtime_type io.containerd.kata.v2 needs containerd-shim-kata-v2"),
                lines.toString());
    }

    @Test
    void handlersWithoutTheDefaultOneFailSinceTheCriPluginWouldNotLoad() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.gv]\n"
                + "  runtime_type = \"io.containerd.runc.v2\"\n");
        var lines = new CriDoctor(new FakeHost(DEBIAN, Set.of(), null)).check(cfg, null);
        assertTrue(find(lines, "handlers").startsWith("FAIL") && find(lines, "handlers").contains("default_runtime_name \"runc\""),
                lines.toString());
    }

    @Test
    void aRunningContainerdsCriPluginStatusIsReported() {
        Path sock = Path.of("/run/containerd/containerd.sock");
        Path none = dir.resolve("none.toml");
        var ok = new CriDoctor(new FakeHost(DEBIAN, Set.of(sock), new InstalledContainerd.CriPluginCheck("ok", null))).check(none, null);
        assertTrue(find(ok, "cri-endpoint").startsWith("ok the containerd at " + sock + " lists io.containerd.grpc.v1 cri ok"),
                ok.toString());
        assertTrue(find(ok, "handlers").startsWith("info no " + none), ok.toString());
        var skip = new CriDoctor(new FakeHost(DEBIAN, Set.of(sock), new InstalledContainerd.CriPluginCheck("skip", null))).check(none, null);
        assertTrue(find(skip, "cri-endpoint").startsWith("FAIL") && find(skip, "cri-endpoint").contains("disabled_plugins"),
                skip.toString());
    }

    @Test
    void noContainerdAndABrokenConfigSayWhatToDo() throws Exception {
        Path cfg = dir.resolve("config.toml");
        Files.writeString(cfg, "version = 2\n[plugins\n");
        var lines = new CriDoctor(new FakeHost(Set.of(), Set.of(), null)).check(cfg, null);
        assertTrue(find(lines, "containerd").startsWith("MISSING not installed: apt-get install containerd"), lines.toString());
        assertTrue(find(lines, "handlers").startsWith("FAIL " + cfg + ":"), lines.toString());
        assertTrue(find(lines, "runc-shim").startsWith("MISSING"), lines.toString());
    }

    @Test
    void criOWhereItIsInstalledIsTheEndpointToUse() {
        var lines = new CriDoctor(new FakeHost(Set.of("crio"), Set.of(CriDoctor.CRIO_SOCKET), null))
                .check(dir.resolve("none.toml"), CriDoctor.CRIO_SOCKET);
        assertTrue(find(lines, "cri-o").startsWith("ok crio at /usr/bin/crio; answering at /var/run/crio/crio.sock"), lines.toString());
        assertTrue(find(lines, "cri-endpoint").contains("cri-o's socket"), lines.toString());
    }

    @Test
    void endpointsAreUnixSocketPaths() {
        assertEquals(Path.of("/run/x.sock"), DoctorCommand.endpoint("unix:///run/x.sock"));
        assertEquals(Path.of("/run/x.sock"), DoctorCommand.endpoint("/run/x.sock"));
        assertThrows(UsageException.class, () -> DoctorCommand.endpoint("tcp://127.0.0.1:1"));
    }
}
