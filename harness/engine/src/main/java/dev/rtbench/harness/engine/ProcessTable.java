package dev.rtbench.harness.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The host's processes and their argument vectors, read from /proc (empty where there is none). */
public final class ProcessTable {
    private ProcessTable() {}

    /** pid to argv, for every process whose command line could be read; processes that end meanwhile are skipped. */
    public static Map<Long, List<String>> commandLines() {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        read("cmdline").forEach((pid, raw) -> {
            if (!raw.isEmpty()) {
                out.put(pid, Arrays.asList(raw.split("\0")));
            }
        });
        return out;
    }

    /** pid to the text of its /proc/PID/cgroup, for every process that could be read. */
    public static Map<Long, String> cgroups() {
        return read("cgroup");
    }

    /** pid to the text of /proc/PID/FILE; processes that end while we look are skipped; empty off Linux. */
    private static Map<Long, String> read(String file) {
        Map<Long, String> out = new LinkedHashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    out.put(Long.parseLong(name), new String(Files.readAllBytes(p.resolve(file)), StandardCharsets.UTF_8));
                } catch (IOException gone) {
                    // ended while we looked
                }
            }
        } catch (IOException noProc) {
            // not Linux: no processes to find
        }
        return out;
    }
}
