package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.Ran;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The jar run as on a Kubernetes node with no Docker engine: in a mount namespace of its own where every
 * {@code dockerd} and {@code docker} binary is covered by {@code /dev/null} (not a regular file, not executable:
 * nothing finds them and nothing can run them, so no dockerd can start). The rest of the machine is as it is.
 */
final class WithoutDocker {

    /** Where Debian's, Docker's and hand-made installs put the engine and its client. */
    private static final List<String> DOCKER_BINARIES = List.of("/usr/sbin/dockerd", "/usr/bin/dockerd",
            "/usr/local/sbin/dockerd", "/usr/local/bin/dockerd", "/usr/bin/docker", "/usr/local/bin/docker");

    private WithoutDocker() {}

    /** {@code java -jar benchmarks.jar ARGS} there; both streams in {@link Ran#out()}. */
    static Ran jar(String... args) throws IOException, InterruptedException {
        Path jar = Path.of("target", "benchmarks.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "build the jar first (mvn package): " + jar);
        StringBuilder script = new StringBuilder("set -e\n");
        for (String b : DOCKER_BINARIES) {
            if (Files.exists(Path.of(b))) {
                script.append("mount --bind /dev/null ").append(b).append('\n');
            }
        }
        // the proof that the namespace hides them: the shell finds neither (exit 97 says it did)
        script.append("if command -v dockerd >/dev/null || command -v docker >/dev/null; then"
                + " echo 'a Docker binary is still found'; exit 97; fi\n");
        script.append("exec java -jar \"$0\" \"$@\"\n");
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                script.toString(), jar.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), printed);
        return new Ran(p.exitValue(), printed, "");
    }
}
