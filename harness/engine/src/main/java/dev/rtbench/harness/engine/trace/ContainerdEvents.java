package dev.rtbench.harness.engine.trace;

import dev.rtbench.harness.io.CleanupOnExit;
import dev.rtbench.harness.io.Executables;
import dev.rtbench.harness.io.Subprocess;
import dev.rtbench.harness.results.Timeline;
import dev.rtbench.harness.results.TimelineEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * containerd's events, as its events API publishes them with containerd's own timestamps: the task's create,
 * start, exit and delete, a container's create and delete, an exec's start. Read through {@code ctr events}, the
 * client containerd ships, from the moment the run subscribes to its end; every namespace (dockerd's {@code moby},
 * the CRI's {@code k8s.io}).
 */
public final class ContainerdEvents implements AutoCloseable {

    private final Path socket;
    private final Process process;
    private final CleanupOnExit cleanup;
    private final List<TimelineEvent> events = new ArrayList<>();
    private String ended;

    private ContainerdEvents(Path socket, Process process) {
        this.socket = socket;
        this.process = process;
        this.cleanup = CleanupOnExit.register("rtbench-containerd-events", () -> Subprocess.end(process,
                Subprocess.TERM_GRACE));
        Thread reader = new Thread(this::read, "containerd-events");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Subscribes to the containerd at {@code socket}.
     *
     * @throws IllegalStateException when there is no {@code ctr} to read them with, or it cannot run
     */
    public static ContainerdEvents subscribe(Path socket) {
        Path ctr = Executables.find("ctr", Executables.hostDirs()).orElseThrow(() -> new IllegalStateException(
                "ctr is not installed: it comes with containerd (on Debian: apt-get install containerd)"));
        try {
            Process p = new ProcessBuilder(ctr.toString(), "--address", socket.toString(), "events")
                    .redirectErrorStream(true).start();
            return new ContainerdEvents(socket, p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ctr events: " + e.getMessage(), e);
        }
    }

    public Path socket() {
        return socket;
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Optional<TimelineEvent> e = parse(line);
                synchronized (this) {
                    if (e.isPresent()) {
                        events.add(e.get());
                        notifyAll();
                    } else if (ended == null && !line.isBlank() && events.isEmpty()) {
                        // ctr's complaint before any event: the reason a run's timelines lack containerd's events
                        ended = line.strip();
                    }
                }
            }
        } catch (IOException e) {
            // the stream ends when ctr is stopped
        }
        synchronized (this) {
            if (ended == null) {
                ended = "ctr events ended";
            }
            ended = "containerd's events stopped arriving: " + ended;
            notifyAll();
        }
    }

    /**
     * The events at {@code [startMicros, endMicros]}, once {@code lag} has passed since {@code endMicros}: ctr
     * prints an event a moment after containerd publishes it, and nothing says when the last of a window's has come
     * (an exec's window is followed by no event at all), so the wait is by the clock.
     */
    public synchronized List<TimelineEvent> between(long startMicros, long endMicros, Duration lag) {
        long until = endMicros + lag.toNanos() / 1000;
        for (long now = Timeline.nowMicros(); now < until && process.isAlive(); now = Timeline.nowMicros()) {
            try {
                wait(Math.max(1, (until - now) / 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return events.stream().filter(e -> e.beginMicros() >= startMicros && e.beginMicros() <= endMicros).toList();
    }

    /** Why events no longer arrive, or empty while they do. */
    public synchronized Optional<String> problem() {
        return process.isAlive() ? Optional.empty() : Optional.of(ended == null ? "ctr events exited" : ended);
    }

    /**
     * A line of {@code ctr events}: {@code 2026-12-03 00:30:00.123456789 +0000 UTC moby /tasks/create {...}}
     * (Go's time format, then the namespace, the topic and the event); empty when it is not one.
     */
    static Optional<TimelineEvent> parse(String line) {
        String[] w = line.strip().split(" ", 7);
        if (w.length < 6 || !w[5].startsWith("/")) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(w[0]);
            LocalTime time = LocalTime.parse(w[1]);
            ZoneOffset offset = ZoneOffset.of(w[2].substring(0, 3) + ":" + w[2].substring(3));
            OffsetDateTime at = OffsetDateTime.of(date, time, offset);
            long micros = at.toEpochSecond() * 1_000_000L + at.getNano() / 1000;
            return Optional.of(new TimelineEvent(w[5], TimelineEvent.CONTAINERD, micros, micros));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        cleanup.run();
    }
}
