package dev.rtbench.bench.validate;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.io.CleanupOnExit;
import dev.rtbench.harness.io.FileTrees;
import dev.rtbench.harness.stats.Quantiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The runtimes {@code validate} measures: two names for the same runc binary (an A/A pair), and
 * two identical wrapper scripts around runc, one of which sleeps a known time on one OCI verb before handing
 * over. Both wrappers fork the same {@code sleep} (the plain one sleeps 0 s), so their own cost cancels and the
 * difference between them is the injected delay alone.
 *
 * <p>That delay is what the sleep delivers, not its nominal value: a process woken from {@code sleep 0.1} on a busy
 * machine runs again a millisecond or two late, and a segment measured to a millisecond sees it. So each wrapper
 * also times its sleep ({@code $EPOCHREALTIME}, no fork) and {@link #deliveredMs()} gives the difference the two
 * wrappers' sleeps made: the known value the checks are judged against.
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

    /** The suffix of each wrapper's log of its timed sleeps, in its folder. */
    private static final String SLEEPS = ".sleeps";

    private final Path dir;
    private final Map<String, RuntimeEntry> entries = new LinkedHashMap<>();
    /** removes the folder at close, or when the JVM ends first (Ctrl-C, SIGTERM) */
    private final CleanupOnExit cleanup;

    private CalibrationRuntimes(Path dir) {
        this.dir = dir;
        this.cleanup = CleanupOnExit.register("rtbench-calibration", () -> FileTrees.deleteQuietly(dir));
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
            c.entries.put(DELAYED, RuntimeEntry.ofPath(c.write(DELAYED, runc, verb, delayMicros).toString(),
                    List.of()));
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the calibration runtimes: " + e.getMessage(), e);
        }
    }

    /** The daemon.json entries of the four runtimes. */
    Map<String, RuntimeEntry> entries() {
        return Map.copyOf(entries);
    }

    /**
     * The delay the wrappers delivered: the median of the delayed wrapper's timed sleeps less the median of the
     * plain one's ({@code sleep 0}, the fork and wake-up both pay), in ms; empty before both have slept.
     */
    OptionalDouble deliveredMs() {
        List<Double> delayed = sleeps(DELAYED);
        List<Double> plain = sleeps(PLAIN);
        if (delayed.isEmpty() || plain.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(median(delayed) - median(plain));
    }

    /** How many sleeps the delayed wrapper timed. */
    int delayedCalls() {
        return sleeps(DELAYED).size();
    }

    private List<Double> sleeps(String name) {
        Path log = dir.resolve(name + SLEEPS);
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try {
            List<Double> out = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                String[] w = line.strip().replace(',', '.').split(" ");
                if (w.length == 2) {
                    try {
                        out.add((Double.parseDouble(w[1]) - Double.parseDouble(w[0])) * 1000);
                    } catch (NumberFormatException e) {
                        // a line cut short by a killed wrapper: the others still count
                    }
                }
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static double median(List<Double> xs) {
        return Quantiles.median(xs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private Path write(String name, Path runc, String verb, long delayMicros) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, script(runc, verb, delayMicros, dir.resolve(name + SLEEPS)));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /**
     * The verbs whose delay comes after runc has done them. A process woken from a 100 ms sleep runs its next
     * work a little slower (cold caches): runc started after the sleep took 1.5 ms longer than runc started at
     * once, which {@code validate --attribute} saw in the start segment and failed on. After {@code create} the
     * container waits for {@code start}, and after {@code start} the shim waits for the wrapper: the delay lies in
     * the phase all the same, and runc runs warm. {@code kill}, {@code delete} and {@code exec} keep the delay
     * before runc, where the phases that hold them have been checked.
     */
    static final List<String> DELAY_AFTER = List.of("create", "start");

    /**
     * The wrapper: finds the OCI verb (the first word that is neither a flag nor the value of one of runc's
     * global flags that take a value); on the chosen verb sleeps (before runc, or after it: {@link #DELAY_AFTER})
     * and logs the sleep's begin and end to {@code sleeps}; runs runc with the same arguments.
     */
    static String script(Path runc, String verb, long delayMicros, Path sleeps) {
        String seconds = String.format(Locale.ROOT, "%d.%06d", delayMicros / 1_000_000, delayMicros % 1_000_000);
        String sleep = "  t0=$EPOCHREALTIME; sleep " + seconds + "; printf '%s %s\\n' \"$t0\" \"$EPOCHREALTIME\" >>'"
                + sleeps + "'\n";
        String delayed = DELAY_AFTER.contains(verb)
                ? "  " + runc + " \"$@\"\n  rc=$?\n" + sleep + "  exit $rc\n"
                : sleep;
        return "#!/bin/bash\n"
                + "# rtbench calibration runtime: delays OCI '" + verb + "' by " + seconds + " s"
                + (DELAY_AFTER.contains(verb) ? " after runc" : " before runc") + "\n"
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
                + "if [ \"$verb\" = \"" + verb + "\" ]; then\n"
                + delayed
                + "fi\n"
                + "exec " + runc + " \"$@\"\n";
    }

    @Override
    public void close() {
        cleanup.run();
    }
}
