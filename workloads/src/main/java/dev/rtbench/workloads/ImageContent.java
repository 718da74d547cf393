package dev.rtbench.workloads;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** What the workload image holds of rtbench's own (the scripts and their data), and the hash of all its content. */
final class ImageContent {
    /** Script file names under {@link Workloads#SCRIPT_DIR}: the shared library and one per execution workload. */
    static final List<String> SCRIPTS = scriptNames();

    private ImageContent() {}

    /** lib.sh is only sourced and nginx.conf is data; the workload scripts can also be run directly. */
    static int scriptMode(String name) {
        return name.equals("lib.sh") || !name.endsWith(".sh") ? 0644 : 0755;
    }

    /** lib.sh, every script an execution workload's command, setup or cleanup runs, and the data files they read. */
    private static List<String> scriptNames() {
        SortedMap<String, Boolean> names = new TreeMap<>();
        names.put("lib.sh", true);
        names.put("nginx.conf", true);
        String prefix = Workloads.SCRIPT_DIR + "/";
        for (Workload w : Workloads.execution()) {
            for (List<String> c : List.of(w.command(), w.setup(), w.cleanup())) {
                if (c.size() > 1 && c.get(1).startsWith(prefix)) {
                    names.put(c.get(1).substring(prefix.length()), true);
                }
            }
        }
        return List.copyOf(names.keySet());
    }

    static Map<String, byte[]> packagedScripts() {
        Map<String, byte[]> scripts = new LinkedHashMap<>();
        for (String name : SCRIPTS) {
            String resource = Workloads.SCRIPT_DIR + "/" + name;
            try (InputStream in = ImageContent.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("workload script " + resource + " is missing from the classpath");
                }
                scripts.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read workload script " + resource, e);
            }
        }
        return scripts;
    }

    static String hash(int layoutVersion, byte[] busybox, SortedMap<String, byte[]> scripts) {
        return hash(layoutVersion, busybox, scripts, new TreeMap<>());
    }

    static String hash(int layoutVersion, byte[] busybox, SortedMap<String, byte[]> scripts,
                       SortedMap<String, HostFiles.Entry> tools) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        // every part is length-prefixed, so no two different contents run together the same way
        sha.update(("rtbench workload image layout " + layoutVersion).getBytes(StandardCharsets.US_ASCII));
        update(sha, "/bin/busybox".getBytes(StandardCharsets.UTF_8));
        update(sha, busybox);
        for (Map.Entry<String, byte[]> script : scripts.entrySet()) {
            update(sha, (Workloads.SCRIPT_DIR + "/" + script.getKey()).getBytes(StandardCharsets.UTF_8));
            update(sha, script.getValue());
        }
        for (Map.Entry<String, HostFiles.Entry> f : tools.entrySet()) {
            update(sha, ("/" + f.getKey() + " " + Integer.toOctalString(f.getValue().mode())).getBytes(StandardCharsets.UTF_8));
            update(sha, f.getValue().content());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, byte[] part) {
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(part.length).array());
        sha.update(part);
    }
}
