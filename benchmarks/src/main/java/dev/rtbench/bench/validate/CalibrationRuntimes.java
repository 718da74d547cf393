package dev.rtbench.bench.validate;

import java.util.List;
import dev.rtbench.harness.daemonjson.RuntimeEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runtimes {@code validate} measures: two names for the same runc binary (an A/A pair), and
 * two identical wrapper scripts around runc, one of which sleeps a known time on one OCI verb before handing
 * over. Both wrappers fork the same {@code sleep} (the plain one sleeps 0 s), so their own cost cancels and the
 * difference between them is the injected delay alone.
 */
final class CalibrationRuntimes implements AutoCloseable {

    /**
     * The A/A pair: two daemon.json entries of the same runc binary, alike in everything but the name (dockerd's
     * built-in runc is registered differently, so it is not the other half of an A/A).
     */
    static final String A = "runc-a";
    static final String B = "runc-b";
    static final String PLAIN = "calib-plain";
    static final String DELAYED = "calib-delayed";

    /** The OCI verbs a wrapper can delay: those containerd's runc shim calls. */
    static final List<String> VERBS = List.of("create", "start", "kill", "delete", "exec");

    private final Path dir;
    private final Map<String, RuntimeEntry> entries = new LinkedHashMap<>();

    private CalibrationRuntimes(Path dir) {
        this.dir = dir;
    }

    /** Writes the wrappers (under /tmp, short: dockerd and the shim pass these paths around) around {@code runc}. */
    static CalibrationRuntimes create(Path runc, String verb, long delayMicros) {
        if (!VERBS.contains(verb)) {
            throw new IllegalArgumentException("--inject-verb must be one of " + VERBS + ", got \"" + verb + "\"");
        }
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "rtb-calib-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            CalibrationRuntimes c = new CalibrationRuntimes(dir);
            c.entries.put(A, RuntimeEntry.ofPath(runc.toString(), List.of()));
            c.entries.put(B, RuntimeEntry.ofPath(runc.toString(), List.of()));
            c.entries.put(PLAIN, RuntimeEntry.ofPath(c.write(PLAIN, runc, verb, 0).toString(), List.of()));
            c.entries.put(DELAYED, RuntimeEntry.ofPath(c.write(DELAYED, runc, verb, delayMicros).toString(), List.of()));
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the calibration runtimes: " + e.getMessage(), e);
        }
    }

    /** The daemon.json entries of the four runtimes. */
    Map<String, RuntimeEntry> entries() {
        return Map.copyOf(entries);
    }

    private Path write(String name, Path runc, String verb, long delayMicros) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, script(runc, verb, delayMicros));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /**
     * The wrapper: finds the OCI verb (the first word that is neither a flag nor the value of one of runc's
     * global flags that take a value), sleeps on the chosen verb, then becomes runc with the same arguments.
     */
    static String script(Path runc, String verb, long delayMicros) {
        String seconds = String.format(Locale.ROOT, "%d.%06d", delayMicros / 1_000_000, delayMicros % 1_000_000);
        return "#!/bin/sh\n"
                + "# rtbench calibration runtime: delays OCI '" + verb + "' by " + seconds + " s, then runs runc\n"
                + "verb=\n"
                + "skip=\n"
                + "for a in \"$@\"; do\n"
                + "  if [ -n \"$skip\" ]; then skip=; continue; fi\n"
                + "  case \"$a\" in\n"
                + "    --root|--log|--log-format|--criu|--rootless) skip=1 ;;\n"
                + "    -*) ;;\n"
                + "    *) verb=$a; break ;;\n"
                + "  esac\n"
                + "done\n"
                + "if [ \"$verb\" = \"" + verb + "\" ]; then sleep " + seconds + "; fi\n"
                + "exec " + runc + " \"$@\"\n";
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder of three small scripts: not worth failing the validation over
        }
    }
}
