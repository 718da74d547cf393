package dev.rtbench.bench.it;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.Main;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.docker.ManagedDaemon;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --docker-host} against a daemon that is not rtbench's own (it must survive the run, with no
 * container of the run left in it), and {@code --image} with an image of the user's that has none of the
 * workload tools: the workloads are layered onto it and run there.
 */
@Tag("docker")
class SystemDaemonIT {

    /** A "user's image": a shell and a handful of commands, no dd, httpd or sha256sum, an os-release of its own. */
    private static byte[] userRootfs() throws Exception {
        var out = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(out)) {
            dir(tar, "bin/");
            byte[] busybox = Files.readAllBytes(Path.of("/bin/busybox"));
            var bb = new TarArchiveEntry("bin/busybox");
            bb.setMode(0755);
            bb.setSize(busybox.length);
            tar.putArchiveEntry(bb);
            tar.write(busybox);
            tar.closeArchiveEntry();
            for (String applet : List.of("sh", "true", "echo", "sleep")) {
                var link = new TarArchiveEntry("bin/" + applet, TarConstants.LF_SYMLINK);
                link.setLinkName("busybox");
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            dir(tar, "etc/");
            byte[] osRelease = "ID=rtbench-test-user-image\n".getBytes(StandardCharsets.UTF_8);
            var os = new TarArchiveEntry("etc/os-release");
            os.setSize(osRelease.length);
            tar.putArchiveEntry(os);
            tar.write(osRelease);
            tar.closeArchiveEntry();
            for (String d : List.of("proc/", "sys/", "dev/", "tmp/", "var/", "var/tmp/")) {
                dir(tar, d);
            }
        }
        return out.toByteArray();
    }

    private static void dir(TarArchiveOutputStream tar, String name) throws Exception {
        var e = new TarArchiveEntry(name, TarConstants.LF_DIR);
        e.setMode(name.contains("tmp") ? 01777 : 0755);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    @Test
    void runsInAUsersImageOnAUsersDaemonAndLeavesTheDaemonAsItWas(@TempDir Path out) throws Exception {
        try (ManagedDaemon users = ManagedDaemon.start(
                Map.of("runsc", RuntimeEntry.ofPath("/usr/bin/runsc", List.of("--network=none"))),
                Duration.ofSeconds(60));
                DockerEngine engine = DockerEngine.connect(users.host(), Duration.ofSeconds(30))) {
            engine.images().importTar(new ByteArrayInputStream(userRootfs()), "user/minimal", "1", Map.of());
            var printed = new ByteArrayOutputStream();
            int code = Main.run(List.of("run", "--docker-host", users.host(), "--image", "user/minimal:1",
                    "--runtimes", "runc,runsc", "--workloads", "run,syscall,process,files-small", "--profile", "smoke",
                    "--out", out.toString()),
                    new PrintStream(printed, true, StandardCharsets.UTF_8), new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertEquals(0, code, printed.toString(StandardCharsets.UTF_8));

            RunResults r = ResultsJson.read(out);
            assertEquals("system", r.environment().daemonMode());
            for (String rt : List.of("runc", "runsc")) {
                for (String w : List.of("run", "syscall", "process", "files-small")) {
                    List<Sample> s = r.samples().stream().filter(x -> x.runtime().equals(rt) && x.workload().equals(w)).toList();
                    assertTrue(!s.isEmpty() && s.stream().allMatch(x -> x.ok() && rt.equals(x.verifiedRuntime())),
                            w + " under " + rt + ": " + s);
                }
            }
            assertTrue(r.config().image().startsWith("rtbench/workload-on:"), r.config().image());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("user/minimal:1")), r.notes().toString());
            // the workloads ran on the user's filesystem
            assertEquals("user/minimal:1", engine.images().labels(r.config().image()).get("dev.rtbench.workload.base-image"));

            // the user's daemon is still there, and nothing of the run is left in it
            assertTrue(users.isAlive() && engine.ping());
            assertEquals(List.of(), engine.containersLabelled("dev.rtbench.run", r.runId()));
        }
    }

    @Test
    void aRuntimeTheUsersDaemonDoesNotHaveIsAClearError(@TempDir Path out) throws Exception {
        try (ManagedDaemon users = ManagedDaemon.start(Map.of(), Duration.ofSeconds(60))) {
            var err = new ByteArrayOutputStream();
            int code = Main.run(List.of("run", "--docker-host", users.host(), "--runtimes", "runc,runsc",
                    "--profile", "smoke", "--out", out.toString()),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            String msg = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, code, msg);
            assertTrue(msg.contains("runsc") && msg.contains("not registered") && msg.contains("configure"), msg);
        }
    }
}
