package dev.rtbench.harness.engine.docker;

import dev.rtbench.harness.engine.EngineException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON-lines progress stream the daemon answers an image import or build with: one JSON object per message
 * ({@code {"status": ...}}, {@code {"stream": ...}}, {@code {"aux": ...}}). The HTTP status is 200 even when the
 * work failed; the failure is a message with an {@code error} or {@code errorDetail} field.
 */
final class ProgressStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProgressStream() {}

    /** The messages of a stream, in order. */
    static List<JsonNode> messages(String body) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = JSON.readerFor(JsonNode.class).readValues(body)) {
            while (it.hasNextValue()) {
                out.add(it.nextValue());
            }
        } catch (JsonProcessingException | RuntimeException e) {
            throw new EngineException("the daemon's progress stream is not JSON lines: " + shorten(body), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The first error the stream reports, or null when it reports none. */
    static String error(String body) {
        for (JsonNode m : messages(body)) {
            if (!m.isObject()) {
                continue;
            }
            JsonNode detail = m.path("errorDetail").path("message");
            if (detail.isTextual() && !detail.asText().isBlank()) {
                return detail.asText().strip();
            }
            if (m.has("error")) {
                String e = m.get("error").isTextual() ? m.get("error").asText() : m.get("error").toString();
                return e.isBlank() ? m.toString() : e.strip();
            }
            if (m.has("errorDetail")) {
                return m.get("errorDetail").toString();
            }
        }
        return null;
    }

    /** Throws naming {@code what} when the stream reports an error. */
    static void check(String what, String body) {
        String error = error(body);
        if (error != null) {
            throw new EngineException(what + " failed: " + error);
        }
    }

    private static String shorten(String s) {
        String t = s.strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
