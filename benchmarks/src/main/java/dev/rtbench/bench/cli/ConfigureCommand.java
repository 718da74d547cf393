package dev.rtbench.bench.cli;

import dev.rtbench.harness.daemonjson.DaemonConfig;
import dev.rtbench.harness.daemonjson.DaemonConfigException;
import dev.rtbench.harness.daemonjson.DaemonJsonFile;
import dev.rtbench.harness.daemonjson.DaemonJsonLock;
import dev.rtbench.harness.daemonjson.DockerVersion;
import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.daemonjson.UnifiedDiff;
import dev.rtbench.harness.engine.docker.DaemonReload;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.io.ConfigFileException;
import dev.rtbench.harness.runtime.Detection;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code configure}: registers runtimes in a daemon.json without losing a byte of the rest. Prints the diff,
 * validates against Docker's rules, writes atomically with a backup; {@code --reload} makes the daemon take it
 * up and rolls the file back when the daemon does not show the result.
 *
 * <p>Every refusal is one line on stderr with exit status 2, and leaves the file as it was. A real edit holds
 * the file's {@link DaemonJsonLock} from reading the file to renaming the new one (and through
 * {@code --reload}), so two configure runs on one file take turns and both edits survive.
 */
public final class ConfigureCommand extends OptionCommand {

    private final OptionSpec<String> file = parser.accepts("daemon-json", "the file to edit")
            .withRequiredArg().defaultsTo(DaemonReload.SYSTEM_DAEMON_JSON.toString());
    private final OptionSpec<String> runtime = parser.accepts("runtime",
            "NAME or NAME=/ABSOLUTE/PATH: add a runtime (a catalogue NAME finds its binary; repeatable)")
            .withRequiredArg();
    private final OptionSpec<String> runtimeArg = parser.accepts("runtime-arg",
            "NAME=ARG: runtimeArgs for a --runtime, replacing the catalogue's (repeatable)").withRequiredArg();
    private final OptionSpec<String> remove = parser.accepts("remove", "NAME: remove a runtime (repeatable)")
            .withRequiredArg();
    private final OptionSpec<String> defaultRuntime = parser.accepts("default", "NAME: set default-runtime")
            .withRequiredArg();
    private final OptionSpec<Void> replace = parser.accepts("replace",
            "let --runtime replace an existing entry of that name (its other fields are kept)");
    private final OptionSpec<Void> force = parser.accepts("force",
            "register a catalogue runtime although it is known not to run here (see `runtimes`, `doctor`)");
    private final OptionSpec<Void> dryRun = parser.accepts("dry-run", "print the diff, write nothing");
    private final OptionSpec<Void> restore = parser.accepts("restore", "bring back the newest backup");
    private final OptionSpec<Void> reload = parser.accepts("reload",
            "SIGHUP the daemon that reads the file, check GET /info, roll back when the runtimes did not appear");
    private final OptionSpec<Void> create = parser.accepts("create", "create the file when it does not exist");
    private final OptionSpec<String> containerdConfig = parser.accepts("containerd-config",
            "edit this containerd config.toml's CRI runtime handlers instead of a daemon.json (with --runtime, --remove,"
            + " --replace, --force, --dry-run, --restore, --create); prints the Kubernetes RuntimeClass of each handler")
            .withRequiredArg().describedAs("FILE");
    private final OptionSpec<String> dockerHost = parser.accepts("docker-host",
            "where the daemon answers, for --reload and its Docker version (default: DOCKER_HOST, then the default socket)")
            .withRequiredArg();

    private final Function<RuntimeProfile, Detection> detector;
    private final Supplier<String> fixedDockerVersion;
    private final CriHost criHost;

    public ConfigureCommand() {
        this(RuntimeCatalogue::detectWithPlatformCheck, null, CriHost.local());
    }

    /** For tests: how catalogue runtimes are found on this host, and the Docker version (null: ask the host). */
    ConfigureCommand(Function<RuntimeProfile, Detection> detector, Supplier<String> dockerVersion) {
        this(detector, dockerVersion, CriHost.local());
    }

    /** For tests: also where containerd shims are and the installed containerd's version. */
    ConfigureCommand(Function<RuntimeProfile, Detection> detector, Supplier<String> dockerVersion, CriHost criHost) {
        super("configure", 0);
        this.detector = detector;
        this.fixedDockerVersion = dockerVersion;
        this.criHost = criHost;
    }

    /** What {@code --reload} found. */
    private enum Reload { APPLIED, NO_DAEMON, FAILED }

    @Override
    protected String usage() {
        return "usage: java -jar benchmarks.jar configure --daemon-json FILE --runtime NAME[=PATH] ..."
                + " [--runtime-arg NAME=ARG ...] [--default NAME] [--replace] [--force] [--dry-run] [--restore] [--reload]\n"
                + "   or: java -jar benchmarks.jar configure --containerd-config FILE --runtime NAME[=PATH] ..."
                + " [--remove NAME] [--replace] [--force] [--dry-run] [--restore] [--create]";
    }

    /** Every refusal is one line. */
    @Override
    protected int usageError(String message, PrintStream err) {
        err.println("configure: " + oneLine(message) + " (see configure --help)");
        return 2;
    }

    @Override
    protected int execute(OptionSet o, List<String> operands, PrintStream out, PrintStream err) {
        try {
            if (o.has(containerdConfig)) {
                return containerd(o, out, err);
            }
            Path path = Path.of(o.valueOf(file));
            return o.has(restore) ? restore(o, path, out, err) : edit(o, path, out, err);
        } catch (ConfigFileException e) {
            if (e.problems().size() > 1) {
                err.println("configure: " + e.getMessage());
            } else {
                err.println("configure: " + oneLine(e.problems().isEmpty() ? e.getMessage() : e.problems().get(0)
                        + "; nothing was written"));
            }
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("configure: " + oneLine(e.getMessage()));
            return 2;
        }
    }

    /** config.toml instead of daemon.json: the options that mean something only for dockerd are refused, with why. */
    private int containerd(OptionSet o, PrintStream out, PrintStream err) {
        Map<OptionSpec<?>, String> dockerOnly = new LinkedHashMap<>();
        dockerOnly.put(file, "--daemon-json and --containerd-config name different files: give one");
        dockerOnly.put(runtimeArg, "--runtime-arg does not apply to containerd's config.toml: its runc shim's BinaryName"
                + " takes no arguments; register a wrapper script that adds them (--runtime NAME=/path/to/wrapper)");
        dockerOnly.put(defaultRuntime, "--default does not apply to --containerd-config: a pod chooses its handler through"
                + " a RuntimeClass; containerd's own default_runtime_name is left to you");
        dockerOnly.put(reload, "--reload applies to dockerd; " + CriConfigure.RESTART);
        dockerOnly.put(dockerHost, "--docker-host does not apply to --containerd-config");
        for (var e : dockerOnly.entrySet()) {
            if (o.has(e.getKey())) {
                throw new UsageException(e.getValue());
            }
        }
        var request = new CriConfigure.Request(Path.of(o.valueOf(containerdConfig)), o.valuesOf(runtime), o.valuesOf(remove),
                o.has(replace), o.has(force), o.has(dryRun), o.has(restore), o.has(create));
        return new CriConfigure(detector, criHost).run(request, out, err);
    }

    private int restore(OptionSet o, Path path, PrintStream out, PrintStream err) {
        if (o.has(runtime) || o.has(remove) || o.has(defaultRuntime) || o.has(runtimeArg)) {
            throw new UsageException("--restore brings back a backup whole: give it no edits");
        }
        if (o.has(dryRun)) {
            List<Path> b = DaemonJsonFile.backups(path);
            out.println(b.isEmpty() ? "no backup of " + path : "would restore " + path + " from " + b.get(b.size() - 1));
            return 0;
        }
        try (DaemonJsonLock lock = DaemonJsonLock.acquire(path)) {
            var r = DaemonJsonFile.restore(path);
            out.println("restored " + r.file() + " from " + r.restoredFrom()
                    + (r.replacedCopy() == null ? "" : "; what it held is saved as " + r.replacedCopy()));
            if (!o.has(reload)) {
                return 0;
            }
            return reloadAndCheck(o, path, DaemonConfig.load(path), Set.of(), null, out, err) == Reload.FAILED ? 1 : 0;
        }
    }

    private int edit(OptionSet o, Path path, PrintStream out, PrintStream err) {
        List<ConfigureInputs.Wanted> wanted = ConfigureInputs.wanted(o.valuesOf(runtime), o.valuesOf(runtimeArg),
                o.valuesOf(remove));
        if (!o.has(runtime) && !o.has(remove) && !o.has(defaultRuntime)) {
            throw new UsageException("nothing to do: give --runtime, --remove, --default or --restore");
        }
        String version = ConfigureInputs.dockerVersion(fixedDockerVersion, o.valueOf(dockerHost));
        DockerVersion docker = DockerVersion.parseNullable(version);
        Map<String, RuntimeEntry> entries = new LinkedHashMap<>();
        ConfigureInputs inputs = new ConfigureInputs(detector);
        for (ConfigureInputs.Wanted w : wanted) {
            entries.put(w.name(), inputs.entry(w, docker, o.has(force), err));
        }
        if (o.has(dryRun)) {
            return apply(o, path, entries, docker, version, out, err, null);
        }
        makeRoomForLock(path, o.has(create));
        try (DaemonJsonLock lock = DaemonJsonLock.acquire(path)) {
            return apply(o, path, entries, docker, version, out, err, lock);
        }
    }

    /**
     * The lock file sits beside daemon.json: a missing file is reported as such (not as a lock failure), and with
     * {@code --create} its folder is made first.
     */
    private static void makeRoomForLock(Path path, boolean create) {
        if (Files.exists(path)) {
            return;
        }
        if (!create) {
            DaemonConfig.load(path);   // throws: the file does not exist, pass --create
        }
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new DaemonConfigException("cannot create the folder of " + path + ": " + e.getMessage());
        }
    }

    private int apply(OptionSet o, Path path, Map<String, RuntimeEntry> entries, DockerVersion docker, String version,
            PrintStream out, PrintStream err, DaemonJsonLock lock) {
        DaemonConfig before = DaemonConfig.load(path, o.has(create));
        DaemonConfig after = before;
        List<String> replacing = new ArrayList<>();
        for (Map.Entry<String, RuntimeEntry> e : entries.entrySet()) {
            String name = e.getKey();
            RuntimeEntry entry = keepArgs(before.runtimes().get(name), e.getValue(), name, o);
            RuntimeEntry existing = before.runtimes().get(name);
            if (existing != null && !existing.equals(entry)) {
                if (!o.has(replace)) {
                    throw new UsageException("runtime \"" + name + "\" is already registered at " + before.locationOf(name)
                            + " as " + existing.toJson() + "; pass --replace to make it " + entry.toJson()
                            + " (its other fields are kept)");
                }
                replacing.add("replacing runtime \"" + name + "\" at " + before.locationOf(name) + ": " + existing.toJson()
                        + " becomes " + entry.toJson() + " (other fields kept)");
            }
            after = after.withRuntimeFields(name, entry);
        }
        for (String name : new LinkedHashSet<>(o.valuesOf(remove))) {
            if (!after.runtimes().containsKey(name)) {
                throw new UsageException("cannot remove \"" + name + "\": " + path + " has no such runtime; it has "
                        + after.runtimes().keySet());
            }
            after = after.withoutRuntime(name);
        }
        if (o.has(defaultRuntime)) {
            after = after.withDefaultRuntime(o.valueOf(defaultRuntime));
        }
        List<String> problems = new ArrayList<>(after.problems(docker));
        problems.addAll(after.pathProblems());
        if (problems.size() == 1) {
            err.println("configure: " + problems.get(0) + "; nothing was written");
            return 2;
        }
        if (!problems.isEmpty()) {
            err.println("configure: " + path + " would break Docker's rules" + (version == null ? "" : " (Docker " + version + ")")
                    + " in " + problems.size() + " ways; nothing was written:");
            problems.forEach(p -> err.println("  - " + p));
            return 2;
        }
        replacing.forEach(r -> err.println("configure: warning: " + r));
        String diff = UnifiedDiff.unifiedDiff(before.text(), after.text(), path.toString());
        out.print(diff.isEmpty() ? path + ": no change\n" : diff);
        if (lock == null) {
            out.println("(dry run: nothing written)");
            return 0;
        }
        var receipt = DaemonJsonFile.write(path, after, o.has(create), docker);
        if (receipt.changed()) {
            out.println("wrote " + path + (receipt.backup() == null ? " (new file)" : "; backup: " + receipt.backup()));
        }
        if (!o.has(reload)) {
            return 0;
        }
        Reload r = reloadAndCheck(o, path, after, entries.keySet(), o.valueOf(defaultRuntime), out, err);
        if (r != Reload.FAILED) {
            return 0;
        }
        if (!receipt.changed()) {
            err.println("configure: " + path + " was not changed, so there is nothing to roll back");
            return 1;
        }
        DaemonJsonFile.rollback(receipt);
        err.println("configure: rolled " + path + " back to what it held before");
        try {
            DaemonReload.findDaemon(path).ifPresent(DaemonReload::signal);
        } catch (EngineException e) {
            err.println("configure: could not signal the daemon again: " + e.getMessage());
        }
        return 1;
    }

    /**
     * A runtime named on the command line without {@code --runtime-arg} and unknown to the catalogue has no
     * arguments of its own: an existing entry's arguments are kept rather than silently dropped.
     */
    private RuntimeEntry keepArgs(RuntimeEntry existing, RuntimeEntry entry, String name, OptionSet o) {
        boolean argsGiven = o.valuesOf(runtimeArg).stream().anyMatch(a -> a.startsWith(name + "="));
        if (existing == null || argsGiven || RuntimeCatalogue.find(name).isPresent()
                || !entry.hasPath() || !existing.hasPath() || !entry.runtimeArgs().isEmpty()) {
            return entry;
        }
        return RuntimeEntry.ofPath(entry.path(), existing.runtimeArgs());
    }

    private Reload reloadAndCheck(OptionSet o, Path path, DaemonConfig now, Set<String> added, String def,
            PrintStream out, PrintStream err) {
        Long pid = DaemonReload.findDaemon(path).orElse(null);
        if (pid == null) {
            out.println("no running dockerd reads " + path + " (started with --config-file " + path
                    + (path.equals(DaemonReload.SYSTEM_DAEMON_JSON) ? ", or without --config-file" : "")
                    + "): nothing to reload; the file is kept and takes effect when the daemon next starts");
            return Reload.NO_DAEMON;
        }
        Set<String> expected = new HashSet<>(now.runtimes().keySet());
        expected.addAll(added);
        Set<String> gone = new HashSet<>(o.valuesOf(remove));
        try (DockerEngine engine = DockerEngine.connect(o.valueOf(dockerHost), Duration.ofSeconds(10))) {
            var outcome = DaemonReload.reload(pid, engine, expected, gone, def, Duration.ofSeconds(10));
            if (outcome.applied()) {
                out.println("reloaded dockerd (pid " + pid + "): runtimes " + outcome.runtimes().keySet()
                        + ", default " + outcome.defaultRuntime());
                return Reload.APPLIED;
            }
            err.println("configure: " + outcome.problem());
            return Reload.FAILED;
        } catch (EngineException e) {
            err.println("configure: reloading dockerd (pid " + pid + ") could not be checked: " + e.getMessage());
            return Reload.FAILED;
        }
    }
}
