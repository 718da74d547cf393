package dev.rtbench.bench.run;

import dev.rtbench.bench.jmh.BenchContext;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.cri.ImageArchive;
import dev.rtbench.harness.engine.cri.ManagedContainerd;
import dev.rtbench.harness.io.FileTrees;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.WorkloadImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
                withTempTar(o -> img.writeLayerContext(o, userImage), tar -> {
                    try (InputStream in = Files.newInputStream(tar)) {
                        engine.images().build(in, tag, Duration.ofMinutes(10));
                    }
                });
            }
            return new Prepared(tag, userImage, WorkloadImage.TOOLKIT_SHELL);
        }
        String tag = img.tag();
        if (!engine.images().has(tag)) {
            int colon = tag.lastIndexOf(':');
            withTempTar(img::writeRootfsTar, tar -> {
                try (InputStream in = Files.newInputStream(tar)) {
                    engine.images().importTar(in, tag.substring(0, colon), tag.substring(colon + 1), img.labels());
                }
            });
        }
        return new Prepared(tag, null, "/bin/sh");
    }

    /** Ours, as a CRI server gets it ({@link #writeArchive}): its reference, with no engine asked. */
    public static Prepared ours() {
        return new Prepared(WorkloadImage.fromHost().tag(), null, "/bin/sh");
    }

    /**
     * Ours as an image archive ({@code docker save}'s format) at {@code archive}, for a CRI server to import: the
     * same reference, labels and files as {@link #prepare} imports into a daemon, made with no Docker engine.
     *
     * @return the image's reference
     */
    public static String writeArchive(Path archive) {
        WorkloadImage img = WorkloadImage.fromHost();
        withTempTar(img::writeRootfsTar, tar -> ImageArchive.write(archive, img.tag(), tar, img.labels()));
        return img.tag();
    }

    /** The pods' sandbox image, from the host's busybox; an {@link EngineException} says what to install. */
    public static ImageArchive sandbox() {
        try {
            return ImageArchive.sandbox(WorkloadImage.HOST_BUSYBOX);
        } catch (IOException e) {
            throw new EngineException("cannot make the pods' sandbox image from " + WorkloadImage.HOST_BUSYBOX + ": "
                    + e.getMessage() + " (Debian: apt-get install busybox-static)", e);
        }
    }

    /** Ours, written in {@code d}'s folder ({@link #writeArchive}), imported into it and removed: its reference. */
    public static String importInto(ManagedContainerd d) {
        Path archive = d.dir().resolve("workload-image.tar");
        try {
            String reference = writeArchive(archive);
            d.importImage(archive, reference);
            return reference;
        } finally {
            FileTrees.deleteQuietly(archive);
        }
    }

    private interface TarWriter {
        void write(OutputStream out) throws IOException;
    }

    private interface TarReader {
        void read(Path tar) throws IOException;
    }

    /** A tar through a temporary file: the daemon is sent a stream of known, finished content. */
    private static void withTempTar(TarWriter writer, TarReader reader) {
        try {
            Path tar = Files.createTempFile("rtbench-image-", ".tar");
            try {
                try (OutputStream o = Files.newOutputStream(tar)) {
                    writer.write(o);
                }
                reader.read(tar);
            } finally {
                Files.deleteIfExists(tar);
            }
        } catch (IOException e) {
            throw new EngineException("cannot build the workload image: " + e.getMessage(), e);
        }
    }

    /**
     * The images user workloads name, each prepared like {@code --image} (rtbench's scripts and busybox layered
     * on top), once per image.
     */
    static Map<String, BenchContext.ImageRef> forUserWorkloads(DockerEngine engine, String dockerHost,
            List<Workload> workloads, Consumer<String> note, PrintStream out) {
        Map<String, BenchContext.ImageRef> images = new LinkedHashMap<>();
        for (Workload w : workloads) {
            w.image().ifPresent(name -> images.computeIfAbsent(name, n -> {
                if (engine == null) {
                    throw new IllegalArgumentException("workload " + w.name() + " names the image " + n + ", which"
                            + " only a run through dockerd can layer rtbench's tools onto: use --engine docker or"
                            + " both, or leave out the workload's \"image\"");
                }
                if (!engine.images().has(n)) {
                    // not pulled: a workload file names an image the user has, and a registry lookup on an
                    // offline node only waits; nor is it --image's business
                    throw new IllegalArgumentException("workload " + w.name() + " names the image " + n + ", which"
                            + " is not in the daemon at " + engine.host() + (dockerHost == null
                            ? " (rtbench's own daemon, which holds only what the run puts there): run against the"
                            + " daemon that has it (--docker-host), or" : ": load it there first (docker load,"
                            + " docker import, docker pull), or") + " leave out the workload's \"image\"");
                }
                WorkloadImages.Prepared p = WorkloadImages.prepare(engine, n, out);
                note.accept("workload " + w.name() + " ran in " + n + ", with rtbench's scripts and busybox tools"
                        + " layered on top as " + p.reference() + ", with Docker's default privileges");
                return new BenchContext.ImageRef(p.reference(), p.shell());
            }));
        }
        return images;
    }
}
