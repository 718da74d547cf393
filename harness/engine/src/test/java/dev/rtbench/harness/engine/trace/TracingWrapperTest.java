package dev.rtbench.harness.engine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.harness.results.TimelineEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracingWrapperTest {

    @TempDir
    Path dir;

    /** A stand-in runtime that takes 0.2 s, prints its arguments and exits 3. */
    private Path fakeRuntime() throws Exception {
        Path rt = dir.resolve("fake runtime");
        Files.writeString(rt, "#!/bin/sh\nsleep 0.2\necho \"$@\"\nexit 3\n");
        Files.setPosixFilePermissions(rt, PosixFilePermissions.fromString("rwxr-xr-x"));
        return rt;
    }

    private Process run(Path wrapper, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(wrapper.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return p;
    }

    @Test
    void theWrapperRunsTheRuntimeWithItsArgumentsAndLogsTheVerbItsTimesAndExitCode() throws Exception {
        Path log = dir.resolve("verbs.log");
        Path wrapper = TracingWrapper.install(dir.resolve("bin"), "runc", fakeRuntime(), log);
        long before = System.currentTimeMillis() * 1000;
        Process p = run(wrapper, "--root", "/run/x", "--log", "/tmp/log.json", "--log-format", "json", "create",
                "--bundle", "/b", "id1");
        long after = System.currentTimeMillis() * 1000;
        assertEquals(3, p.exitValue(), "the runtime's exit code passes through");
        assertEquals("--root /run/x --log /tmp/log.json --log-format json create --bundle /b id1",
                new String(p.getInputStream().readAllBytes()).strip(), "the runtime gets every argument as given");
        List<TimelineEvent> events = new VerbLog(log).between(before, after);
        assertEquals(1, events.size(), Files.readString(log));
        TimelineEvent e = events.get(0);
        assertEquals("create", e.name());
        assertEquals(TimelineEvent.OCI, e.source());
        double ms = (e.endMicros() - e.beginMicros()) / 1000.0;
        assertTrue(ms >= 200, "the runtime's 0.2 s lie between begin and end: " + ms);
        assertTrue(e.beginMicros() >= before - 1000 && e.endMicros() <= after + 1000, e.toString());
        assertTrue(Files.readString(log).strip().endsWith("create 3"), Files.readString(log));
    }

    @Test
    void aCniWrapperPassesConfigAndAnswerThroughAndLogsTheCommandFromTheEnvironment() throws Exception {
        // a stand-in plugin: answers with its stdin and its command, as a plugin answers with a result
        Path plugin = dir.resolve("bridge");
        Files.writeString(plugin, "#!/bin/sh\necho \"$CNI_COMMAND $(cat)\"\nexit 0\n");
        Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = dir.resolve("verbs.log");
        Path wrapper = TracingWrapper.installCni(dir.resolve("cni"), "bridge", plugin, log);
        ProcessBuilder pb = new ProcessBuilder(wrapper.toString());
        pb.environment().put("CNI_COMMAND", "ADD");
        Process p = pb.start();
        p.getOutputStream().write("{\"cniVersion\":\"0.4.0\"}".getBytes());
        p.getOutputStream().close();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals("ADD {\"cniVersion\":\"0.4.0\"}", new String(p.getInputStream().readAllBytes()).strip());
        List<TimelineEvent> events = new VerbLog(log).between(0, Long.MAX_VALUE);
        assertEquals(1, events.size(), Files.readString(log));
        assertEquals("ADD bridge", events.get(0).name());
        assertEquals(TimelineEvent.CNI, events.get(0).source());
    }

    @Test
    void aCallWithoutAVerbIsLoggedAsADash() throws Exception {
        Path log = dir.resolve("verbs.log");
        Path wrapper = TracingWrapper.install(dir.resolve("bin"), "runsc", fakeRuntime(), log);
        run(wrapper, "--version");
        assertTrue(Files.readString(log).strip().endsWith(" - 3"), Files.readString(log));
    }
}
