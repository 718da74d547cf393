package dev.rtbench.workloads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@link WorkloadImage#fromHost()} read once per process for as long as the host's files stay as they were. Reading
 * it runs {@code ldd} on every tool and reads and hashes some 120 MB: about 1.7 s on a 2-core machine, paid by every
 * run that one process makes (a test suite makes dozens). Every file the image was read from, and every tool's path
 * whether present or not, is stamped (inode, size, modification and change time); any difference reads it again.
 */
final class HostImageMemo {
    private static WorkloadImage image;
    private static Map<String, String> stamps;

    private HostImageMemo() {}

    static synchronized WorkloadImage get(Supplier<WorkloadImage> read) {
        if (image != null && stamps.equals(stamps(paths(image)))) {
            return image;
        }
        // stamped before and after: a file replaced while it was read leaves the stamps different, and the next
        // call reads again. The paths before are the last image's (or the tools' alone): a file that only the new
        // reading found is stamped after, and kept only if the rest held still
        Map<String, String> before = stamps(paths(image));
        WorkloadImage fresh = read.get();
        Map<String, String> after = stamps(paths(fresh));
        boolean still = after.entrySet().containsAll(before.entrySet().stream()
                .filter(e -> after.containsKey(e.getKey())).toList());
        image = still ? fresh : null;
        stamps = still ? after : null;
        return fresh;
    }

    private static List<String> paths(WorkloadImage img) {
        List<String> paths = new ArrayList<>();
        paths.add(img == null ? WorkloadImage.HOST_BUSYBOX.toString() : img.busyboxPath().toString());
        for (HostTool t : HostTool.values()) {
            paths.add(t.path());
        }
        if (img != null) {
            for (String file : img.hostFiles()) {
                paths.add("/" + file);
            }
        }
        return paths;
    }

    static Map<String, String> stamps(List<String> paths) {
        Map<String, String> stamps = new TreeMap<>();
        for (String p : paths) {
            String stamp;
            try {
                stamp = Files.readAttributes(Path.of(p), "unix:ino,size,lastModifiedTime,ctime").toString();
            } catch (NoSuchFileException e) {
                stamp = "absent";
            } catch (IOException | UnsupportedOperationException e) {
                // unreadable stamps never match, so the image is read again every time
                stamp = "unreadable " + System.nanoTime();
            }
            stamps.put(p, stamp);
        }
        return stamps;
    }
}
