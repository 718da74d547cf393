package dev.rtbench.bench.jmh;

import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.DockerEngine;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeKind;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a JMH fork needs to reach the run's daemon, read from system properties that {@code run} passes to every
 * fork. Running a benchmark by hand through {@code jmh} works too: set the same properties with {@code -jvmArgs}.
 */
public final class ForkContext implements AutoCloseable {

    public static final String DOCKER_HOST = "rtbench.dockerHost";
    public static final String IMAGE = "rtbench.image";
    public static final String RUN_ID = "rtbench.runId";
    public static final String SCALE = "rtbench.scale";
    public static final String LOG = "rtbench.invocationLog";
    public static final String TIMEOUT = "rtbench.timeoutSeconds";
    /** The interpreter of the workload scripts: ours in a user's image, whose /bin/sh may be another shell. */
    public static final String SHELL = "rtbench.shell";
    /** name:KIND pairs, comma separated, for runtimes outside the catalogue (e.g. {@code gv2:GVISOR}). */
    public static final String KINDS = "rtbench.runtimeKinds";

    /** The label every container of a run carries, so a sweep finds leftovers. */
    public static final String RUN_LABEL = "dev.rtbench.run";
    public static final String WORKLOAD_LABEL = "dev.rtbench.workload";

    /** Identical limits for every runtime. */
    public static final long MEMORY_BYTES = 1L << 30;
    public static final long PIDS_LIMIT = 4096;

    final DockerEngine engine;
    final RuntimeVerifier verifier;
    final String image;
    final String runId;
    final double scale;
    final Duration timeout;
    final Path log;
    final String shell;
    private final Map<String, RuntimeKind> kinds = new HashMap<>();

    private ForkContext() {
        String host = required(DOCKER_HOST);
        this.image = required(IMAGE);
        this.runId = System.getProperty(RUN_ID, "adhoc");
        this.scale = Double.parseDouble(System.getProperty(SCALE, "1.0"));
        this.timeout = Duration.ofSeconds(Long.parseLong(System.getProperty(TIMEOUT, "120")));
        this.log = Path.of(required(LOG));
        this.shell = System.getProperty(SHELL, "/bin/sh");
        this.engine = DockerEngine.connect(host, timeout);
        this.verifier = new RuntimeVerifier(engine, RuntimeVerifier.hostKernel());
        for (String pair : System.getProperty(KINDS, "").split(",")) {
            int i = pair.lastIndexOf(':');
            if (i > 0) {
                kinds.put(pair.substring(0, i), RuntimeKind.valueOf(pair.substring(i + 1)));
            }
        }
    }

    static ForkContext open() {
        return new ForkContext();
    }

    /** The profile that says how a container under {@code runtime} proves itself. */
    RuntimeProfile profile(String runtime) {
        RuntimeKind k = kinds.get(runtime);
        if (k != null) {
            return new RuntimeProfile(runtime, k, runtime, List.of(), List.of(), null, false, null);
        }
        return RuntimeCatalogue.byName(runtime);
    }

    ContainerSpec spec(String runtime, String workload, List<String> command) {
        return new ContainerSpec(image, command, runtime,
                Map.of(RUN_LABEL, runId, WORKLOAD_LABEL, workload), MEMORY_BYTES, 0, PIDS_LIMIT);
    }

    /** A workload's command with its script interpreter set to this run's shell. */
    List<String> withShell(List<String> command) {
        if (!command.isEmpty() && command.get(0).equals("/bin/sh") && !shell.equals("/bin/sh")) {
            List<String> c = new java.util.ArrayList<>(command);
            c.set(0, shell);
            return List.copyOf(c);
        }
        return command;
    }

    void record(InvocationRecord r) {
        InvocationLog.append(log, r);
    }

    private static String required(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + key + " is not set: run benchmarks through"
                    + " `java -jar benchmarks.jar run`, or pass -jvmArgs -D" + key + "=... to `jmh`");
        }
        return v;
    }

    @Override
    public void close() {
        engine.close();
    }
}
