package dev.rtbench.harness.engine.cri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ImageArchive archive(Path dir, List<String> cmd) throws IOException {
        Path busybox = dir.resolve("busybox");
        Files.write(busybox, new byte[] {0x7f, 'E', 'L', 'F', 1, 2, 3});
        return ImageArchive.busybox(busybox, "rtbench/cri-pause", cmd);
    }

    private static Map<String, byte[]> entries(byte[] tar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName() + (e.isSymbolicLink() ? " -> " + e.getLinkName() : ""), in.readAllBytes());
            }
        }
        return out;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void isADockerSaveArchiveWhoseDigestsHold(@TempDir Path dir) throws Exception {
        ImageArchive a = archive(dir, List.of("/bin/sleep", "2147483647"));
        assertTrue(a.reference().matches("rtbench/cri-pause:[0-9a-f]{12}"), a.reference());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        a.writeTo(out);
        Map<String, byte[]> files = entries(out.toByteArray());
        JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
        assertEquals(a.reference(), manifest.get("RepoTags").get(0).asText());
        String configName = manifest.get("Config").asText();
        byte[] config = files.get(configName);
        assertEquals(configName, sha256(config) + ".json");
        String layerName = manifest.get("Layers").get(0).asText();
        byte[] layer = files.get(layerName);
        JsonNode cfg = JSON.readTree(config);
        assertEquals("sha256:" + sha256(layer), cfg.at("/rootfs/diff_ids/0").asText());
        assertEquals("linux", cfg.get("os").asText());
        assertEquals("/bin/sleep", cfg.at("/config/Cmd/0").asText());

        Map<String, byte[]> rootfs = entries(layer);
        assertEquals(7, rootfs.get("bin/busybox").length);
        assertTrue(rootfs.containsKey("bin/sh -> busybox"), rootfs.keySet().toString());
        assertTrue(rootfs.containsKey("bin/dmesg -> busybox"), rootfs.keySet().toString());
        assertTrue(rootfs.containsKey("tmp/"), rootfs.keySet().toString());
    }

    @Test
    void theTagFollowsTheContentAndTheCommand(@TempDir Path dir) throws Exception {
        ImageArchive a = archive(dir, List.of("/bin/sh"));
        assertEquals(a.reference(), archive(dir, List.of("/bin/sh")).reference());
        assertNotEquals(a.reference(), archive(dir, List.of("/bin/sleep", "1")).reference());
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        a.writeTo(one);
        archive(dir, List.of("/bin/sh")).writeTo(two);
        assertEquals(sha256(one.toByteArray()), sha256(two.toByteArray()));
    }

    @Test
    void aLayerFromAFileIsStreamedInWithTheLabelsAsItsConfiguration(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream layerOut = new ByteArrayOutputStream();
        archive(dir, List.of("/bin/sh")).writeTo(layerOut);
        // any tar will do as the layer: the pause image's whole archive is one
        Path layerTar = dir.resolve("layer.tar");
        Files.write(layerTar, layerOut.toByteArray());
        Path file = dir.resolve("image.tar");
        ImageArchive.write(file, "rtbench/workload:0123456789ab", layerTar,
                Map.of("dev.rtbench.workload.content-hash", "abc", "a.b", "c"));
        Map<String, byte[]> files = entries(Files.readAllBytes(file));
        JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
        assertEquals("rtbench/workload:0123456789ab", manifest.get("RepoTags").get(0).asText());
        byte[] layer = files.get(manifest.get("Layers").get(0).asText());
        assertEquals(sha256(Files.readAllBytes(layerTar)), sha256(layer));
        JsonNode cfg = JSON.readTree(files.get(manifest.get("Config").asText()));
        assertEquals("sha256:" + sha256(layer), cfg.at("/rootfs/diff_ids/0").asText());
        assertEquals("abc", cfg.at("/config/Labels/dev.rtbench.workload.content-hash").asText());
        // as docker import makes it: no command and no environment of its own
        assertTrue(cfg.at("/config/Cmd").isMissingNode() && cfg.at("/config/Env").isMissingNode(), cfg.toString());
    }

    @Test
    void aReferenceNeedsATag() {
        assertThrows(IllegalArgumentException.class, () -> new ImageArchive("localhost:5000/x", new byte[0], List.of()));
    }
}
