package dev.rtbench.harness.engine.trace;

import dev.rtbench.harness.results.TimelineEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * gVisor's milestones from {@code runsc}'s own logs: with {@code --debug-log=DIR/} (and no {@code --debug}, so the
 * sentry logs at its info level, a few dozen lines per container) each runsc process writes
 * {@code runsc.log.<time>.<command>.txt} there, the sandbox's {@code boot} and the {@code gofer} included. Each line
 * carries the host's wall-clock time to the microsecond, so the milestones sit on the timelines' clock.
 *
 * <p>The milestones are the lines that runsc's 2022 release writes at info level ({@link #MILESTONES}); a release
 * that words them otherwise gives fewer milestones, never wrong ones. Read as the files grow, like {@link VerbLog}.
 */
public final class GvisorLog {

    /**
     * A line of runsc's log that marks a milestone: in the log of {@code command}, the message's beginning; a
     * milestone {@code once} counts its first line in a file only (a process writes its {@code Args:} again after
     * its re-exec, and the gofer one {@code Serving} line per mount).
     */
    record Milestone(String command, String message, String name, boolean once) {

        Milestone(String command, String message, String name) {
            this(command, message, name, false);
        }
    }

    /** What runsc (release 20221219) writes at info level on the way from {@code create} to the first process. */
    static final List<Milestone> MILESTONES = List.of(
            new Milestone("create", "Gofer started, PID", "gofer spawned"),
            new Milestone("create", "Sandbox started, PID", "sandbox spawned"),
            new Milestone("gofer", "Args: ", "gofer running", true),
            new Milestone("gofer", "Serving ", "gofer serving", true),
            new Milestone("boot", "Args: ", "sandbox running", true),
            new Milestone("boot", "Execve \"/proc/self/exe\" again", "sandbox re-exec"),
            new Milestone("boot", "Setting total memory", "sentry kernel made"),
            new Milestone("boot", "Seccomp filters installed", "seccomp installed"),
            new Milestone("boot", "Configuring container's file system", "mounting"),
            new Milestone("boot", "EXEC: ", "app exec"),
            new Milestone("boot", "Process should have started", "app started"));

    /** {@code I1203 06:37:13.611925   19866 loader.go:689] Process should have started...} */
    private static final Pattern LINE = Pattern.compile(
            "^[IWEDF](\\d{2})(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{6})\\s+\\d+\\s+\\S+\\] (.*)$");
    /** {@code runsc.log.20261203-063713.435442.boot.txt}: the command is the last word before {@code .txt} */
    private static final Pattern FILE = Pattern.compile("^runsc\\.log\\..*\\.([a-z-]+)\\.txt$");

    private final Path dir;
    private final ZoneId zone;
    private final Map<Path, Long> offsets = new HashMap<>();
    /** per file, the once-only milestones already seen */
    private final Map<Path, List<String>> seen = new HashMap<>();
    private final List<TimelineEvent> events = new ArrayList<>();

    /** @param zone the zone runsc's wall-clock times are in: the host's, which runsc shares */
    public GvisorLog(Path dir, ZoneId zone) {
        this.dir = dir;
        this.zone = zone;
    }

    public GvisorLog(Path dir) {
        this(dir, ZoneId.systemDefault());
    }

    /** The folder to give runsc as {@code --debug-log}, with the slash that makes it a folder of files. */
    public String flag() {
        return "--debug-log=" + dir + "/";
    }

    public Path dir() {
        return dir;
    }

    /** The milestones within {@code [startMicros, endMicros]} in time order, read from the files up to their current end. */
    public synchronized List<TimelineEvent> between(long startMicros, long endMicros) {
        readNew();
        return events.stream().filter(e -> e.beginMicros() >= startMicros && e.beginMicros() <= endMicros)
                .sorted(Comparator.comparingLong(TimelineEvent::beginMicros)).toList();
    }

    private void readNew() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            return;
        }
        for (Path f : files) {
            Matcher m = FILE.matcher(f.getFileName().toString());
            if (m.matches()) {
                read(f, m.group(1));
            }
        }
    }

    private void read(Path file, String command) {
        long offset = offsets.getOrDefault(file, 0L);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            if (length <= offset) {
                return;
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 16 << 20)];
            f.seek(offset);
            f.readFully(bytes);
            int end = -1;
            for (int i = bytes.length - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                return;
            }
            offsets.put(file, offset + end + 1);
            List<String> once = seen.computeIfAbsent(file, k -> new ArrayList<>());
            int year = ZonedDateTime.now(zone).getYear();
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                milestone(line, command).ifPresent(m -> {
                    if (!m.once() || !once.contains(m.name())) {
                        if (m.once()) {
                            once.add(m.name());
                        }
                        parse(line, command, year, zone).ifPresent(events::add);
                    }
                });
            }
        } catch (IOException e) {
            // read again at the next call: a sample without its milestones has fewer of them, not wrong ones
        }
    }

    /** The milestone a line of {@code command}'s log marks, as a point on the host's clock, if it marks one. */
    static Optional<TimelineEvent> parse(String line, String command, int year, ZoneId zone) {
        Matcher m = LINE.matcher(line);
        return milestone(line, command).filter(s -> m.matches()).map(s -> {
            long micros = micros(year, m, zone);
            return new TimelineEvent(s.name(), TimelineEvent.GVISOR, micros, micros);
        });
    }

    private static Optional<Milestone> milestone(String line, String command) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        String message = m.group(7);
        return MILESTONES.stream().filter(s -> s.command().equals(command) && message.startsWith(s.message()))
                .findFirst();
    }

    private static long micros(int year, Matcher m, ZoneId zone) {
        LocalDateTime t = LocalDateTime.of(year, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
        return t.atZone(zone).toEpochSecond() * 1_000_000L + Integer.parseInt(m.group(6));
    }
}
