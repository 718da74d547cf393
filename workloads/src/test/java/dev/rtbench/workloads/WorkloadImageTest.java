package dev.rtbench.workloads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadImageTest {

    @TempDir
    Path dir;

    /**
     * A minimal 64-bit little-endian ELF header with two program headers (LOAD, and INTERP when
     * dynamic) followed by busybox's NUL-separated applet name table: enough for the checks,
     * and no test depends on the host's busybox.
     */
    static byte[] fakeBusybox(boolean dynamic, List<String> applets) {
        ByteBuffer b = ByteBuffer.allocate(64 + 2 * 56).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putLong(0x20, 64);
        b.putShort(0x36, (short) 56);
        b.putShort(0x38, (short) 2);
        b.putInt(64, 1);
        b.putInt(64 + 56, dynamic ? 3 : 1);
        String table = "\0" + String.join("\0", applets) + "\0BusyBox v1.35.0 (Test 1:1.35.0)\0";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b.array());
        out.writeBytes(table.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private WorkloadImage image() throws IOException {
        return WorkloadImage.withBusybox(write("busybox", fakeBusybox(false, WorkloadImage.APPLETS)));
    }

    private static byte[] tar(WorkloadImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        image.writeRootfsTar(out);
        return out.toByteArray();
    }

    private static Map<String, TarArchiveEntry> entries(byte[] tar, Map<String, byte[]> contents) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                assertEquals(null, entries.put(e.getName(), e), "duplicate entry " + e.getName());
                contents.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void rootfsHoldsBusyboxAppletsScriptsAndMountPoints() throws IOException {
        byte[] busybox = fakeBusybox(false, WorkloadImage.APPLETS);
        WorkloadImage image = WorkloadImage.withBusybox(write("busybox", busybox));
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> entries = entries(tar(image), contents);

        TarArchiveEntry bin = entries.get("bin/busybox");
        assertTrue(bin.isFile());
        assertEquals(0755, bin.getMode() & 07777, "busybox is executable");
        assertArrayEquals(busybox, contents.get("bin/busybox"));
        for (String applet : List.of("sh", "true", "echo", "sleep", "dd", "sha256sum", "nc", "httpd", "wget",
                "date", "seq", "cat", "rm", "mkdir", "stat", "touch", "mount", "uname", "dmesg", "kill", "ts",
                "netstat", "xargs", "sed", "grep", "wc", "head", "ls")) {
            TarArchiveEntry link = entries.get("bin/" + applet);
            assertTrue(link != null && link.isSymbolicLink(), "bin/" + applet + " is a symlink");
            assertEquals("busybox", link.getLinkName());
        }
        for (String script : ImageContent.SCRIPTS) {
            TarArchiveEntry e = entries.get("rtbench/" + script);
            assertTrue(e != null && e.isFile(), "rtbench/" + script);
            assertArrayEquals(CapturedOutput.read("/rtbench/" + script, true).getBytes(StandardCharsets.UTF_8),
                    contents.get("rtbench/" + script));
        }
        for (Workload w : Workloads.execution()) {
            String script = w.command().get(1);
            assertTrue(entries.containsKey(script.substring(1)), "the image holds " + script);
        }
        assertEquals(01777, entries.get("tmp/").getMode() & 07777);
        assertEquals(01777, entries.get("var/tmp/").getMode() & 07777);
        for (String mountPoint : List.of("proc/", "sys/", "dev/", "etc/", "root/")) {
            assertTrue(entries.get(mountPoint).isDirectory(), mountPoint);
        }
        assertTrue(new String(contents.get("etc/passwd"), StandardCharsets.US_ASCII).startsWith("root:x:0:0:"));
        assertTrue(new String(contents.get("etc/group"), StandardCharsets.US_ASCII).startsWith("root:x:0:"));
        for (TarArchiveEntry e : entries.values()) {
            assertEquals(0, e.getLongUserId(), e.getName());
            assertEquals(0, e.getLongGroupId(), e.getName());
            assertEquals(946_684_800_000L, e.getModTime().getTime(), e.getName());
            assertFalse(e.getName().startsWith("/"), e.getName());
        }
    }

    @Test
    void theLayerContextPutsOurToolsFirstOnTheUsersImage() throws IOException {
        byte[] busybox = fakeBusybox(false, WorkloadImage.APPLETS);
        WorkloadImage image = WorkloadImage.withBusybox(write("busybox", busybox));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        image.writeLayerContext(out, "debian:12");
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> entries = entries(out.toByteArray(), contents);
        String dockerfile = new String(contents.get("Dockerfile"), StandardCharsets.UTF_8);
        assertTrue(dockerfile.startsWith("FROM debian:12\n"), dockerfile);
        assertTrue(dockerfile.contains("COPY rtbench /rtbench\n"), dockerfile);
        assertTrue(dockerfile.contains("ENV PATH=/rtbench/bin:"), dockerfile);
        assertTrue(dockerfile.contains(image.contentHash()), dockerfile);
        assertArrayEquals(busybox, contents.get("rtbench/bin/busybox"));
        assertEquals(0755, entries.get("rtbench/bin/busybox").getMode() & 07777);
        assertEquals("busybox", entries.get("rtbench/bin/dd").getLinkName());
        assertEquals("busybox", entries.get("rtbench/bin/sh").getLinkName());
        for (String script : ImageContent.SCRIPTS) {
            assertTrue(entries.containsKey("rtbench/" + script), script);
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        image.writeLayerContext(again, "debian:12");
        assertArrayEquals(out.toByteArray(), again.toByteArray(), "the context is deterministic");
        assertThrows(IllegalArgumentException.class, () -> image.writeLayerContext(new ByteArrayOutputStream(), "a b"));
        assertNotEquals(image.layerTag("sha256:aaa"), image.layerTag("sha256:bbb"));
        assertTrue(image.layerTag("sha256:aaa").startsWith(WorkloadImage.LAYERED_REPOSITORY + ":" + image.shortHash()));
    }

    @Test
    void theTarIsDeterministic() throws IOException {
        WorkloadImage image = image();
        byte[] first = tar(image);
        assertArrayEquals(first, tar(image), "two writes of one image");
        assertArrayEquals(first, tar(image()), "two images of the same content");
        assertEquals(image.contentHash(), image().contentHash());
    }

    @Test
    void writingLeavesTheCallersStreamOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        image().writeRootfsTar(new FilterOutputStream(sink) {
            @Override
            public void close() {
                closed[0] = true;
            }
        });
        assertFalse(closed[0]);
        assertTrue(sink.size() > 0 && sink.size() % 512 == 0, "a whole number of tar records: " + sink.size());
    }

    @Test
    void hashAndTagFollowTheContent() throws IOException {
        byte[] busybox = fakeBusybox(false, WorkloadImage.APPLETS);
        Map<String, byte[]> scripts = ImageContent.packagedScripts();
        WorkloadImage base = new WorkloadImage(dir.resolve("busybox"), busybox, scripts);
        assertTrue(base.contentHash().matches("[0-9a-f]{64}"), base.contentHash());
        assertEquals("rtbench/workload:" + base.contentHash().substring(0, 12), base.tag());

        Map<String, byte[]> edited = new LinkedHashMap<>(scripts);
        byte[] cpu = scripts.get("syscall.sh").clone();
        cpu[cpu.length - 1] ^= 1;
        edited.put("syscall.sh", cpu);
        WorkloadImage changedScript = new WorkloadImage(dir.resolve("busybox"), busybox, edited);
        assertNotEquals(base.contentHash(), changedScript.contentHash());
        assertNotEquals(base.tag(), changedScript.tag());
        assertFalse(java.util.Arrays.equals(tar(base), tar(changedScript)));

        Map<String, byte[]> renamed = new LinkedHashMap<>(scripts);
        renamed.put("syscall2.sh", renamed.remove("syscall.sh"));
        assertNotEquals(base.contentHash(), new WorkloadImage(dir.resolve("busybox"), busybox, renamed).contentHash());

        byte[] otherBusybox = busybox.clone();
        otherBusybox[otherBusybox.length - 2] ^= 1;
        assertNotEquals(base.contentHash(), new WorkloadImage(dir.resolve("busybox"), otherBusybox, scripts).contentHash());

        assertNotEquals(ImageContent.hash(1, busybox, new java.util.TreeMap<>(scripts)),
                ImageContent.hash(2, busybox, new java.util.TreeMap<>(scripts)), "the layout version counts");
    }

    @Test
    void labelsCarryHashLayoutAndBusyboxVersion() throws IOException {
        WorkloadImage image = image();
        Map<String, String> labels = image.labels();
        assertEquals(image.contentHash(), labels.get(WorkloadImage.LABEL_CONTENT_HASH));
        assertEquals(Integer.toString(WorkloadImage.LAYOUT_VERSION), labels.get(WorkloadImage.LABEL_LAYOUT_VERSION));
        assertEquals("BusyBox v1.35.0 (Test 1:1.35.0)", labels.get(WorkloadImage.LABEL_BUSYBOX));
    }

    @Test
    void aMissingBusyboxSaysWhatToInstall() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> WorkloadImage.withBusybox(dir.resolve("no-busybox")));
        assertTrue(e.getMessage().contains("apt-get install busybox-static"), e.getMessage());
    }

    @Test
    void aDynamicallyLinkedBusyboxIsRefusedWithTheReason() throws IOException {
        Path dynamic = write("busybox", fakeBusybox(true, WorkloadImage.APPLETS));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WorkloadImage.withBusybox(dynamic));
        assertTrue(e.getMessage().contains("dynamically linked"), e.getMessage());
        assertTrue(e.getMessage().contains("no libc or dynamic loader"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install busybox-static"), e.getMessage());
    }

    @Test
    void notAnElfIsRefused() throws IOException {
        Path script = write("busybox", "#!/bin/sh\necho hi\n".repeat(10).getBytes(StandardCharsets.US_ASCII));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WorkloadImage.withBusybox(script));
        assertTrue(e.getMessage().contains("not an ELF executable"), e.getMessage());
    }

    @Test
    void aBusyboxWithoutNeededAppletsIsRefused() throws IOException {
        List<String> fewer = WorkloadImage.APPLETS.stream().filter(a -> !a.equals("ts") && !a.equals("httpd")).toList();
        Path busybox = write("busybox", fakeBusybox(false, fewer));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WorkloadImage.withBusybox(busybox));
        assertTrue(e.getMessage().contains("[httpd, ts]"), e.getMessage());
    }

    @Test
    void theHostsStaticBusyboxIsAccepted() {
        assumeTrue(Files.isRegularFile(WorkloadImage.HOST_BUSYBOX), "no /bin/busybox on this machine");
        WorkloadImage image = WorkloadImage.fromHost();
        assertEquals(WorkloadImage.HOST_BUSYBOX, image.busyboxPath());
        assertTrue(image.busyboxVersion().orElseThrow().startsWith("BusyBox v"), image.busyboxVersion().toString());
    }

    @Test
    void everyPackagedScriptIsInTheImage() throws URISyntaxException, IOException {
        Path scripts = Path.of(WorkloadImage.class.getResource("/rtbench/lib.sh").toURI()).getParent();
        Set<String> packaged;
        try (Stream<Path> files = Files.list(scripts)) {
            packaged = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(packaged, new TreeSet<>(ImageContent.SCRIPTS), "scripts in resources/rtbench vs. the image");
    }

    /** ldd's output for a fake tool, as Debian 12's ldd prints it. */
    private static final String LDD = "\tlinux-vdso.so.1 (0x00007ffc8a1f2000)\n"
            + "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f3c1c9a1000)\n"
            + "\tlibaio.so.1 => /lib/x86_64-linux-gnu/libaio.so.1 (0x00007f3c1c99b000)\n"
            + "\t/lib64/ld-linux-x86-64.so.2 (0x00007f3c1cb9a000)\n";

    private static HostFiles fakeTools(String ldd) {
        return HostFiles.collect(List.of(HostTool.FIO, HostTool.HACKBENCH), Map.of(HostTool.WRK, "wrk is missing"),
                path -> path.equals("/usr/bin/hackbench") ? "\tnot a dynamic executable\n" : ldd,
                path -> ("content of " + path).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hostToolsGoInWithTheirLibrariesAndLoader() throws IOException {
        WorkloadImage base = image();
        WorkloadImage withTools = base.withTools(fakeTools(LDD));
        Map<String, byte[]> contents = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> entries = entries(tar(withTools), contents);
        for (String path : List.of("usr/bin/fio", "usr/bin/hackbench", "lib/x86_64-linux-gnu/libc.so.6",
                "lib/x86_64-linux-gnu/libaio.so.1", "lib64/ld-linux-x86-64.so.2")) {
            assertTrue(entries.get(path) != null && entries.get(path).isFile(), path);
            assertEquals("content of /" + path, new String(contents.get(path), StandardCharsets.UTF_8));
        }
        assertEquals(0755, entries.get("usr/bin/fio").getMode() & 07777);
        assertEquals(0755, entries.get("lib64/ld-linux-x86-64.so.2").getMode() & 07777, "the loader runs");
        assertEquals(0644, entries.get("lib/x86_64-linux-gnu/libc.so.6").getMode() & 07777);
        for (String d : List.of("usr/", "usr/bin/", "lib/", "lib/x86_64-linux-gnu/", "lib64/")) {
            assertTrue(entries.get(d).isDirectory(), d);
        }
        List<String> names = List.copyOf(entries.keySet());
        assertTrue(names.indexOf("usr/bin/") < names.indexOf("usr/bin/fio"), "parents first");
        assertFalse(entries.containsKey("linux-vdso.so.1"));
        assertEquals(List.of("/usr/bin/hackbench", "/usr/bin/fio"), withTools.toolPaths());
        assertEquals("/usr/bin/hackbench,/usr/bin/fio", withTools.labels().get(WorkloadImage.LABEL_TOOLS));
        assertEquals(Map.of(HostTool.WRK, "wrk is missing"), withTools.missingTools());

        assertNotEquals(base.contentHash(), withTools.contentHash(), "tools count in the hash");
        assertEquals(withTools.contentHash(), base.withTools(fakeTools(LDD)).contentHash());
        assertArrayEquals(tar(withTools), tar(base.withTools(fakeTools(LDD))), "deterministic with tools");
        assertNotEquals(withTools.contentHash(), base.withTools(fakeTools(LDD.replace("libaio.so.1 =>", "libaio.so.2 =>")
                .replace("libaio.so.1 (", "libaio.so.2 ("))).contentHash());
    }

    @Test
    void aToolWithAMissingLibraryIsLeftOutNamingItsPackage() {
        HostFiles files = fakeTools(LDD + "\tlibrbd.so.1 => not found\n");
        assertFalse(files.files().containsKey("usr/bin/fio"));
        assertTrue(files.files().containsKey("usr/bin/hackbench"));
        String reason = files.skipped().get(HostTool.FIO);
        assertTrue(reason.contains("[librbd.so.1]") && reason.contains("apt-get install --reinstall fio"), reason);
    }

    @Test
    void unreadableLddOutputIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> fakeTools("something else\n"));
        assertTrue(e.getMessage().contains("something else"), e.getMessage());
    }

    @Test
    void theHostsToolsAreFoundWithLdd() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ldd")) && Files.isExecutable(Path.of(HostTool.HACKBENCH.path())),
                "no ldd or hackbench on this machine");
        HostFiles files = HostFiles.collect(List.of(HostTool.HACKBENCH), Map.of(), HostFiles::ldd, HostFiles::read);
        assertTrue(files.files().containsKey("usr/bin/hackbench"));
        assertTrue(files.files().keySet().stream().anyMatch(p -> p.endsWith("/libc.so.6")), files.files().keySet().toString());
        assertTrue(files.files().keySet().stream().anyMatch(p -> p.contains("ld-linux")), files.files().keySet().toString());
    }
}
