package dev.rtbench.harness.containerdconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading and editing config.toml text; the fixtures are Debian 12's shipped file and containerd 1.6's `config default`. */
class ContainerdConfigTest {

    static final CriRuntime RUNSC = CriRuntime.runcShim("/usr/bin/runsc");

    static String fixture(String name) {
        try (InputStream in = ContainerdConfigTest.class.getResourceAsStream("/containerdconfig/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void debiansShippedFileGetsTheHandlerAfterTheCriPluginsTablesInItsIndentation() {
        String before = fixture("debian-12-etc.toml");
        ContainerdConfig c = ContainerdConfig.parse(before, "config.toml");
        assertEquals(2, c.version());
        assertEquals(Map.of(), c.runtimes());
        ContainerdConfig after = c.withRuntime("runsc", RUNSC);
        assertEquals("""
                version = 2

                [plugins]
                  [plugins."io.containerd.grpc.v1.cri"]
                    [plugins."io.containerd.grpc.v1.cri".cni]
                      bin_dir = "/usr/lib/cni"
                      conf_dir = "/etc/cni/net.d"

                        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                          runtime_type = "io.containerd.runc.v2"

                        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runsc]
                          runtime_type = "io.containerd.runc.v2"

                          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runsc.options]
                            BinaryName = "/usr/bin/runsc"
                  [plugins."io.containerd.internal.v1.opt"]
                    path = "/var/lib/containerd/opt"
                """, after.text());
        assertEquals(Map.of("runc", CriRuntime.shim(CriRuntime.RUNC_SHIM, null), "runsc", RUNSC), after.runtimes(),
                "runc comes along: containerd's CRI does not load when its default_runtime_name is missing from the file's handlers");
    }

    @Test
    void containerdsDefaultConfigGetsTheHandlerBesideRuncAndKeepsEveryOtherLine() {
        String before = fixture("containerd-1.6-default.toml");
        ContainerdConfig c = ContainerdConfig.parse(before, "config.toml");
        assertEquals(List.of("runc"), List.copyOf(c.runtimes().keySet()));
        assertEquals(CriRuntime.runcShim(""), c.runtimes().get("runc"));
        String after = c.withRuntime("runsc", RUNSC).text();
        String added = """

                        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runsc]
                          runtime_type = "io.containerd.runc.v2"

                          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runsc.options]
                            BinaryName = "/usr/bin/runsc"
                """;
        int at = before.indexOf("            SystemdCgroup = false\n") + "            SystemdCgroup = false\n".length();
        assertEquals(before.substring(0, at) + added + before.substring(at), after);
    }

    @Test
    void versionThreeUsesContainerd2sCriRuntimePlugin() {
        ContainerdConfig c = ContainerdConfig.parse("version = 3\n\n[grpc]\n  address = \"/run/c.sock\"\n", "t");
        assertEquals(ContainerdConfig.CRI_V3, c.criPlugin());
        String after = c.withRuntime("kata", CriRuntime.shim(CriRuntime.KATA_SHIM, null)).text();
        assertEquals("version = 3\n\n[grpc]\n  address = \"/run/c.sock\"\n\n"
                + "[plugins.\"io.containerd.cri.v1.runtime\".containerd.runtimes.runc]\n"
                + "  runtime_type = \"io.containerd.runc.v2\"\n\n"
                + "[plugins.\"io.containerd.cri.v1.runtime\".containerd.runtimes.kata]\n"
                + "  runtime_type = \"io.containerd.kata.v2\"\n", after);
    }

    @Test
    void aBlankOrCommentOnlyFileGetsAVersionFirst() {
        assertEquals("version = 2\n\n[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc]\n"
                + "  runtime_type = \"io.containerd.runc.v2\"\n\n"
                + "[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runsc]\n"
                + "  runtime_type = \"io.containerd.runc.v2\"\n\n"
                + "  [plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runsc.options]\n"
                + "    BinaryName = \"/usr/bin/runsc\"\n", ContainerdConfig.parse("", "t").withRuntime("runsc", RUNSC).text());
        String v3 = ContainerdConfig.parse("# managed by hand\n", "t", 3).withRuntime("k", CriRuntime.shim(CriRuntime.KATA_SHIM, null)).text();
        assertTrue(v3.startsWith("# managed by hand\nversion = 3\n\n[plugins.\"io.containerd.cri.v1.runtime\""), v3);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[plugins.cri]\\n  sandbox_image = \"x\"\\n| version 1 config",
        "version = 1\\n[plugins.cri]\\n| version 1 config",
        "version = 4\\n| version 4 is not",
        "version = \"2\"\\n| must be a number",
        "version = 2\\n[plugins]\\nx = [\\n| t:4:1: not valid TOML",
        "version = 2\\n[a]\\nx = 1\\n[a]\\n| t:4:",
        "version = 2\\nx = 1\\nx = 2\\n| not valid TOML",
        "version = 2\\n[plugins.\"io.containerd.grpc.v1.cri\".containerd]\\nruntimes = 3\\n| must be a table",
        "version = 2\\n[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.x]\\nruntime_type = 1\\n| t:2:2: runtime \"x\": runtime_type must be a string",
        "version = 2\\n[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.x.options]\\nBinaryName = true\\n| options.BinaryName must be a string",
    })
    void filesContainerdWouldNotLoadOrRtbenchDoesNotEditAreRefusedWithWhere(String toml, String says) {
        ContainerdConfigException e = assertThrows(ContainerdConfigException.class,
                () -> ContainerdConfig.parse(toml.replace("\\n", "\n"), "t"));
        assertTrue(e.getMessage().contains(says), e.getMessage());
        assertTrue(e.getMessage().contains("left it unchanged") || e.getMessage().contains("left the file unchanged"), e.getMessage());
    }

    @Test
    void replacingSetsOnlyTheManagedFieldsAndKeepsTheRest() {
        String before = fixture("containerd-1.6-default.toml");
        ContainerdConfig c = ContainerdConfig.parse(before, "config.toml");
        String after = c.withRuntime("runc", CriRuntime.runcShim("/usr/sbin/runc")).text();
        assertEquals(before.replace("            BinaryName = \"\"\n", "            BinaryName = \"/usr/sbin/runc\"\n"), after);

        // runc shim -> gVisor's own shim: BinaryName goes, the user's other options stay
        String gv = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.gv]  # gVisor\n"
                + "  runtime_type = \"io.containerd.runc.v2\"\n  privileged_without_host_devices = true\n"
                + "[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.gv.options]\n"
                + "  BinaryName = \"/usr/bin/runsc\" # old\n  SystemdCgroup = false\n";
        String shim = ContainerdConfig.parse(gv, "t").withRuntime("gv", CriRuntime.shim(CriRuntime.RUNSC_SHIM, "/etc/runsc.toml")).text();
        assertEquals("version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.gv]  # gVisor\n"
                + "  runtime_type = \"io.containerd.runsc.v1\"\n  privileged_without_host_devices = true\n"
                + "[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.gv.options]\n"
                + "  SystemdCgroup = false\n  ConfigPath = \"/etc/runsc.toml\"\n", shim);
        // and back: an options table appears where there was none
        String noOpts = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.k]\n  runtime_type = \"io.containerd.kata.v2\"\n";
        assertEquals(noOpts.replace("kata.v2", "runc.v2") + "\n  [plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.k.options]\n"
                + "    BinaryName = \"/usr/bin/runsc\"\n", ContainerdConfig.parse(noOpts, "t").withRuntime("k", RUNSC).text());
    }

    @Test
    void theDefaultHandlerIsKeptAndCannotBeRemoved() {
        ContainerdConfig c = ContainerdConfig.parse("version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd]\n"
                + "  default_runtime_name = \"gv\"\n", "t");
        assertEquals("gv", c.defaultRuntimeName());
        assertEquals(List.of("gv"), List.copyOf(c.withRuntime("gv", RUNSC).runtimes().keySet()), "no runc when the default is another");
        ContainerdConfig d = ContainerdConfig.parse("", "t").withRuntime("runsc", RUNSC);
        ContainerdConfigException e = assertThrows(ContainerdConfigException.class, () -> d.withoutRuntime("runc"));
        assertTrue(e.getMessage().contains("default_runtime_name"), e.getMessage());
        assertEquals(List.of("runc"), List.copyOf(d.withoutRuntime("runsc").runtimes().keySet()));
    }

    @Test
    void anEqualHandlerLeavesTheSameInstance() {
        ContainerdConfig c = ContainerdConfig.parse("", "t").withRuntime("runsc", RUNSC);
        assertSame(c, c.withRuntime("runsc", RUNSC));
    }

    @Test
    void handlersWrittenInlineAreNotEditedButRefusedWithWhatToDo() {
        String inline = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\".containerd]\n"
                + "  runtimes = { runc = { runtime_type = \"io.containerd.runc.v2\" } }\n";
        ContainerdConfig c = ContainerdConfig.parse(inline, "t");
        ContainerdConfigException add = assertThrows(ContainerdConfigException.class, () -> c.withRuntime("runsc", RUNSC));
        assertTrue(add.getMessage().contains("inline table") && add.getMessage().contains("nothing was written"), add.getMessage());
        ContainerdConfigException set = assertThrows(ContainerdConfigException.class, () -> c.withRuntime("runc", RUNSC));
        assertTrue(set.getMessage().contains("is not written as its own"), set.getMessage());
    }

    @Test
    void removingTakesTheHandlersTablesAndNothingElse() {
        String before = fixture("containerd-1.6-default.toml");
        ContainerdConfig c = ContainerdConfig.parse(before, "t");
        ContainerdConfig added = c.withRuntime("runsc", RUNSC);
        assertEquals(before, added.withoutRuntime("runsc").text());
        assertSame(c, c.withoutRuntime("nope"));
    }

    @Test
    void crlfFilesStayCrlf() {
        String crlf = "version = 2\r\n\r\n[plugins.\"io.containerd.grpc.v1.cri\".cni]\r\n  bin_dir = \"/usr/lib/cni\"\r\n";
        String after = ContainerdConfig.parse(crlf, "t").withRuntime("runsc", RUNSC).text();
        assertTrue(after.startsWith(crlf), after);
        assertTrue(after.replace("\r\n", "").indexOf('\n') < 0, "only CRLF: " + after);
    }

    @Test
    void headersInsideStringsAndArraysAreNotTakenForTables() {
        String tricky = "version = 2\n[plugins.\"io.containerd.grpc.v1.cri\"]\n  note = \"\"\"\n[plugins.fake]\n\"\"\"\n"
                + "  list = [\n    \"[x]\", # [y]\n    '''\n[z]'''\n  ]\n  lit = 'a\"b'\n";
        ContainerdConfig c = ContainerdConfig.parse(tricky, "t").withRuntime("runsc", RUNSC);
        assertTrue(c.text().startsWith(tricky), c.text());
        assertEquals(RUNSC, c.runtimes().get("runsc"));
    }

    @Test
    void namesAPodCannotSelectAreRefused() {
        ContainerdConfig c = ContainerdConfig.parse("", "t");
        for (String name : List.of("", "Runsc", "run sc", "-x", "x-", "a.b", "a_b", "r".repeat(64))) {
            assertThrows(ContainerdConfigException.class, () -> c.withRuntime(name, RUNSC), name);
        }
        assertEquals(null, CriInput.nameProblem("runsc-kvm2"));
    }

    @Test
    void theRuntimeClassSelectsTheHandler() {
        assertEquals("apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: runsc\nhandler: runsc\n",
                RuntimeClassManifest.forHandler("runsc").yaml());
    }
}
