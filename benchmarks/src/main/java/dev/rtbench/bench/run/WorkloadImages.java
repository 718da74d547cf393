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
     * The image to run and the shell its workload scripts run under.
     *
     * @param reference what containers are created from
     * @param userImage the user's image it was layered onto, or null for ours
     * @param shell     the interpreter of the workload scripts
     */
    public record Prepared(String reference, String userImage, String shell) {}

    /** {@link #prepare} for our own image: its reference. */
    public static String ensure(DockerEngine engine, String userImage, PrintStream out) {
        return prepare(engine, userImage, out).reference();
    }

    /**
     * Ours: a rootfs of the host's static busybox and the workload scripts, imported once per content hash with
     * no registry needed. Or the user's (pulled when absent), with the workload scripts and our busybox tools
     * layered on top, so that the same commands run on the user's filesystem.
     */
    public static Prepared prepare(DockerEngine engine, String userImage, PrintStream out) {
        WorkloadImage img = WorkloadImage.fromHost();
        if (userImage != null) {
            if (!engine.images().has(userImage)) {
                out.println("pulling " + userImage + " ...");
                engine.images().pull(userImage, Duration.ofMinutes(5));
            }
            String tag = img.layerTag(engine.images().id(userImage));
            if (!engine.images().has(tag)) {
                out.println("layering the workloads onto " + userImage + " as " + tag);
                withTempTar(o -> img.writeLayerContext(o, userImage),
                        in -> engine.images().build(in, tag, Duration.ofMinutes(10)));
            }
            return new Prepared(tag, userImage, WorkloadImage.TOOLKIT_SHELL);
        }
        String tag = img.tag();
        if (!engine.images().has(tag)) {
            int colon = tag.lastIndexOf(':');
            withTempTar(img::writeRootfsTar,
                    in -> engine.images().importTar(in, tag.substring(0, colon), tag.substring(colon + 1), img.labels()));
        }
        return new Prepared(tag, null, "/bin/sh");
    }

    private interface TarWriter {
        void write(OutputStream out) throws IOException;
    }

    private interface TarReader {
        void read(InputStream in);
    }

    /** A tar through a temporary file: the daemon is sent a stream of known, finished content. */
    private static void withTempTar(TarWriter writer, TarReader reader) {
        try {
            Path tar = Files.createTempFile("rtbench-image-", ".tar");
            try {
                try (OutputStream o = Files.newOutputStream(tar)) {
                    writer.write(o);
                }
                try (InputStream in = Files.newInputStream(tar)) {
                    reader.read(in);
                }
            } finally {
                Files.deleteIfExists(tar);
            }
        } catch (IOException e) {
            throw new EngineException("cannot build the workload image: " + e.getMessage(), e);
        }
    }
}
