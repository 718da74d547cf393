package dev.rtbench.harness.engine.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * rtbench's tracing wrapper around an OCI runtime's binary: registered in the runtime's place (a daemon.json entry's
 * path, a CRI handler's binary, dockerd's {@code runc} on its PATH), it notes the time, runs the runtime with the
 * same arguments, notes the time again and appends one line to the run's verb log: begin, end, verb, exit code.
 *
 * <p>Bash, not sh: {@code $EPOCHREALTIME} reads the host's realtime clock to the microsecond without a fork, so the
 * wrapper costs one shell's start and no {@code date}. It waits for the runtime's own process, not for its output
 * to close, so a gVisor {@code start} whose gofer keeps the pipe open is timed to the runtime's exit. Its cost is
 * measured, not assumed: {@code validate --attribute} sets runc with the wrapper against runc without it.
 */
public final class TracingWrapper {

    /** The words that name an OCI verb on runc's command line (runsc, crun and youki share them). */
    static final List<String> VERBS = List.of("create", "start", "kill", "delete", "exec", "state", "run", "pause",
            "resume", "update", "ps", "events", "checkpoint", "restore", "features", "spec", "list");

    private TracingWrapper() {}

    /**
     * Writes the wrapper of {@code runtime} as {@code dir/name}, logging to {@code log}.
     *
     * @return the wrapper's path, to register in the runtime's place
     */
    public static Path install(Path dir, String name, Path runtime, Path log) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve(name);
        Files.writeString(script, script(runtime, log), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /**
     * The script. The verb is the first argument that is one of {@link #VERBS}: the runtime's global flags come
     * before it and their values are paths and formats, never a verb's name. One {@code printf} appends the whole
     * line, so lines of wrappers running at once do not interleave.
     */
    static String script(Path runtime, Path log) {
        return "#!/bin/bash\n"
                + "# written by rtbench (--attribute): times each call of " + runtime + " and logs it\n"
                + "t0=$EPOCHREALTIME\n"
                + "verb=-\n"
                + "for a in \"$@\"; do\n"
                + "  case \"$a\" in\n"
                + "    " + String.join("|", VERBS) + ") verb=$a; break ;;\n"
                + "  esac\n"
                + "done\n"
                + quote(runtime.toString()) + " \"$@\"\n"
                + "rc=$?\n"
                + "printf '%s %s %s %s\\n' \"$t0\" \"$EPOCHREALTIME\" \"$verb\" \"$rc\" >>" + quote(log.toString())
                + "\n"
                + "exit $rc\n";
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
