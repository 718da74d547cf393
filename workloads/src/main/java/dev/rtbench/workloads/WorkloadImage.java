package dev.rtbench.workloads;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * (Over 300 lines: the one place that knows the image's layout, from the folder list to each tool's libraries and
 * the deterministic tar, so that its content hash covers everything that can differ between two hosts.)
 *
 * <p>The image every runtime runs the workloads in, assembled from files on the host with no
 * download: the static busybox, the workload scripts, and the standard tools installed on the
 * host ({@link HostTool}: sysbench, fio, ...) with the shared libraries {@code ldd} lists and the
 * loader, as a root filesystem tar to import through the Docker API
 * ({@code POST /images/create?fromSrc=-}). Measured on Debian 12 with every tool installed: ~118 MB.
 *
 * <p>The tar is deterministic (fixed order, times, owners and modes), and the image is tagged
 * with a hash of its content, so it only needs rebuilding when busybox, a script or the layout
 * changes.
 */
public final class WorkloadImage {

    /** Bump whenever {@link #writeRootfsTar} lays the image out differently. */
    public static final int LAYOUT_VERSION = 2;

    public static final String REPOSITORY = "rtbench/workload";

    public static final String LABEL_CONTENT_HASH = "dev.rtbench.workload.content-hash";
    public static final String LABEL_LAYOUT_VERSION = "dev.rtbench.workload.layout-version";
    public static final String LABEL_BUSYBOX = "dev.rtbench.workload.busybox";
    public static final String LABEL_BASE_IMAGE = "dev.rtbench.workload.base-image";
    /** The host tools the image holds, comma-separated paths. */
    public static final String LABEL_TOOLS = "dev.rtbench.workload.tools";

    /** Where the workloads layered onto a user's image ({@code --image}) are tagged. */
    public static final String LAYERED_REPOSITORY = "rtbench/workload-on";

    /** Where Debian's busybox-static puts its binary. */
    public static final Path HOST_BUSYBOX = Path.of("/bin/busybox");

    /**
     * The applets linked into /bin: what the scripts, the lifecycle and proof commands use,
     * and a few for a person looking around in a container.
     */
    static final List<String> APPLETS = List.of(
            "[", "ash", "awk", "cat", "chmod", "cp", "cut", "date", "dd", "df", "dmesg", "du", "echo",
            "env", "false", "find", "free", "grep", "head", "hostname", "httpd", "id", "kill", "ln", "ls",
            "mkdir", "mkfifo", "mount", "mv", "nc", "netstat", "nproc", "pidof", "printf", "ps", "pwd",
            "rm", "sed", "seq", "sh", "sha256sum", "sleep", "sort", "stat", "sync", "tail", "test",
            "time", "timeout", "top", "touch", "tr", "true", "ts", "uname", "uniq", "wc", "wget",
            "which", "xargs");


    /** 2000-01-01T00:00:00Z: a fixed mtime for every entry, so equal content gives equal bytes. */
    private static final FileTime MTIME = FileTime.fromMillis(946_684_800_000L);

    private static final String PASSWD = "root:x:0:0:root:/root:/bin/sh\n";
    private static final String GROUP = "root:x:0:\n";
    private static final Pattern BUSYBOX_VERSION = Pattern.compile("BusyBox v[0-9][0-9A-Za-z.\\-]* \\([^)\\n]{1,80}\\)");

    private final Path busyboxPath;
    private final byte[] busybox;
    private final SortedMap<String, byte[]> scripts;
    private final HostFiles tools;
    private final String contentHash;

    WorkloadImage(Path busyboxPath, byte[] busybox, Map<String, byte[]> scripts) {
        this(busyboxPath, busybox, scripts, HostFiles.none());
    }

    WorkloadImage(Path busyboxPath, byte[] busybox, Map<String, byte[]> scripts, HostFiles tools) {
        this.busyboxPath = busyboxPath;
        this.busybox = busybox.clone();
        SortedMap<String, byte[]> copy = new TreeMap<>();
        scripts.forEach((name, bytes) -> copy.put(name, bytes.clone()));
        this.scripts = Collections.unmodifiableSortedMap(copy);
        this.tools = tools;
        this.contentHash = ImageContent.hash(LAYOUT_VERSION, this.busybox, this.scripts, tools.files());
    }

    /**
     * The image made of the host's static busybox ({@code /bin/busybox}, from Debian's
     * {@code busybox-static}) and the scripts packaged with this module.
     *
     * @throws IllegalStateException when there is no busybox there, or it is not statically linked
     */
    public static WorkloadImage fromHost() {
        return HostImageMemo.get(() -> withBusybox(HOST_BUSYBOX).withTools(HostFiles.fromHost()));
    }

    /** The host files of the tools in this image, by their path in it (the host's, without the leading slash). */
    Set<String> hostFiles() {
        return tools.files().keySet();
    }

    /** This image with {@code tools} (programs, libraries, loader) added. */
    WorkloadImage withTools(HostFiles tools) {
        return new WorkloadImage(busyboxPath, busybox, scripts, tools);
    }

    /** The host tools this image holds, by their path in it. */
    public List<String> toolPaths() {
        List<String> paths = new ArrayList<>();
        for (HostTool t : HostTool.values()) {
            if (tools.files().containsKey(t.path().substring(1))) {
                paths.add(t.path());
            }
        }
        return List.copyOf(paths);
    }

    /** Tools left out of this image, with the reason naming the Debian package. */
    public Map<HostTool, String> missingTools() {
        return tools.skipped();
    }

    /**
     * The image made of the static busybox at {@code busybox} and the packaged scripts.
     *
     * @throws IllegalStateException when the file is missing, not a static ELF executable or
     *                               lacks an applet the workloads need
     */
    public static WorkloadImage withBusybox(Path busybox) {
        Objects.requireNonNull(busybox, "busybox path was not specified");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(busybox);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("no busybox at " + busybox + ": the workload image is built from a "
                    + "static busybox on the host; install it with `apt-get install busybox-static`", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read busybox at " + busybox + ": " + e.getMessage(), e);
        }
        BusyboxBinary.checkStaticElf(busybox, bytes);
        List<String> missing = BusyboxBinary.missingApplets(bytes, APPLETS);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("busybox at " + busybox + " lacks applets the workloads run: " + missing
                    + "; Debian's `apt-get install busybox-static` has them all");
        }
        return new WorkloadImage(busybox, bytes, ImageContent.packagedScripts());
    }

    /** Where the busybox of this image was read from. */
    public Path busyboxPath() {
        return busyboxPath;
    }

    /**
     * SHA-256, in hex, over the layout version, the busybox bytes and every script's path and
     * bytes. Equal hashes mean equal tars.
     */
    public String contentHash() {
        return contentHash;
    }

    /** The first 12 hex digits of {@link #contentHash()}. */
    public String shortHash() {
        return contentHash.substring(0, 12);
    }

    /** The image reference to import as and look for, e.g. {@code rtbench/workload:0123456789ab}. */
    public String tag() {
        return REPOSITORY + ":" + shortHash();
    }

    /** Labels for the imported image: the full content hash, the layout version, the busybox version. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_CONTENT_HASH, contentHash);
        labels.put(LABEL_LAYOUT_VERSION, Integer.toString(LAYOUT_VERSION));
        busyboxVersion().ifPresent(v -> labels.put(LABEL_BUSYBOX, v));
        if (!toolPaths().isEmpty()) {
            labels.put(LABEL_TOOLS, String.join(",", toolPaths()));
        }
        return Collections.unmodifiableMap(labels);
    }

    /** The version banner inside the busybox binary, e.g. {@code BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1)}. */
    public Optional<String> busyboxVersion() {
        Matcher m = BUSYBOX_VERSION.matcher(new String(busybox, StandardCharsets.ISO_8859_1));
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /**
     * Writes the root filesystem: {@code /bin/busybox} and symlinks to it for the applets,
     * {@code /rtbench/*.sh}, {@code /etc/passwd} and {@code /etc/group} with root, {@code /tmp}
     * and {@code /var/tmp} (1777), empty {@code /proc}, {@code /sys}, {@code /dev} mount points.
     * Everything is owned by root with one fixed mtime, in a fixed order, so the same content
     * always gives the same bytes. Does not close {@code out}.
     */
    public void writeRootfsTar(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "output stream was not specified");
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        directory(tar, "bin/", 0755);
        file(tar, "bin/busybox", 0755, busybox);
        for (String applet : APPLETS) {
            symlink(tar, "bin/" + applet, "busybox");
        }
        directory(tar, "dev/", 0755);
        directory(tar, "etc/", 0755);
        file(tar, "etc/group", 0644, GROUP.getBytes(StandardCharsets.US_ASCII));
        file(tar, "etc/passwd", 0644, PASSWD.getBytes(StandardCharsets.US_ASCII));
        directory(tar, "proc/", 0555);
        directory(tar, "root/", 0700);
        // where the harness mounts a fresh volume: Docker gives an empty volume the mode of the image's folder, so
        // that the workloads' unprivileged user can write there
        directory(tar, "rtbench-volume/", 01777);
        directory(tar, "rtbench/", 0755);
        for (Map.Entry<String, byte[]> script : scripts.entrySet()) {
            file(tar, "rtbench/" + script.getKey(), ImageContent.scriptMode(script.getKey()), script.getValue());
        }
        directory(tar, "sys/", 0555);
        directory(tar, "tmp/", 01777);
        directory(tar, "var/", 0755);
        directory(tar, "var/tmp/", 01777);
        writeTools(tar);
        // finish, not close: the stream is the caller's
        tar.finish();
        tar.flush();
    }

    /**
     * The host tools after the fixed layout: each file's missing parent directories (0755), then the
     * files, in path order; plus the directories nginx opens before it reads our configuration.
     */
    private void writeTools(TarArchiveOutputStream tar) throws IOException {
        if (tools.files().isEmpty()) {
            return;
        }
        SortedMap<String, Boolean> dirs = new TreeMap<>();
        for (String path : tools.files().keySet()) {
            for (int i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) {
                dirs.put(path.substring(0, i + 1), true);
            }
        }
        if (tools.files().containsKey(HostTool.NGINX.path().substring(1))) {
            for (String d : List.of("var/lib/", "var/lib/nginx/", "var/log/", "var/log/nginx/")) {
                dirs.put(d, true);
            }
        }
        for (String fixed : List.of("bin/", "dev/", "etc/", "proc/", "root/", "rtbench/", "sys/", "tmp/", "var/", "var/tmp/")) {
            dirs.remove(fixed);
        }
        for (String d : dirs.keySet()) {
            directory(tar, d, 0755);
        }
        for (Map.Entry<String, HostFiles.Entry> f : tools.files().entrySet()) {
            file(tar, f.getKey(), f.getValue().mode(), f.getValue().content());
        }
    }

    /** Where a user's image gets the workload tools: its own busybox and applets, first on PATH. */
    public static final String TOOLKIT_BIN = Workloads.SCRIPT_DIR + "/bin";

    /** The shell the workload scripts run under in a user's image: ours, whatever /bin/sh the image has. */
    public static final String TOOLKIT_SHELL = TOOLKIT_BIN + "/sh";

    /**
     * Writes a Docker build context that layers the workloads onto a user's image: {@code /rtbench/*.sh} and,
     * in {@code /rtbench/bin}, this busybox with its applets, put first on PATH. The scripts parse the output of
     * busybox's own tools (dd's summary, for one), which GNU or other tools print differently; with these, the
     * same commands run in the user's image as in ours, on the user's filesystem and libraries around them.
     * The host tools ({@link HostTool}) are not layered (their libraries would replace the image's own): the
     * tool workloads run whatever sysbench, fio, ... the user's image has on its PATH, or fail.
     * Deterministic like {@link #writeRootfsTar}. Does not close {@code out}.
     *
     * @param baseImage the user's image, present in the daemon that builds
     */
    public void writeLayerContext(OutputStream out, String baseImage) throws IOException {
        Objects.requireNonNull(out, "output stream was not specified");
        Objects.requireNonNull(baseImage, "base image was not specified");
        if (baseImage.isBlank() || baseImage.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("not an image reference: \"" + baseImage + "\"");
        }
        String dockerfile = "FROM " + baseImage + "\n"
                + "COPY rtbench /rtbench\n"
                + "ENV PATH=" + TOOLKIT_BIN + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
                + "LABEL " + LABEL_CONTENT_HASH + "=\"" + contentHash + "\" " + LABEL_BASE_IMAGE + "=\"" + baseImage + "\"\n";
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        file(tar, "Dockerfile", 0644, dockerfile.getBytes(StandardCharsets.UTF_8));
        directory(tar, "rtbench/", 0755);
        directory(tar, "rtbench/bin/", 0755);
        file(tar, "rtbench/bin/busybox", 0755, busybox);
        for (String applet : APPLETS) {
            symlink(tar, "rtbench/bin/" + applet, "busybox");
        }
        for (Map.Entry<String, byte[]> script : scripts.entrySet()) {
            file(tar, "rtbench/" + script.getKey(), ImageContent.scriptMode(script.getKey()), script.getValue());
        }
        tar.finish();
        tar.flush();
    }

    /**
     * The tag for the workloads layered onto {@code baseImage}: changes with the workloads and with the base
     * image's id, so a rebuilt base gets a rebuilt layer.
     */
    public String layerTag(String baseImageId) {
        return LAYERED_REPOSITORY + ":" + shortHash() + "-" + HexFormat.of().formatHex(sha256(baseImageId)).substring(0, 12);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Writes the rootfs tar to the file named by the first argument (default {@code rootfs.tar})
     * and prints the {@code docker import} command that imports it, for doing by hand what the
     * harness does through the API.
     */
    public static void main(String[] args) throws IOException {
        WorkloadImage image = fromHost();
        image.missingTools().values().forEach(reason -> System.err.println("left out: " + reason));
        Path target = Path.of(args.length > 0 ? args[0] : "rootfs.tar");
        try (OutputStream out = Files.newOutputStream(target)) {
            image.writeRootfsTar(out);
        }
        StringBuilder command = new StringBuilder("docker import");
        image.labels().forEach((k, v) -> command.append(" --change 'LABEL ").append(k).append("=\"")
                .append(v.replace("'", "")).append("\"'"));
        System.out.println(command.append(' ').append(target).append(' ').append(image.tag()));
    }

    @Override
    public String toString() {
        return "WorkloadImage[" + tag() + ", busybox " + busyboxPath + "]";
    }

    // --- tar entries

    private static TarArchiveEntry entry(String name, byte type, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setMode(mode);
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("root");
        e.setGroupName("root");
        e.setModTime(MTIME);
        return e;
    }

    private static void directory(TarArchiveOutputStream tar, String name, int mode) throws IOException {
        tar.putArchiveEntry(entry(name, TarConstants.LF_DIR, mode));
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, int mode, byte[] content) throws IOException {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, mode);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void symlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, 0777);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

}
