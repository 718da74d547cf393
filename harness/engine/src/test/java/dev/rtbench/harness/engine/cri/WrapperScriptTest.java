package dev.rtbench.harness.engine.cri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.io.Subprocess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler wrapper script, run by the shell against a stand-in runtime that prints what it was given. */
class WrapperScriptTest {

    private static Path script(Path dir, CriHandler h) throws IOException {
        Path s = dir.resolve("wrapper");
        Files.writeString(s, HandlerWrapper.script(h, dir));
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
        return s;
    }

    /** A runtime that prints its arguments; its kill says what gVisor says of a sandbox that has gone. */
    private static Path fakeRuntime(Path dir) throws IOException {
        Path r = dir.resolve("fake runsc");
        Files.writeString(r, "#!/bin/sh\necho \"args: $*\"\n"
                + "for a in \"$@\"; do [ \"$a\" = kill ] && { echo 'sandbox is not running' >&2; exit 128; }; done\n"
                + "exit 0\n");
        Files.setPosixFilePermissions(r, PosixFilePermissions.fromString("rwx------"));
        return r;
    }

    private static Subprocess.Result run(Path script, String... args) {
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        return Subprocess.run(cmd, Duration.ofSeconds(10));
    }

    @Test
    void passesTheRuntimeArgumentsFirst(@TempDir Path dir) throws IOException {
        Path s = script(dir, CriHandler.gvisor("runsc", fakeRuntime(dir).toString(), List.of("--network=none", "it's")));
        Subprocess.Result r = run(s, "--root", "/x", "state", "abc");
        assertEquals(0, r.exitCode(), r.combined());
        assertEquals("args: --network=none it's --root /x state abc\n", r.stdout());
    }

    @Test
    void hidesThePodFromTheRuntimeAtCreate(@TempDir Path dir) throws IOException {
        Path s = script(dir, CriHandler.gvisor("runsc", fakeRuntime(dir).toString(), List.of()));
        Path bundle = Files.createDirectory(dir.resolve("bundle"));
        String spec = "{\"annotations\":{\"io.kubernetes.cri.container-type\":\"container\","
                + "\"io.kubernetes.cri.sandbox-id\":\"abc\",\"io.kubernetes.cri.container-name\":\"c1\"}}";
        Files.writeString(bundle.resolve("config.json"), spec);
        assertEquals(0, run(s, "--root", "/x", "create", "--bundle", bundle.toString(), "id").exitCode());
        String after = Files.readString(bundle.resolve("config.json"));
        assertEquals("{\"annotations\":{\"rtbench.hidden.container-type\":\"container\","
                + "\"rtbench.hidden.sandbox-id\":\"abc\",\"io.kubernetes.cri.container-name\":\"c1\"}}", after);
    }

    @Test
    void leavesThePodVisibleForRuntimesThatShareASandboxRightly(@TempDir Path dir) throws IOException {
        Path s = script(dir, CriHandler.runcShim("crun", fakeRuntime(dir).toString(), List.of("--debug")));
        Path bundle = Files.createDirectory(dir.resolve("bundle"));
        String spec = "{\"annotations\":{\"io.kubernetes.cri.container-type\":\"container\"}}";
        Files.writeString(bundle.resolve("config.json"), spec);
        assertEquals(0, run(s, "create", "--bundle=" + bundle, "id").exitCode());
        assertEquals(spec, Files.readString(bundle.resolve("config.json")));
    }

    @Test
    void aKillOfAGoneSandboxSaysItInRuncsWords(@TempDir Path dir) throws IOException {
        Path s = script(dir, CriHandler.gvisor("runsc", fakeRuntime(dir).toString(), List.of()));
        Subprocess.Result r = run(s, "--root", "/x", "kill", "id", "9");
        assertEquals(128, r.exitCode());
        assertTrue(r.stderr().contains("sandbox is not running") && r.stderr().contains("container not running"),
                r.stderr());
        // start's output goes through a file that is removed afterwards
        Subprocess.Result started = run(s, "start", "id");
        assertEquals(0, started.exitCode());
        assertEquals("", started.stdout());
        assertTrue(started.stderr().contains("args: start id"), started.stderr());
        try (var left = Files.list(dir)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith("out.")));
        }
    }
}
