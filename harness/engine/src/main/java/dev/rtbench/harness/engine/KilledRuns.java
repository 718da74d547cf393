package dev.rtbench.harness.engine;

import dev.rtbench.harness.io.FileTrees;
import dev.rtbench.harness.io.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a run that was killed (SIGKILL, a lost machine) left: the folders its managed dockerd and containerd ran in
 * ({@code /tmp/rtb-*}, {@code /tmp/rtbc-*}), with their overlay and network-namespace mounts, and the daemons
 * themselves, orphaned. A run sweeps them at its start: processes first, then mounts, then folders.
 *
 * <p>A folder still in use is never touched: one whose daemon's parent is a live JVM (a run in progress starts
 * its daemons as children), or one younger than {@code minAge} (a run that has made its folder and not yet started
 * its daemon).
 */
public final class KilledRuns {
    private static final Pattern FOLDER = Pattern.compile("rtbc?-[0-9]+");

    private KilledRuns() {
    }

    /** Removes what killed runs left under {@code tmp} and returns the folders removed. */
    public static List<Path> sweep(Path tmp, Duration minAge) {
        List<Path> removed = new ArrayList<>();
        Map<Long, List<String>> commandLines = ProcessTable.commandLines();
        List<Path> candidates;
        try (var s = Files.list(tmp)) {
            candidates = s.filter(p -> FOLDER.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return removed;
        }
        Instant old = Instant.now().minus(minAge);
        for (Path dir : candidates) {
            if (inUse(dir, commandLines) || !olderThan(dir, old)) {
                continue;
            }
            LeftoverProcesses.killFor(List.of(dir.toString()));
            Mounts.unmountUnder(dir);
            FileTrees.deleteQuietly(dir);
            if (!Files.exists(dir)) {
                removed.add(dir);
            }
        }
        return removed;
    }

    /** Whether a process naming {@code dir} was started by a live JVM: a run's daemon, its run in progress. */
    private static boolean inUse(Path dir, Map<Long, List<String>> commandLines) {
        String name = dir.toString() + "/";
        return commandLines.entrySet().stream()
                .filter(e -> String.join(" ", e.getValue()).contains(name))
                .anyMatch(e -> ProcessHandle.of(e.getKey()).flatMap(ProcessHandle::parent)
                        .flatMap(p -> p.info().command()).map(c -> c.endsWith("/java")).orElse(false));
    }

    private static boolean olderThan(Path dir, Instant old) {
        try {
            return Files.getLastModifiedTime(dir).toInstant().isBefore(old);
        } catch (IOException e) {
            return false;
        }
    }
}
