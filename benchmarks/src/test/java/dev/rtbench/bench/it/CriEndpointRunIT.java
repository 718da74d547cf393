package dev.rtbench.bench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rtbench.bench.Ran;
import dev.rtbench.harness.engine.cri.CriEngine;
import dev.rtbench.harness.engine.cri.CriHandler;
import dev.rtbench.harness.engine.cri.ImageArchive;
import dev.rtbench.harness.engine.cri.ManagedContainerd;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.workloads.WorkloadImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --engine cri --cri-endpoint}: a CRI server rtbench did not start (here a containerd the test starts,
 * standing in for a cluster node's) is measured as it is, with no Docker engine: a missing workload image stops the
 * run before measuring, with the image written as an archive and the command that puts it there, and once it is
 * there the run measures through it and leaves the server running, with its images and no pod of rtbench's.
 */
@Tag("docker")
class CriEndpointRunIT {

    @Test
    void aRunningServerIsMeasuredAndLeftAsItWas(@TempDir Path out) throws Exception {
        List<CriHandler> handlers = Stream.of("runc", "runsc").map(RuntimeCatalogue::byName)
                .map(p -> CriHandler.forProfile(p, p.detect().path())).toList();
        ImageArchive pause = ImageArchive.busybox(WorkloadImage.HOST_BUSYBOX, "rtbench/node-pause",
                List.of("/bin/sleep", "2147483647"));
        try (ManagedContainerd node = ManagedContainerd.start(handlers, pause, Duration.ofSeconds(60))) {
            String endpoint = "unix://" + node.endpoint().socket();

            // on a node without a Docker engine (WithoutDocker), as most Kubernetes nodes are
            Ran noImage = WithoutDocker.jar("run", "--engine", "cri", "--cri-endpoint", endpoint, "--runtimes", "runc",
                    "--workloads", "start", "--profile", "smoke", "--out", out.resolve("no-image").toString());
            String text = noImage.out();
            assertEquals(1, noImage.code(), text);
            WorkloadImage img = WorkloadImage.fromHost();
            assertTrue(text.contains("has no image " + img.tag()), text);
            // what the message says to do, done as it says (ctr, on the server's socket): rtbench wrote the image
            java.util.regex.Matcher how = java.util.regex.Pattern.compile("`ctr -n k8s.io images import (\\S+)`")
                    .matcher(text);
            assertTrue(how.find(), text);
            node.importImage(Path.of(how.group(1)), img.tag());

            Path run = out.resolve("run");
            Ran measured = WithoutDocker.jar("run", "--engine", "cri", "--cri-endpoint", endpoint, "--runtimes",
                    "runc,runsc", "--workloads", CriOnlyNodeIT.WORKLOADS, "--profile", "smoke", "--rounds", "1",
                    "--out", run.toString());
            assertEquals(0, measured.code(), measured.out());
            RunResults r = ResultsJson.read(run);
            assertEquals("runc@cri", r.config().baseline());
            CriOnlyNodeIT.assertEverySampleVerified(r, CriOnlyNodeIT.WORKLOADS);
            CriOnlyNodeIT.assertNoDockerEngine(r);
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("a running server") && n.contains(endpoint)),
                    r.notes().toString());
            // pods in the server's pod network where it has one, as a kubelet's; in the node's when asked
            String network = node.network().isPresent() ? "each pod in the server's pod network"
                    : "the server has no pod network ready";
            assertTrue(r.notes().stream().anyMatch(n -> n.contains(network)), r.notes().toString());
            Path hostNetwork = out.resolve("host-network");
            Ran nodeNetwork = WithoutDocker.jar("run", "--engine", "cri", "--cri-endpoint", endpoint, "--pod-network",
                    "node", "--runtimes", "runc", "--workloads", "pod-sandbox-start", "--profile", "smoke", "--out",
                    hostNetwork.toString());
            assertEquals(0, nodeNetwork.code(), nodeNetwork.out());
            RunResults h = ResultsJson.read(hostNetwork);
            assertTrue(h.samples().stream().allMatch(Sample::ok), h.samples().toString());
            assertTrue(h.notes().stream().anyMatch(n -> n.contains("pods share the node's network namespace, as"
                    + " hostNetwork pods do (--pod-network node)")), h.notes().toString());

            // left as it was: still serving, its images kept, no pod or container of rtbench's
            assertTrue(node.isAlive());
            try (CriEngine look = CriEngine.connect(node.endpoint(), Duration.ofSeconds(10))) {
                assertTrue(look.runtimeReady(), look.conditions().toString());
                assertTrue(look.hasImage(img.tag()) && look.hasImage(node.sandboxImage()));
                assertEquals(List.of(), look.podsLabelled(CriEngine.OWNER_LABEL, null));
                assertEquals(List.of(), look.containersLabelled(CriEngine.OWNER_LABEL, null));
            }
        }
    }
}
