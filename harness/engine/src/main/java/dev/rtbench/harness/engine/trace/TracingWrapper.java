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
 *
 * <p>A pod network's CNI plugins get a wrapper of the same shape ({@link #installCni}): containerd runs the plugins
 * of its {@code bin_dir}, and a plugin that delegates (bridge to host-local) finds the wrapper of the other there
 * too, so each call is logged, nested ones included, with the CNI command it was given ({@code ADD}, {@code DEL}).
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
        return install(dir, name, runtime, log, List.of());
    }

    /**
     * As {@link #install(Path, String, Path, Path)}, the runtime called with {@code leading} before the arguments
     * it is given: global flags, such as the folder runsc writes its own log to ({@link GvisorLog#flag()}).
     */
    public static Path install(Path dir, String name, Path runtime, Path log, List<String> leading)
            throws IOException {
        return write(dir, name, script(runtime, log, leading));
    }

    /**
     * Writes the wrapper of the CNI plugin {@code plugin} as {@code dir/name}, logging to {@code log}: one line per
     * call, its verb {@code cni:<CNI_COMMAND>:<name>} ({@link VerbLog} reads it as a CNI event). The plugin reads its
     * configuration on stdin and answers on stdout; the wrapper passes both through untouched.
     *
     * @return the wrapper's path
     */
    public static Path installCni(Path dir, String name, Path plugin, Path log) throws IOException {
        return write(dir, name, cniScript(name, plugin, log));
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir);
        Path script = dir.resolve(name);
        Files.writeString(script, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** The CNI wrapper's script: the command is the plugin's environment, not an argument. */
    static String cniScript(String name, Path plugin, Path log) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a CNI plugin's name is a file name, got \"" + name + "\"");
        }
        return "#!/bin/bash\n"
                + "# written by rtbench (--attribute): times each call of the CNI plugin " + plugin + " and logs it\n"
                + "t0=$EPOCHREALTIME\n"
                + quote(plugin.toString()) + " \"$@\"\n"
                + "rc=$?\n"
                + "printf '%s %s cni:%s:%s %s\\n' \"$t0\" \"$EPOCHREALTIME\" \"${CNI_COMMAND:--}\" " + quote(name)
                + " \"$rc\" >>" + quote(log.toString()) + "\n"
                + "exit $rc\n";
    }

    /**
     * The script. The verb is the first argument that is one of {@link #VERBS}: the runtime's global flags come
     * before it and their values are paths and formats, never a verb's name. One {@code printf} appends the whole
     * line, so lines of wrappers running at once do not interleave.
     */
    static String script(Path runtime, Path log) {
        return script(runtime, log, List.of());
    }

    static String script(Path runtime, Path log, List<String> leading) {
        return "#!/bin/bash\n"
                + "# written by rtbench (--attribute): times each call of " + runtime + " and logs it\n"
                + "t0=$EPOCHREALTIME\n"
                + "verb=-\n"
                + "for a in \"$@\"; do\n"
                + "  case \"$a\" in\n"
                + "    " + String.join("|", VERBS) + ") verb=$a; break ;;\n"
                + "  esac\n"
                + "done\n"
                + quote(runtime.toString()) + leading.stream().map(a -> " " + quote(a)).reduce("", String::concat)
                + " \"$@\"\n"
                + "rc=$?\n"
                + "printf '%s %s %s %s\\n' \"$t0\" \"$EPOCHREALTIME\" \"$verb\" \"$rc\" >>" + quote(log.toString())
                + "\n"
                + "exit $rc\n";
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
