package dev.rtbench.bench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.daemonjson.DaemonConfig;
import dev.rtbench.harness.daemonjson.DaemonJsonFile;
import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.runtime.Detection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code configure} without a daemon: the catalogue is faked, Docker's version fixed at 24.0.5. */
class ConfigureCommandTest {

    @TempDir
    Path dir;

    /** A user's file: a runtime of their own with arguments and a field Docker ignores, which rtbench must keep. */
    static final String USER_FILE = """
            {
                "debug": true,
                "runtimes": {
                    "gv": {
                        "path": "/bin/true",
                        "runtimeArgs": [
                            "--network=none",
                            "--debug-log=/tmp/runsc/%ID%/"
                        ],
                        "x-owner": "ops team"
                    }
                },
                "log-opts": {"max-size": "10m"}
            }
            """;

    record Ran(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    /** runsc-kvm is installed but cannot run here; every other catalogue runtime is at /bin/true. */
    static Detection fakeDetect(dev.rtbench.harness.runtime.RuntimeProfile p) {
        return p.name().equals("runsc-kvm")
                ? new Detection(true, "/bin/true", "runsc fake", "gVisor's KVM platform hangs on this host's nested KVM")
                : new Detection(true, "/bin/true", "fake", null);
    }

    static Ran configure(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ConfigureCommand(ConfigureCommandTest::fakeDetect, () -> "24.0.5").run(List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path userFile() throws Exception {
        Path f = dir.resolve("daemon.json");
        Files.writeString(f, USER_FILE);
        return f;
    }

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A bad command line and a piece of the one line it must get. */
    static Stream<Arguments> badInputs() {
        String sixtyFive = "r".repeat(65);
        return Stream.of(
                bad("nothing to do"),
                bad("not a recognized option", "--bogus"),
                bad("requires an argument", "--runtime"),
                bad("takes NAME=ARG", "--runtime-arg", "noequals"),
                bad("without a --runtime of that name", "--runtime-arg", "z=--x"),
                bad("has no such runtime", "--remove", "nope"),
                bad("has a space", "--runtime", "bad name=/bin/true"),
                bad("the character '/'", "--runtime", "a/b=/bin/true"),
                bad("starts with '-'", "--runtime=-x=/bin/true"),
                bad("names a folder", "--runtime", "..=/bin/true"),
                bad("65 characters long", "--runtime", sixtyFive + "=/bin/true"),
                bad("is not absolute", "--runtime", "y=bin/true"),
                bad("is not absolute", "--runtime", "y=true"),
                bad("empty path", "--runtime", "y="),
                bad("the character ';'", "--runtime", "y=/bin/true", "--runtime-arg", "y=--a;reboot"),
                bad("has a space", "--runtime", "y=/bin/true", "--runtime-arg", "y=--a b"),
                bad("the character '$'", "--runtime", "y=/bin/true", "--runtime-arg", "y=$(id)"),
                bad("empty runtimeArgs item", "--runtime", "y=/bin/true", "--runtime-arg", "y="),
                bad("is given twice", "--runtime", "y=/bin/true", "--runtime", "y=/bin/sh"),
                bad("contradict", "--runtime", "y=/bin/true", "--remove", "y"),
                bad("pass --replace", "--runtime", "gv=/bin/sh"),
                bad("pass --force", "--runtime", "runsc-kvm"),
                bad("reserved", "--runtime", "runc=/bin/true"),
                bad("unknown runtime \"nosuch\"", "--runtime", "nosuch"),
                bad("Kubernetes", "--runtime", "cri-o"),
                bad("/no/such/binary does not exist", "--runtime", "y=/no/such/binary"),
                bad("default-runtime \"nothere\" does not exist", "--default", "nothere"),
                bad("give it no edits", "--restore", "--runtime", "y=/bin/true"));
    }

    private static Arguments bad(String says, String... args) {
        return Arguments.of(List.of(args), says);
    }

    @ParameterizedTest
    @MethodSource("badInputs")
    void everyBadInputIsOneLineExitTwoAndChangesNothing(List<String> args, String says) throws Exception {
        Path f = userFile();
        List<String> all = new ArrayList<>(List.of("--daemon-json", f.toString()));
        all.addAll(args);
        Ran r = configure(all.toArray(String[]::new));
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals(1, r.errLines().size(), "one line:\n" + r.err());
        assertTrue(r.err().startsWith("configure: ") && r.err().contains(says), r.err());
        assertEquals("", r.out());
        assertEquals(USER_FILE, Files.readString(f));
        assertEquals(List.of("daemon.json"), names(), "no backup, no temp file, no lock: " + names());
    }

    @Test
    void aFileDockerWouldRefuseOrAMissingFileIsOneLineExitTwo() throws Exception {
        Path f = dir.resolve("daemon.json");
        Files.writeString(f, "{\n  \"debug\": true,\n}\n");
        Ran r = configure("--daemon-json", f.toString(), "--runtime", "y=/bin/true");
        assertEquals(2, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains(f + ":3:1"), r.err());
        assertEquals("{\n  \"debug\": true,\n}\n", Files.readString(f));

        Ran missing = configure("--daemon-json", dir.resolve("none.json").toString(), "--runtime", "y=/bin/true");
        assertEquals(2, missing.code());
        assertEquals(1, missing.errLines().size(), missing.err());
        assertFalse(Files.exists(dir.resolve("none.json")));
    }

    @Test
    void replaceNeedsTheFlagWarnsAndKeepsArgsAndUnknownFields() throws Exception {
        Path f = userFile();
        Ran refused = configure("--daemon-json", f.toString(), "--runtime", "gv=/bin/sh");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("already registered at " + f + ":4:9") && refused.err().contains("--replace"),
                refused.err());

        Ran r = configure("--daemon-json", f.toString(), "--runtime", "gv=/bin/sh", "--replace");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: replacing runtime \"gv\""), r.err());
        assertEquals(USER_FILE.replace("\"path\": \"/bin/true\"", "\"path\": \"/bin/sh\""), Files.readString(f),
                "only the path changed, byte for byte; runtimeArgs and x-owner kept");

        Ran args = configure("--daemon-json", f.toString(), "--runtime", "gv=/bin/sh", "--runtime-arg", "gv=--network=host",
                "--replace");
        assertEquals(0, args.code(), args.err());
        DaemonConfig now = DaemonConfig.load(f);
        assertEquals(RuntimeEntry.ofPath("/bin/sh", List.of("--network=host")), now.runtimes().get("gv"));
        assertTrue(Files.readString(f).contains("\"x-owner\": \"ops team\""));
    }

    @Test
    void theSameEntryAgainNeedsNoReplaceAndChangesNothing() throws Exception {
        Path f = userFile();
        Ran r = configure("--daemon-json", f.toString(), "--runtime", "gv=/bin/true");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(f + ": no change"), r.out());
        assertEquals(USER_FILE, Files.readString(f));
        assertEquals(List.of(), DaemonJsonFile.backups(f));
    }

    @Test
    void aRuntimeThatCannotRunHereNeedsForce() throws Exception {
        Path f = userFile();
        Ran refused = configure("--daemon-json", f.toString(), "--runtime", "runsc-kvm");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("cannot run on this host") && refused.err().contains("--force"), refused.err());

        Ran r = configure("--daemon-json", f.toString(), "--runtime", "runsc-kvm", "--force");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: registering runsc-kvm although it cannot run here"), r.err());
        assertEquals(RuntimeEntry.ofPath("/bin/true", List.of("--network=none", "--platform=kvm")),
                DaemonConfig.load(f).runtimes().get("runsc-kvm"));
    }

    @Test
    void reloadWithNoDaemonKeepsTheFileAndSaysSoWithoutARollback() throws Exception {
        Path f = userFile();
        Ran r = configure("--daemon-json", f.toString(), "--runtime", "crun", "--reload");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("nothing to reload; the file is kept and takes effect when the daemon next starts"), r.out());
        assertFalse((r.out() + r.err()).contains("rolled"), r.out() + r.err());
        assertTrue(DaemonConfig.load(f).runtimes().containsKey("crun"));
    }

    /** 10 MB, 90k lines: "file too large to diff" before, even with --dry-run. */
    @Test
    void aTenMegabyteFileIsEditedWithAShortDiff() throws Exception {
        Path f = dir.resolve("daemon.json");
        StringBuilder sb = new StringBuilder("{\n    \"labels\": [\n");
        for (int i = 0; i < 90_000; i++) {
            sb.append("        \"com.example.host-").append(String.format("%06d", i)).append('=').append("x".repeat(80))
                    .append(i < 89_999 ? "\",\n" : "\"\n");
        }
        String big = sb.append("    ]\n}\n").toString();
        Files.writeString(f, big);
        assertTrue(Files.size(f) > 10_000_000);

        Ran dry = configure("--daemon-json", f.toString(), "--runtime", "y=/bin/true", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().lines().count() < 20, dry.out());
        assertTrue(dry.out().contains("+    \"runtimes\": {"), dry.out());
        assertEquals(big, Files.readString(f));

        Ran r = configure("--daemon-json", f.toString(), "--runtime", "y=/bin/true");
        assertEquals(0, r.code(), r.err());
        String after = Files.readString(f);
        assertTrue(after.startsWith(big.substring(0, big.length() - 8)), "the 10 MB before the edit are untouched");
        assertEquals(RuntimeEntry.ofPath("/bin/true", List.of()), DaemonConfig.load(f).runtimes().get("y"));
    }

    @Test
    void createMakesTheFileAndItsFolderAndWithoutItAMissingFileIsNamed() throws Exception {
        Path f = dir.resolve("etc/docker/daemon.json");
        Ran missing = configure("--daemon-json", f.toString(), "--runtime", "y=/bin/true");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("does not exist"), missing.err());
        assertFalse(Files.exists(f.getParent()));

        Ran r = configure("--daemon-json", f.toString(), "--runtime", "y=/bin/true", "--create");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("wrote " + f + " (new file)"), r.out());
        assertEquals(RuntimeEntry.ofPath("/bin/true", List.of()), DaemonConfig.load(f).runtimes().get("y"));
    }

    @Test
    void aDryRunTakesNoLockAndWritesNothing() throws Exception {
        Path f = userFile();
        Ran r = configure("--daemon-json", f.toString(), "--runtime", "y=/bin/true", "--dry-run");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("daemon.json"), names());
    }

    /**
     * Two configure runs started together on one file, 50 times: both exit 0, both say "wrote", and the file
     * holds both runtimes every time (before the lock, most pairs kept only one).
     */
    @Test
    void fiftyConcurrentPairsOfConfigureRunsLoseNoEdit() throws Exception {
        Path f = userFile();
        List<String> lost = lostEdits(50, name -> configure("--daemon-json", f.toString(), "--runtime", name + "=/bin/true"),
                () -> DaemonConfig.load(f).runtimes().keySet(), "wrote " + f);
        assertEquals(List.of(), lost);
        assertEquals(101, DaemonConfig.load(f).runtimes().size());
        assertTrue(Files.readString(f).contains("\"x-owner\": \"ops team\""));
    }

    /**
     * Runs {@code edit} for "aN" and "bN" at the same moment, {@code pairs} times, and lists the pairs whose two names
     * are not both in {@code names()} afterwards; every run must exit 0 and print {@code says}.
     */
    static List<String> lostEdits(int pairs, java.util.function.Function<String, Ran> edit,
            java.util.concurrent.Callable<java.util.Set<String>> names, String says) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> lost = new ArrayList<>();
        try {
            for (int pair = 0; pair < pairs; pair++) {
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Ran>> runs = new ArrayList<>();
                for (String name : List.of("a" + pair, "b" + pair)) {
                    runs.add(pool.submit(() -> {
                        together.await();
                        return edit.apply(name);
                    }));
                }
                for (Future<Ran> run : runs) {
                    Ran r = run.get(60, TimeUnit.SECONDS);
                    assertEquals(0, r.code(), r.err());
                    assertTrue(r.out().contains(says), r.out());
                }
                var now = names.call();
                if (!now.contains("a" + pair) || !now.contains("b" + pair)) {
                    lost.add("pair " + pair + ": " + now);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return lost;
    }
}
