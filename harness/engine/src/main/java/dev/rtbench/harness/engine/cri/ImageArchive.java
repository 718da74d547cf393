package dev.rtbench.harness.engine.cri;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A one-layer image as an archive in {@code docker save}'s format ({@code manifest.json}, the image config, the
 * layer tar), which {@code ctr images import} reads: how an image reaches containerd where no registry is
 * reachable. containerd names the imported image by the archive's tag, normalised as every CRI client does, so
 * a pod can ask for it by the same short reference.
 *
 * @param reference  repository:tag
 * @param layer      the root filesystem as a tar
 * @param command    the image's default command ({@code Cmd})
 */
public record ImageArchive(String reference, byte[] layer, List<String> command) {

    /** Applets the sandbox and the CRI checks use; each is a symlink to busybox. */
    static final List<String> APPLETS = List.of("cat", "dmesg", "echo", "head", "id", "ls", "ps", "sh", "sleep",
            "true", "uname");

    // one fixed time, so that the same content always gives the same bytes and the same tag
    private static final long MTIME_MS = 1_000_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    public ImageArchive {
        Objects.requireNonNull(reference, "reference was not specified");
        Objects.requireNonNull(layer, "layer was not specified");
        command = List.copyOf(command);
        if (reference.lastIndexOf(':') <= reference.lastIndexOf('/')) {
            throw new IllegalArgumentException("image reference \"" + reference + "\" needs a tag");
        }
    }

    /**
     * The host's static busybox with a few applets, run as {@code command} by default. With a long sleep as its
     * command this is a sandbox ("pause") image: a CRI pod's first container only has to hold the pod's
     * namespaces (and, under gVisor or Kata, the sandbox) open until the pod is stopped, which SIGKILLs it.
     * Tagged {@code repository:} the first 12 hex digits of a hash of its content.
     */
    public static ImageArchive busybox(Path busybox, String repository, List<String> command) throws IOException {
        byte[] binary = Files.readAllBytes(busybox);
        ByteArrayOutputStream buf = new ByteArrayOutputStream(binary.length + 16384);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buf, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            directory(tar, "bin/", 0755);
            file(tar, "bin/busybox", 0755, binary);
            for (String applet : APPLETS) {
                TarArchiveEntry e = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                e.setLinkName("busybox");
                e.setModTime(MTIME_MS);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            for (String d : List.of("dev/", "etc/", "proc/", "sys/")) {
                directory(tar, d, 0755);
            }
            directory(tar, "tmp/", 01777);
        }
        byte[] layer = buf.toByteArray();
        MessageDigest sha = sha256();
        sha.update(layer);
        sha.update(String.join("\0", command).getBytes(StandardCharsets.UTF_8));
        String tag = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        return new ImageArchive(repository + ":" + tag, layer, command);
    }

    /** The pods' sandbox ("pause") image of rtbench's containerd: {@link #busybox} sleeping until SIGKILL. */
    public static ImageArchive sandbox(Path busybox) throws IOException {
        return busybox(busybox, "rtbench/cri-pause", List.of("/bin/sleep", "2147483647"));
    }

    /** Writes the archive; does not close {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("Env", List.of("PATH=/bin"));
        container.put("Cmd", command);
        write(out, reference, container, hex(layer), layer.length, o -> o.write(layer));
    }

    /**
     * Writes an archive of {@code reference} whose one layer is the tar at {@code layerTar}, streamed (a workload
     * image's layer is some 120 MB), with {@code labels} as its only configuration: what {@code docker import}
     * with {@code LABEL} changes makes and {@code docker save} exports, without a Docker engine.
     */
    public static void write(Path archive, String reference, Path layerTar, Map<String, String> labels)
            throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(layerTar)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("Labels", new TreeMap<>(labels));
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(archive), 1 << 16)) {
            write(out, reference, container, HexFormat.of().formatHex(sha.digest()), Files.size(layerTar),
                    o -> Files.copy(layerTar, o));
        }
    }

    private interface LayerWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void write(OutputStream out, String reference, Map<String, Object> container, String layerDigest,
                              long layerSize, LayerWriter layer) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", goArch());
        config.put("os", "linux");
        config.put("config", container);
        config.put("rootfs", Map.of("type", "layers", "diff_ids", List.of("sha256:" + layerDigest)));
        byte[] configJson = JSON.writeValueAsBytes(config);
        String configName = hex(configJson) + ".json";
        String layerName = layerDigest + "/layer.tar";
        byte[] manifest = JSON.writeValueAsBytes(List.of(Map.of(
                "Config", configName, "RepoTags", List.of(reference), "Layers", List.of(layerName))));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        file(tar, "manifest.json", 0644, manifest);
        file(tar, configName, 0644, configJson);
        directory(tar, layerDigest + "/", 0755);
        TarArchiveEntry e = new TarArchiveEntry(layerName);
        e.setMode(0644);
        e.setSize(layerSize);
        e.setModTime(MTIME_MS);
        tar.putArchiveEntry(e);
        layer.writeTo(tar);
        tar.closeArchiveEntry();
        tar.finish();
        tar.flush();
    }

    /** Writes the archive to a file. */
    public void writeTo(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeTo(out);
        }
    }

    /** The image's architecture as OCI names it (Go's names): containerd unpacks only its own platform's. */
    static String goArch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    private static void directory(TarArchiveOutputStream tar, String name, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | mode);
        e.setModTime(MTIME_MS);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, int mode, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(mode);
        e.setSize(content.length);
        e.setModTime(MTIME_MS);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
