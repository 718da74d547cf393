package dev.rtbench.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The side file of {@link InvocationRecord}s, one JSON object a line. Forks run one after another, so appends
 * never interleave; each line is written and flushed whole so a crashed fork loses at most its last line.
 */
public final class InvocationLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InvocationLog() {}

    public static void append(Path file, InvocationRecord r) {
        try {
            byte[] line = (JSON.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    public static List<InvocationRecord> read(Path file) {
        List<InvocationRecord> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readValue(line, InvocationRecord.class));
                } catch (IOException torn) {
                    // a line cut short by a killed fork: the samples before it still count
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
