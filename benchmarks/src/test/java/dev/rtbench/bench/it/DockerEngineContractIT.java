package dev.rtbench.bench.it;

import dev.rtbench.bench.run.WorkloadImages;
import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ContainerDriverContract;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.docker.ManagedDaemon;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** {@link DockerEngine} keeps the {@link ContainerDriver} contract, against a private dockerd with runc. */
@Tag("docker")
class DockerEngineContractIT extends ContainerDriverContract {
    private static ManagedDaemon daemon;
    private static DockerEngine engine;
    private static String image;

    @BeforeAll
    static void start() {
        daemon = ManagedDaemon.start(Map.of(), Duration.ofSeconds(60));
        engine = DockerEngine.connect(daemon.host(), Duration.ofSeconds(60));
        image = WorkloadImages.ensure(engine, null, new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.sweep(LABEL, null);
            engine.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Override
    protected ContainerDriver driver() {
        return engine;
    }

    @Override
    protected ContainerDriver impatient(Duration timeout) {
        return engine.withCallTimeout(timeout);
    }

    @Override
    protected ContainerSpec spec(String runtime, List<String> command, Map<String, String> labels) {
        return new ContainerSpec(image, command, runtime, labels, 512L << 20, 0, 1024);
    }
}
