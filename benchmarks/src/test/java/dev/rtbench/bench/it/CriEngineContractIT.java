package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.run.WorkloadImages;
import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ContainerDriverContract;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.cri.CriEngine;
import dev.rtbench.harness.engine.cri.CriHandler;
import dev.rtbench.harness.engine.cri.ImageArchive;
import dev.rtbench.harness.engine.cri.ManagedContainerd;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * {@link CriEngine} keeps the {@link ContainerDriver} contract, against a managed containerd with runc and gVisor
 * handlers (this class runs the contract under runc, {@link CriEngineGvisorContractIT} under gVisor),
 * running the workload image as rtbench writes it for a CRI server (no registry anywhere, no Docker engine): the
 * path a run through the CRI takes.
 */
@Tag("docker")
class CriEngineContractIT extends ContainerDriverContract {
    private static ManagedContainerd containerd;
    private static CriEngine engine;
    private static String image;

    @BeforeAll
    static void start() throws IOException {
        Path archive = Files.createTempFile("rtbench-workload-", ".tar");
        image = WorkloadImages.writeArchive(archive);
        try {
            List<CriHandler> handlers = java.util.stream.Stream.of("runc", "runsc").map(RuntimeCatalogue::byName)
                    .map(p -> CriHandler.forProfile(p, p.detect().path())).toList();
            ImageArchive pause = ImageArchive.sandbox(Path.of("/bin/busybox"));
            containerd = ManagedContainerd.start(handlers, pause, Duration.ofSeconds(60));
            containerd.importImage(archive, image);
        } finally {
            Files.deleteIfExists(archive);
        }
        engine = CriEngine.connect(containerd.endpoint(), Duration.ofSeconds(60));
        assertTrue(engine.hasImage(image), image);
    }

    @AfterAll
    static void stop() {
        try {
            if (engine != null) {
                engine.sweep(LABEL, null);
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
            if (containerd != null) {
                containerd.close();
            }
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
