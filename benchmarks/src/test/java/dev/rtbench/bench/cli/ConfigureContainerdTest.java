package dev.rtbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.containerdconfig.ContainerdConfig;
import dev.rtbench.harness.containerdconfig.CriRuntime;
import dev.rtbench.harness.io.BackedUpFile;
import dev.rtbench.harness.runtime.Detection;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code configure --containerd-config}: the bad inputs of daemon.json editing ({@link ConfigureCommandTest}), one by
 * one for config.toml, and what a good edit prints. No containerd is needed: the catalogue is faked (every binary
 * at /bin/true, runsc-kvm cannot run, Kata not installed), no gVisor shim, containerd 1.6.
 */
class ConfigureContainerdTest {

    @TempDir
    Path dir;

    /** A user's config.toml: Debian 12's shipped file plus a handler of their own with a comment and an option rtbench does not manage. */
    static final String USER_FILE = """
            version = 2

            [plugins]
              [plugins."io.containerd.grpc.v1.cri"]
                [plugins."io.containerd.grpc.v1.cri".cni]
                  bin_dir = "/usr/lib/cni"
                  conf_dir = "/etc/cni/net.d"
                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.gv]   # ops team's gVisor
                  runtime_type = "io.containerd.runc.v2"
                  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.gv.options]
                    BinaryName = "/bin/true"
                    SystemdCgroup = false
              [plugins."io.containerd.internal.v1.opt"]
                path = "/var/lib/containerd/opt"
            """;

    static Detection fakeDetect(RuntimeProfile p) {
        if (p.name().startsWith("kata")) {
            return new Detection(false, null, null, "Kata Containers is not installed (no containerd-shim-kata-v2 on PATH)");
        }
        return p.name().equals("runsc-kvm")
                ? new Detection(true, "/bin/true", "runsc fake", "gVisor's KVM platform hangs on this host's nested KVM")
                : new Detection(true, "/bin/true", "fake", null);
    }

    static ConfigureCommandTest.Ran configureWith(String containerdVersion, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CriHost host = new CriHost(name -> Optional.empty(), () -> containerdVersion);
        int code = new ConfigureCommand(ConfigureContainerdTest::fakeDetect, () -> "24.0.5", host).run(List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new ConfigureCommandTest.Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static ConfigureCommandTest.Ran configure(String... args) {
        return configureWith("1.6.20~ds1", args);
    }

    private Path userFile() throws Exception {
        Path f = dir.resolve("config.toml");
        Files.writeString(f, USER_FILE);
        return f;
    }

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A bad command line and a piece of the one line it must get. */
    static Stream<Arguments> badInputs() throws Exception {
        Path notExecutable = Files.createTempFile("rtbench-cri-", ".bin");
        notExecutable.toFile().deleteOnExit();
        return Stream.of(
                bad("nothing to do"),
                bad("not a recognized option", "--bogus"),
                bad("requires an argument", "--runtime"),
                bad("--runtime-arg does not apply", "--runtime", "y=/bin/true", "--runtime-arg", "y=--network=none"),
                bad("--default does not apply", "--default", "gv"),
                bad("only when it starts", "--runtime", "y=/bin/true", "--reload"),
                bad("give one", "--daemon-json", "/tmp/daemon.json", "--runtime", "y=/bin/true"),
                bad("has no such runtime handler", "--remove", "nope"),
                bad("is not a DNS label", "--runtime", "bad name=/bin/true"),
                bad("is not a DNS label", "--runtime", "a/b=/bin/true"),
                bad("is not a DNS label", "--runtime=-x=/bin/true"),
                bad("is not a DNS label", "--runtime", "..=/bin/true"),
                bad("is not a DNS label", "--runtime", "Runsc=/bin/true"),
                bad("is not a DNS label", "--runtime", "run_sc=/bin/true"),
                bad("64 characters long", "--runtime", "r".repeat(64) + "=/bin/true"),
                bad("is not absolute", "--runtime", "y=bin/true"),
                bad("is not absolute", "--runtime", "y=true"),
                bad("empty path", "--runtime", "y="),
                bad("is given twice", "--runtime", "y=/bin/true", "--runtime", "y=/bin/sh"),
                bad("contradict", "--runtime", "y=/bin/true", "--remove", "y"),
                bad("pass --replace", "--runtime", "gv=/bin/sh"),
                bad("pass --force", "--runtime", "runsc-kvm"),
                bad("unknown runtime \"nosuch\"", "--runtime", "nosuch"),
                bad("CRI engine like containerd", "--runtime", "cri-o"),
                bad("Kata Containers is not installed", "--runtime", "kata"),
                bad("/no/such/binary does not exist", "--runtime", "y=/no/such/binary"),
                bad("is not executable", "--runtime", "y=" + notExecutable),
                bad("is a directory", "--runtime", "y=/tmp"),
                bad("give it no edits", "--restore", "--runtime", "y=/bin/true"));
    }

    private static Arguments bad(String says, String... args) {
        return Arguments.of(List.of(args), says);
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void everyBadInputIsOneLineExitTwoAndChangesNothing(List<String> args, String says) throws Exception {
        Path f = userFile();
        List<String> all = new ArrayList<>(List.of("--containerd-config", f.toString()));
        all.addAll(args);
        ConfigureCommandTest.Ran r = configure(all.toArray(String[]::new));
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.errLines().size(), "one line:\n" + r.err());
        assertTrue(r.err().startsWith("configure: ") && r.err().contains(says), r.err());
        assertEquals("", r.out());
        assertEquals(USER_FILE, Files.readString(f));
        assertEquals(List.of("config.toml"), names(), "no backup, no temp file, no lock: " + names());
    }

    @Test
    void aGoodEditPrintsTheDiffWritesWithABackupAndPrintsTheRuntimeClass() throws Exception {
        Path f = userFile();
        ConfigureCommandTest.Ran r = configure("--containerd-config", f.toString(), "--runtime", "crun");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("+    [plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.crun]\n"
                + "+      runtime_type = \"io.containerd.runc.v2\"\n"), r.out());
        assertTrue(r.out().contains("wrote " + f + "; backup: "), r.out());
        assertTrue(r.out().contains("apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata:\n  name: crun\nhandler: crun\n"),
                r.out());
        assertTrue(r.out().contains("restart it (systemctl restart containerd)"), r.out());
        assertEquals(CriRuntime.runcShim("/bin/true"), ContainerdConfig.parse(Files.readString(f), "t").runtimes().get("crun"));
        assertTrue(Files.readString(f).startsWith(USER_FILE.substring(0, USER_FILE.indexOf("  [plugins.\"io.containerd.internal"))));
        assertArrayEquals(USER_FILE.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(BackedUpFile.backups(f).get(0)));
    }

    @Test
    void gvisorWithoutItsShimGoesThroughTheRuncShimAndTheOutputExplainsTheWrapper() throws Exception {
        Path f = userFile();
        ConfigureCommandTest.Ran r = configure("--containerd-config", f.toString(), "--runtime", "runsc");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(CriRuntime.runcShim("/bin/true"), ContainerdConfig.parse(Files.readString(f), "t").runtimes().get("runsc"));
        assertTrue(r.out().contains("note: no containerd-shim-runsc-v1 on this host") && r.out().contains("--network=none")
                && r.out().contains("exec /bin/true --network=none \"$@\""), r.out());
    }

    @Test
    void gvisorWithItsShimUsesIt() throws Exception {
        Path f = userFile();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CriHost host = new CriHost(name -> Optional.of(Path.of("/usr/bin/" + name)), () -> "1.6.20");
        int code = new ConfigureCommand(ConfigureContainerdTest::fakeDetect, () -> "24.0.5", host).run(
                List.of("--containerd-config", f.toString(), "--runtime", "runsc"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code);
        assertEquals(CriRuntime.shim(CriRuntime.RUNSC_SHIM, null),
                ContainerdConfig.parse(Files.readString(f), "t").runtimes().get("runsc"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("gVisor's own shim"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void replaceNeedsTheFlagWarnsAndKeepsTheOtherFields() throws Exception {
        Path f = userFile();
        ConfigureCommandTest.Ran refused = configure("--containerd-config", f.toString(), "--runtime", "gv=/bin/sh");
        assertTrue(refused.err().contains("already configured at " + f + ":8:6") && refused.err().contains("--replace"),
                refused.err());
        ConfigureCommandTest.Ran r = configure("--containerd-config", f.toString(), "--runtime", "gv=/bin/sh", "--replace");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: replacing runtime \"gv\""), r.err());
        assertEquals(USER_FILE.replace("BinaryName = \"/bin/true\"", "BinaryName = \"/bin/sh\""), Files.readString(f),
                "only BinaryName changed; the comment and SystemdCgroup kept");
    }

    @Test
    void theSameHandlerAgainChangesNothing() throws Exception {
        Path f = userFile();
        ConfigureCommandTest.Ran r = configure("--containerd-config", f.toString(), "--runtime", "gv=/bin/true");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(f + ": no change"), r.out());
        assertEquals(USER_FILE, Files.readString(f));
        assertEquals(List.of(), BackedUpFile.backups(f));
    }

    @Test
    void removeTakesTheHandlerOutAndRestoreBringsItBack() throws Exception {
        Path f = userFile();
        ConfigureCommandTest.Ran rm = configure("--containerd-config", f.toString(), "--remove", "gv");
        assertEquals(0, rm.code(), rm.err());
        assertFalse(Files.readString(f).contains("runtimes.gv"), Files.readString(f));
        assertTrue(Files.readString(f).contains("path = \"/var/lib/containerd/opt\""));
        ConfigureCommandTest.Ran back = configure("--containerd-config", f.toString(), "--restore");
        assertEquals(0, back.code(), back.err());
        assertTrue(back.out().contains("restored " + f + " from "), back.out());
        assertEquals(USER_FILE, Files.readString(f));
    }

    @Test
    void restoreRefusesABackupContainerdCouldNotRead() throws Exception {
        Path f = userFile();
        assertEquals(0, configure("--containerd-config", f.toString(), "--remove", "gv").code());
        String edited = Files.readString(f);
        Path backup = BackedUpFile.backups(f).get(0);
        // once installed as it was, exit 0: a backup edited by hand into something that is not TOML
        Files.writeString(backup, "version = 2\n[plugins\n");
        ConfigureCommandTest.Ran r = configure("--containerd-config", f.toString(), "--restore");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("the newest backup " + backup + " cannot be used"), r.err());
        assertEquals(edited, Files.readString(f), "the file was changed");
    }

    @Test
    void restoreWithNoBackupIsOneLineExitTwo() throws Exception {
        Path f = userFile();
        ConfigureCommandTest.Ran r = configure("--containerd-config", f.toString(), "--restore");
        assertEquals(2, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("no rtbench backup"), r.err());
        assertEquals(USER_FILE, Files.readString(f));
    }

    @Test
    void malformedOrVersionOneFilesAreOneLineExitTwoWithWhereAndWhatToDo() throws Exception {
        Path f = dir.resolve("config.toml");
        String broken = "version = 2\n[plugins]\n  x = [1,\n";
        Files.writeString(f, broken);
        ConfigureCommandTest.Ran r = configure("--containerd-config", f.toString(), "--runtime", "y=/bin/true");
        assertEquals(2, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(f + ":4:1: not valid TOML") && r.err().contains("fix that line by hand"), r.err());
        assertEquals(broken, Files.readString(f));

        String v1 = "[plugins.cri]\n  sandbox_image = \"pause:3.6\"\n";
        Files.writeString(f, v1);
        ConfigureCommandTest.Ran old = configure("--containerd-config", f.toString(), "--runtime", "y=/bin/true");
        assertEquals(2, old.code());
        assertTrue(old.err().contains("version 1") && old.err().contains("containerd config migrate"), old.err());
        assertEquals(v1, Files.readString(f));
    }

    @Test
    void unreadableOrUtf16FilesAreRefused() throws Exception {
        Path asDir = Files.createDirectory(dir.resolve("config.toml"));
        ConfigureCommandTest.Ran r = configure("--containerd-config", asDir.toString(), "--runtime", "y=/bin/true");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cannot read " + asDir), r.err());

        Path u16 = dir.resolve("u16.toml");
        Files.write(u16, new byte[] {(byte) 0xFF, (byte) 0xFE, 'v', 0, '=', 0, '2', 0});
        ConfigureCommandTest.Ran u = configure("--containerd-config", u16.toString(), "--runtime", "y=/bin/true");
        assertEquals(2, u.code());
        assertTrue(u.err().contains("UTF-16"), u.err());

        // a byte order mark is named as the cause, and the file is left as it was
        Path bom = dir.resolve("bom.toml");
        byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'v', 'e', 'r', 's', 'i', 'o', 'n', ' ', '=', ' ', '2',
            '\n'};
        Files.write(bom, withBom);
        ConfigureCommandTest.Ran b = configure("--containerd-config", bom.toString(), "--runtime", "y=/bin/true");
        assertEquals(2, b.code());
        assertTrue(b.err().contains("byte order mark"), b.err());
        assertTrue(java.util.Arrays.equals(withBom, Files.readAllBytes(bom)));
    }

    @Test
    void createMakesAFileOfTheInstalledContainerdsVersionAndWithoutItAMissingFileIsNamed() throws Exception {
        Path f = dir.resolve("etc/containerd/config.toml");
        ConfigureCommandTest.Ran missing = configure("--containerd-config", f.toString(), "--runtime", "y=/bin/true");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("does not exist") && missing.err().contains("--create"), missing.err());
        assertFalse(Files.exists(f.getParent()));

        ConfigureCommandTest.Ran r = configure("--containerd-config", f.toString(), "--runtime", "y=/bin/true", "--create");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote " + f + " (new file)"), r.out());
        assertTrue(Files.readString(f).startsWith("version = 2\n\n[plugins.\"io.containerd.grpc.v1.cri\""), Files.readString(f));

        Path g = dir.resolve("v3/config.toml");
        ConfigureCommandTest.Ran v3 = configureWith("2.0.0", "--containerd-config", g.toString(), "--runtime", "y=/bin/true", "--create");
        assertEquals(0, v3.code(), v3.err());
        assertTrue(Files.readString(g).startsWith("version = 3\n\n[plugins.\"io.containerd.cri.v1.runtime\""), Files.readString(g));
    }

    @Test
    void writesThroughASymlinkAndTheLinkStays() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real")).resolve("config.toml");
        Files.writeString(real, USER_FILE);
        Path link = Files.createSymbolicLink(dir.resolve("config.toml"), real);
        ConfigureCommandTest.Ran r = configure("--containerd-config", link.toString(), "--runtime", "y=/bin/true");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(real).contains("runtimes.y]"), Files.readString(real));
    }

    @Test
    void aDryRunTakesNoLockWritesNothingAndShowsTheRuntimeClass() throws Exception {
        Path f = userFile();
        ConfigureCommandTest.Ran r = configure("--containerd-config", f.toString(), "--runtime", "y=/bin/true", "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(dry run: nothing written)") && r.out().contains("handler: y"), r.out());
        assertEquals(List.of("config.toml"), names());
        assertEquals(USER_FILE, Files.readString(f));
    }

    /** 10 MB of comments and keys: edited with a short diff, the rest untouched. */
    @Test
    void aTenMegabyteFileIsEditedWithAShortDiff() throws Exception {
        Path f = dir.resolve("config.toml");
        StringBuilder sb = new StringBuilder(USER_FILE).append("[proxy_plugins]\n");
        for (int i = 0; i < 90_000; i++) {
            sb.append("  # host ").append(String.format("%06d", i)).append(' ').append("x".repeat(80)).append('\n');
        }
        String big = sb.toString();
        Files.writeString(f, big);
        assertTrue(Files.size(f) > 8_000_000);
        ConfigureCommandTest.Ran r = configure("--containerd-config", f.toString(), "--runtime", "y=/bin/true");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().count() < 40, r.out());
        String after = Files.readString(f);
        assertTrue(after.endsWith(big.substring(big.indexOf("  [plugins.\"io.containerd.internal"))), "the tail is untouched");
    }

    /** The file system is read-only (a tmpfs remounted so): exit 2, one line, the file as it was. Needs root to mount. */
    @Test
    void aReadOnlyFileSystemIsOneLineExitTwo() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path mnt = Files.createDirectory(dir.resolve("ro"));
        Assumptions.assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString()) == 0, "cannot mount here");
        try {
            Path f = mnt.resolve("config.toml");
            Files.writeString(f, USER_FILE);
            assertEquals(0, sh("mount", "-o", "remount,ro", mnt.toString()));
            ConfigureCommandTest.Ran r = configure("--containerd-config", f.toString(), "--runtime", "y=/bin/true");
            assertEquals(2, r.code(), r.out() + r.err());
            assertEquals(1, r.errLines().size(), r.err());
            assertTrue(r.err().contains("Read-only file system") && r.err().contains("the previous content is unchanged"),
                    r.err());
            assertEquals(USER_FILE, Files.readString(f));
        } finally {
            sh("umount", mnt.toString());
        }
    }

    private static int sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /** Two configure runs started together on one config.toml, 50 times: both edits survive every time. */
    @Test
    void fiftyConcurrentPairsOfConfigureRunsLoseNoEdit() throws Exception {
        Path f = userFile();
        List<String> lost = ConfigureCommandTest.lostEdits(50,
                name -> configure("--containerd-config", f.toString(), "--runtime", name + "=/bin/true"),
                () -> ContainerdConfig.parse(Files.readString(f), "t").runtimes().keySet(), "wrote " + f);
        assertEquals(List.of(), lost);
        assertEquals(101, ContainerdConfig.parse(Files.readString(f), "t").runtimes().size());
        assertTrue(Files.readString(f).contains("# ops team's gVisor"));
    }

    @Test
    void aNonExecutableModeIsWhatMakesThePathBad() throws Exception {
        Path bin = Files.createFile(dir.resolve("runc-copy"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path f = userFile();
        assertEquals(0, configure("--containerd-config", f.toString(), "--runtime", "y=" + bin).code());
    }
}
