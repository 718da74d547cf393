package dev.rtbench.harness.engine.trace;

import dev.rtbench.harness.results.TimelineEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tracing wrappers' log, read as it grows: each line one OCI verb's (or CNI plugin call's) begin and end on the
 * host's realtime clock (seconds with a fraction, as bash's {@code $EPOCHREALTIME} prints them), its name and its
 * exit code.
 */
public final class VerbLog {

    private static final String CNI_PREFIX = "cni:";

    private final Path file;
    private final List<TimelineEvent> events = new ArrayList<>();
    private long offset;
    private int malformed;

    public VerbLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The verbs that overlap {@code [startMicros, endMicros]}, read from the file up to its current end. */
    public synchronized List<TimelineEvent> between(long startMicros, long endMicros) {
        readNew();
        return events.stream().filter(e -> e.endMicros() >= startMicros && e.beginMicros() <= endMicros).toList();
    }

    /** Lines that could not be read as a verb's record (none, unless the file was written by something else). */
    public synchronized int malformed() {
        return malformed;
    }

    private void readNew() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            if (length <= offset) {
                return;
            }
            byte[] bytes = new byte[(int) (length - offset)];
            f.seek(offset);
            f.readFully(bytes);
            // only whole lines: a wrapper may be writing the next one now
            int end = lastNewline(bytes);
            if (end < 0) {
                return;
            }
            offset += end + 1;
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                TimelineEvent e = parse(line);
                if (e == null) {
                    malformed++;
                } else {
                    events.add(e);
                }
            }
        } catch (IOException e) {
            // read again at the next call: a sample without its verbs says so in its timeline
        }
    }

    private static int lastNewline(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * A line {@code "1796257426.807493 1796257426.817493 create 0"}, or null when it is not one. A CNI plugin's
     * wrapper writes {@code cni:ADD:bridge} for the verb: the event {@code ADD bridge} of {@link TimelineEvent#CNI}.
     */
    static TimelineEvent parse(String line) {
        String[] w = line.strip().split(" ");
        if (w.length != 4) {
            return null;
        }
        long begin = micros(w[0]);
        long end = micros(w[1]);
        if (begin < 0 || end < begin || w[2].isEmpty()) {
            return null;
        }
        if (w[2].startsWith(CNI_PREFIX)) {
            String[] c = w[2].split(":");
            return c.length == 3 && !c[1].isEmpty() && !c[2].isEmpty()
                    ? new TimelineEvent(c[1] + " " + c[2], TimelineEvent.CNI, begin, end) : null;
        }
        return new TimelineEvent(w[2], TimelineEvent.OCI, begin, end);
    }

    /**
     * Seconds with six decimals to microseconds; -1 when it is not that. The locale's decimal sign is bash's: a
     * comma where the shim's locale says so.
     */
    static long micros(String s) {
        int dot = Math.max(s.indexOf('.'), s.indexOf(','));
        if (dot <= 0 || s.length() - dot - 1 != 6) {
            return -1;
        }
        try {
            return Long.parseLong(s.substring(0, dot)) * 1_000_000L + Long.parseLong(s.substring(dot + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
