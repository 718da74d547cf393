package dev.rtbench.harness.engine;

import dev.rtbench.harness.runtime.Proof;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Checks that containers ran under the runtime they were meant for: the daemon's record of each container, and
 * the container's own view of its kernel. A name in daemon.json can point anywhere, so the name alone proves
 * nothing.
 */
public final class RuntimeVerifier {
    private final ContainerDriver driver;
    private final String hostKernel;

    public RuntimeVerifier(ContainerDriver driver, String hostKernel) {
        this.driver = driver;
        this.hostKernel = hostKernel;
    }

    /** The host's kernel release, as a container under runc would report it. */
    public static String hostKernel() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return System.getProperty("os.version");
        }
    }

    /** Checks a container by the daemon's record only (for containers that cannot be asked, e.g. exited). */
    public Verification daemonRecord(String containerId, String intended) {
        return new Verification(intended, driver.runtimeOf(containerId), null);
    }

    /** Checks a running container: the daemon's record, and the proof command run inside it. */
    public Verification running(String containerId, RuntimeProfile intended, Duration timeout) {
        String daemon = driver.runtimeOf(containerId);
        ExecResult r = driver.exec(containerId, RuntimeProfile.PROOF_COMMAND, timeout);
        return new Verification(intended.name(), daemon, intended.judge(r.stdout(), hostKernel));
    }

    /**
     * Runs the proof command in a fresh container under {@code intended}, with everything else as in
     * {@code base}, and removes it whatever happens. A runtime that cannot start a container throws with the
     * reason; one that hangs throws {@link EngineTimeoutException}; its leftover processes are ended.
     */
    public Verification probe(RuntimeProfile intended, ContainerSpec base) {
        ContainerSpec spec = base.withRuntime(intended.name()).withCommand(RuntimeProfile.PROOF_COMMAND);
        String id = null;
        try {
            id = driver.create(spec);
            driver.start(id);
            int code = driver.waitExit(id);
            ExecResult out = driver.logs(id);
            if (code != 0) {
                throw new EngineException("the proof container under " + intended.name() + " exited with " + code
                        + ": " + (out.stderr() + out.stdout()).strip());
            }
            Proof proof = intended.judge(out.stdout(), hostKernel);
            return new Verification(intended.name(), driver.runtimeOf(id), proof);
        } finally {
            cleanUp(id);
        }
    }

    private void cleanUp(String id) {
        if (id != null) {
            driver.discard(id);
        }
    }
}
