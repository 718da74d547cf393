package dev.rtbench.harness.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * A text file a user names (a workload file, a daemon.json, a config.toml), read so that every mistake is a
 * sentence: missing, a folder, a FIFO or a device (which would block or never end: refused before it is opened),
 * too large, UTF-16, a byte order mark, or bytes that are not UTF-8, with the offset of the first.
 */
public final class UserFile {

    /** What is wrong with the file, and what to do. */
    public static final class Problem extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message);
        }
    }

    private UserFile() {
    }

    /** The text of {@code file}, which {@code reader} (e.g. "a workload file") reads, of at most {@code maxBytes}. */
    public static String read(Path file, String reader, long maxBytes) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new Problem(file + " does not exist or cannot be read (" + e.getMessage() + "): give the path of "
                    + reader);
        }
        if (a.isDirectory()) {
            throw new Problem(file + " is a folder: give the path of " + reader + " in it");
        }
        if (!a.isRegularFile()) {
            throw new Problem(file + " is not a regular file (a FIFO, a device or a socket): rtbench reads " + reader
                    + " only from a regular file, which cannot block it or never end");
        }
        if (a.size() > maxBytes) {
            throw new Problem(String.format(Locale.ROOT, "%s is %d bytes: %s is at most %d; is it the right file?",
                    file, a.size(), reader, maxBytes));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Problem("cannot read " + file + ": " + e.getMessage());
        }
        return decode(bytes, file.toString(), reader);
    }

    /** {@code bytes} as UTF-8 text, or a {@link Problem} naming the encoding at fault and how to fix it. */
    public static String decode(byte[] bytes, String source, String reader) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new Problem(source + " is UTF-16 encoded: " + reader + " is read as UTF-8 only; convert it (e.g."
                    + " iconv -f UTF-16 -t UTF-8) and try again");
        }
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            throw new Problem(source + " starts with a UTF-8 byte order mark (bytes EF BB BF), which " + reader
                    + " must not have: remove it (e.g. sed -i '1s/^\\xEF\\xBB\\xBF//' " + source + ") and try again");
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            throw new Problem(String.format(Locale.ROOT, "%s is not UTF-8 text (byte 0x%02X at offset %d is not"
                    + " UTF-8), which %s must be: save it as UTF-8 (e.g. iconv -f LATIN1 -t UTF-8)", source,
                    bytes[in.position()] & 0xFF, in.position(), reader));
        }
        d.flush(out);
        return out.flip().toString();
    }
}
