package dev.rtbench.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A network workload's script starts its server, runs its client and stops its server in one exec: whatever the
 * client does, the script ends with the client's exit status and no server left running, since the next sample (any
 * workload's) shares the container. Run here with the host's busybox and stand-ins for the server and the client (no
 * container: the point is the scripts' logic): each stand-in server is a {@code sleep} whose pid it writes where the
 * real one would.
 */
class ServerScriptsTest {

    /** Each script with its client mode and its server's pid file. */
    private static final Map<String, List<String>> SCRIPTS = Map.of(
            "iperf3", List.of("client", "rtbench-iperf3.pid"),
            "redis", List.of("benchmark", "rtbench-redis.pid"),
            "nginx", List.of("wrk", "rtbench-nginx.pid"));

    @ParameterizedTest
    @CsvSource({"iperf3, 0", "iperf3, 3", "redis, 0", "redis, 3", "nginx, 0", "nginx, 3"})
    void theServerIsStoppedAndTheClientsStatusKept(String script, int clientExit, @TempDir Path dir)
            throws Exception {
        assumeTrue(Files.isExecutable(WorkloadImage.HOST_BUSYBOX), "no /bin/busybox on this machine");
        Path tmp = Files.createDirectories(dir.resolve("var-tmp"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        HostScripts.applets(bin, List.of("grep", "cat", "rm", "sleep", "mkdir", "echo"));
        // the scripts' "sh -c" checks run bash: busybox sh would run its own netstat before the stand-in
        Files.createSymbolicLink(bin.resolve("sh"), Path.of("/bin/bash"));
        Path servers = dir.resolve("servers");
        Path pidfile = tmp.resolve(SCRIPTS.get(script).get(1));
        // a server: a sleep in the background, its pid where the real server writes its own
        String server = "sleep 60 </dev/null >/dev/null 2>&1 &\necho $! > " + pidfile + "\necho $! >> " + servers + "\n";
        String client = "echo client ran\nexit " + clientExit + "\n";
        HostScripts.standIn(bin, "netstat", "echo 'tcp 0 0 127.0.0.1:5201 0.0.0.0:* LISTEN'\n"
                + "echo 'tcp 0 0 127.0.0.1:8080 0.0.0.0:* LISTEN'\n");
        HostScripts.standIn(bin, "nginx", server);
        HostScripts.standIn(bin, "wrk", client);
        HostScripts.standIn(bin, "iperf3", "case \" $* \" in\n*' -s '*)\n" + server + ";;\n*)\n" + client + ";;\nesac\n");
        HostScripts.standIn(bin, "redis-server", server);
        HostScripts.standIn(bin, "redis-benchmark", client);
        // ping answers once the server runs; shutdown fails, as with no server, and the script stops it by its pid
        HostScripts.standIn(bin, "redis-cli", "case \" $* \" in *' ping '*) [ -s " + pidfile + " ] && echo PONG ;; *) exit 1 ;;"
                + " esac\n");
        Path file = HostScripts.copy(dir, script, text -> text.replace("/var/tmp", tmp.toString()));
        // bash, not busybox sh: busybox sh runs its own applets before any on PATH, which would skip the stand-ins
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", file.toString(), SCRIPTS.get(script).get(0), "1")
                .redirectErrorStream(true);
        pb.environment().put("PATH", bin.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), script + " did not end: " + out);
        assertEquals(clientExit, p.exitValue(), script + ": " + out);
        assertTrue(out.contains("client ran"), out);
        assertFalse(Files.exists(pidfile), "the server's pid file is left: " + out);
        try (var left = Files.list(tmp)) {
            assertEquals(List.of(), left.map(Path::getFileName).map(Path::toString).toList(), "left behind");
        }
        // the server itself is gone
        List<String> started = Files.readAllLines(servers);
        assertEquals(1, started.size(), "servers started: " + started);
        long pid = Long.parseLong(started.get(0).strip());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "server " + pid + " still runs");
    }
}
