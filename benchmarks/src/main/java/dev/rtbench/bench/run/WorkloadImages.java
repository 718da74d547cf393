package dev.rtbench.bench.run;

import dev.rtbench.harness.engine.DockerEngine;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.workloads.WorkloadImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Makes sure the image the workloads run in is in the daemon. */
public final class WorkloadImages {
    private WorkloadImages() {}

    /**
     * The user's image (pulled when absent), or ours: a rootfs of the host's static busybox and the workload
     * scripts, imported once per content hash, with no registry needed.
     */
    public static String ensure(DockerEngine engine, String userImage, PrintStream out) {
        if (userImage != null) {
            if (!engine.hasImage(userImage)) {
                out.println("pulling " + userImage + " ...");
                engine.pullImage(userImage, Duration.ofMinutes(5));
            }
            return userImage;
        }
        WorkloadImage img = WorkloadImage.fromHost();
        String tag = img.tag();
        if (engine.hasImage(tag)) {
            return tag;
        }
        int colon = tag.lastIndexOf(':');
        try {
            Path tar = Files.createTempFile("rtbench-rootfs-", ".tar");
            try {
                try (OutputStream o = Files.newOutputStream(tar)) {
                    img.writeRootfsTar(o);
                }
                try (InputStream in = new java.io.ByteArrayInputStream(Files.readAllBytes(tar))) {
                    engine.importImage(in, tag.substring(0, colon), tag.substring(colon + 1), img.labels());
                }
            } finally {
                Files.deleteIfExists(tar);
            }
        } catch (IOException e) {
            throw new EngineException("cannot build the workload image: " + e.getMessage(), e);
        }
        return tag;
    }
}
