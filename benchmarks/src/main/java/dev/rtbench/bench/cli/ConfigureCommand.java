package dev.rtbench.bench.cli;

import dev.rtbench.harness.daemonjson.DaemonConfig;
import dev.rtbench.harness.daemonjson.DaemonConfigException;
import dev.rtbench.harness.daemonjson.DaemonJsonFile;
import dev.rtbench.harness.daemonjson.DockerVersion;
import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.daemonjson.UnifiedDiff;
import dev.rtbench.harness.engine.DaemonReload;
import dev.rtbench.harness.engine.DockerEngine;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.runtime.Detection;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code configure}: registers runtimes in a daemon.json without losing a byte of the rest. Prints the diff,
 * validates against Docker's rules, writes atomically with a backup; {@code --reload} makes the daemon take it
 * up and rolls the file back when the daemon does not show the result.
 */
public final class ConfigureCommand implements Command {

    private final OptionParser parser = new OptionParser();
    private final OptionSpec<String> file = parser.accepts("daemon-json", "the file to edit")
            .withRequiredArg().defaultsTo(DaemonReload.SYSTEM_DAEMON_JSON.toString());
    private final OptionSpec<String> runtime = parser.accepts("runtime",
            "NAME or NAME=PATH: add or update a runtime (a catalogue NAME finds its binary; repeatable)")
            .withRequiredArg();
    private final OptionSpec<String> runtimeArg = parser.accepts("runtime-arg",
            "NAME=ARG: runtimeArgs for a --runtime, replacing the catalogue's (repeatable)").withRequiredArg();
    private final OptionSpec<String> remove = parser.accepts("remove", "NAME: remove a runtime (repeatable)")
            .withRequiredArg();
    private final OptionSpec<String> defaultRuntime = parser.accepts("default", "NAME: set default-runtime")
            .withRequiredArg();
    private final OptionSpec<Void> dryRun = parser.accepts("dry-run", "print the diff, write nothing");
    private final OptionSpec<Void> restore = parser.accepts("restore", "bring back the newest backup");
    private final OptionSpec<Void> reload = parser.accepts("reload",
            "SIGHUP the daemon that reads the file, check GET /info, roll back when the runtimes did not appear");
    private final OptionSpec<Void> create = parser.accepts("create", "create the file when it does not exist");
    private final OptionSpec<String> dockerHost = parser.accepts("docker-host",
            "where the daemon answers, for --reload and its Docker version (default: DOCKER_HOST, then the default socket)")
            .withRequiredArg();
    private final OptionSpec<Void> help = parser.acceptsAll(List.of("h", "help"), "this help").forHelp();

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        OptionSet o = CliOptions.parse(parser, args);
        if (o.has(help)) {
            CliOptions.printHelp(parser, "usage: java -jar benchmarks.jar configure --daemon-json FILE --runtime NAME[=PATH] ..."
                    + " [--runtime-arg NAME=ARG ...] [--default NAME] [--dry-run] [--restore] [--reload]", out);
            return 0;
        }
        Path path = Path.of(o.valueOf(file));
        try {
            if (o.has(restore)) {
                if (o.has(runtime) || o.has(remove) || o.has(defaultRuntime)) {
                    throw new UsageException("--restore brings back a backup whole: give it no edits");
                }
                if (o.has(dryRun)) {
                    List<Path> b = DaemonJsonFile.backups(path);
                    out.println(b.isEmpty() ? "no backup of " + path : "would restore " + path + " from " + b.get(b.size() - 1));
                    return 0;
                }
                var r = DaemonJsonFile.restore(path);
                out.println("restored " + r.file() + " from " + r.restoredFrom()
                        + (r.replacedCopy() == null ? "" : "; what it held is saved as " + r.replacedCopy()));
                if (o.has(reload)) {
                    DaemonConfig now = DaemonConfig.load(path);
                    return reloadAndCheck(o, path, now, Set.of(), null, out, err) ? 0 : 1;
                }
                return 0;
            }
            return edit(o, path, out, err);
        } catch (DaemonConfigException e) {
            err.println("configure: " + e.getMessage());
            return 2;
        }
    }

    private int edit(OptionSet o, Path path, PrintStream out, PrintStream err) {
        if (!o.has(runtime) && !o.has(remove) && !o.has(defaultRuntime)) {
            throw new UsageException("nothing to do: give --runtime, --remove, --default or --restore");
        }
        DaemonConfig before = DaemonConfig.load(path, o.has(create));
        String version = dockerVersion(o);
        DockerVersion docker = DockerVersion.parseNullable(version);
        Map<String, List<String>> args = new LinkedHashMap<>();
        for (String a : o.valuesOf(runtimeArg)) {
            int i = a.indexOf('=');
            if (i <= 0) {
                throw new UsageException("--runtime-arg takes NAME=ARG, got \"" + a + "\"");
            }
            args.computeIfAbsent(a.substring(0, i), k -> new ArrayList<>()).add(a.substring(i + 1));
        }
        DaemonConfig after = before;
        Set<String> added = new HashSet<>();
        for (String r : o.valuesOf(runtime)) {
            int i = r.indexOf('=');
            String name = i < 0 ? r : r.substring(0, i);
            String binary = i < 0 ? null : r.substring(i + 1);
            after = after.withRuntime(name, entry(name, binary, args.remove(name), docker));
            added.add(name);
        }
        if (!args.isEmpty()) {
            throw new UsageException("--runtime-arg for " + args.keySet() + " without a --runtime of that name");
        }
        Set<String> removed = new HashSet<>(o.valuesOf(remove));
        for (String name : removed) {
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
        if (!problems.isEmpty()) {
            err.println("configure: " + path + " would break Docker's rules" + (version == null ? "" : " (Docker " + version + ")")
                    + "; nothing was written:");
            problems.forEach(p -> err.println("  - " + p));
            return 2;
        }
        String diff = UnifiedDiff.unifiedDiff(before.text(), after.text(), path.toString());
        out.print(diff.isEmpty() ? path + ": no change\n" : diff);
        if (o.has(dryRun)) {
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
        boolean ok = reloadAndCheck(o, path, after, added, o.valueOf(defaultRuntime), out, err);
        if (!ok) {
            DaemonJsonFile.rollback(receipt);
            err.println("rolled " + path + " back to what it held before");
            try {
                DaemonReload.findDaemon(path).ifPresent(DaemonReload::signal);
            } catch (EngineException e) {
                err.println("(could not signal the daemon again: " + e.getMessage() + ")");
            }
            return 1;
        }
        return 0;
    }

    private boolean reloadAndCheck(OptionSet o, Path path, DaemonConfig now, Set<String> added, String def,
            PrintStream out, PrintStream err) {
        Long pid = DaemonReload.findDaemon(path).orElse(null);
        if (pid == null) {
            err.println("configure: no running dockerd reads " + path + " (started with --config-file " + path
                    + (path.equals(DaemonReload.SYSTEM_DAEMON_JSON) ? ", or without --config-file" : "")
                    + "): nothing to reload; the file takes effect when the daemon starts");
            return false;
        }
        Set<String> expected = new HashSet<>(now.runtimes().keySet());
        expected.addAll(added);
        Set<String> gone = new HashSet<>(o.valuesOf(remove));
        try (DockerEngine engine = DockerEngine.connect(o.valueOf(dockerHost), Duration.ofSeconds(10))) {
            var outcome = DaemonReload.reload(pid, engine, expected, gone, def, Duration.ofSeconds(10));
            if (outcome.applied()) {
                out.println("reloaded dockerd (pid " + pid + "): runtimes " + outcome.runtimes().keySet()
                        + ", default " + outcome.defaultRuntime());
                return true;
            }
            err.println("configure: " + outcome.problem());
            return false;
        } catch (EngineException e) {
            err.println("configure: reloading dockerd (pid " + pid + ") could not be checked: " + e.getMessage());
            return false;
        }
    }

    /** The entry for NAME: the catalogue's when it knows the name, else a plain path entry. */
    private static RuntimeEntry entry(String name, String binary, List<String> args, DockerVersion docker) {
        RuntimeProfile p = RuntimeCatalogue.find(name).orElse(null);
        if (p == null && binary == null) {
            // byName explains cri-o and lists the known names
            RuntimeCatalogue.byName(name);
        }
        if (p != null && p.builtIn()) {
            throw new UsageException("runc is built into dockerd and its name is reserved: it needs no entry;"
                    + " register another runc binary under another name (--runtime runc-custom=/path/to/runc)");
        }
        if (binary == null) {
            Detection d = RuntimeCatalogue.detectWithPlatformCheck(p);
            if (!d.installed()) {
                throw new UsageException(name + ": " + d.problem() + "; or give its path: --runtime " + name + "=PATH");
            }
            Map<String, Object> e = p.daemonEntry(d.path(), docker == null ? 0 : docker.major());
            if (e.containsKey("runtimeType")) {
                @SuppressWarnings("unchecked")
                Map<String, ?> options = (Map<String, ?>) e.get("options");
                return RuntimeEntry.ofType(String.valueOf(e.get("runtimeType")), options);
            }
            binary = String.valueOf(e.get("path"));
        }
        List<String> runtimeArgs = args != null ? args : p != null ? p.runtimeArgs() : List.of();
        return RuntimeEntry.ofPath(binary, runtimeArgs);
    }

    private String dockerVersion(OptionSet o) {
        if (o.has(dockerHost) || System.getenv("DOCKER_HOST") != null) {
            try (DockerEngine e = DockerEngine.connect(o.valueOf(dockerHost), Duration.ofSeconds(5))) {
                if (e.ping()) {
                    return e.info().serverVersion();
                }
            } catch (EngineException ignored) {
                // fall back to the installed dockerd's own word
            }
        }
        return dev.rtbench.harness.engine.InstalledDockerd.local();
    }
}
