package dev.rtbench.bench.cli;

import dev.rtbench.harness.containerdconfig.ContainerdConfig;
import dev.rtbench.harness.containerdconfig.ContainerdConfigException;
import dev.rtbench.harness.containerdconfig.ContainerdConfigFile;
import dev.rtbench.harness.containerdconfig.CriInput;
import dev.rtbench.harness.containerdconfig.CriRuntime;
import dev.rtbench.harness.containerdconfig.InstalledContainerd;
import dev.rtbench.harness.containerdconfig.RuntimeClassManifest;
import dev.rtbench.harness.daemonjson.UnifiedDiff;
import dev.rtbench.harness.io.BackedUpFile;
import dev.rtbench.harness.io.EditLock;
import dev.rtbench.harness.runtime.Detection;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeFamily;
import dev.rtbench.harness.runtime.RuntimeKind;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code configure --containerd-config FILE}: registers CRI runtime handlers in containerd's config.toml with
 * daemon.json's guarantees (the rest kept byte for byte, validation, the file's edit lock from read to rename,
 * atomic write with a backup, {@code --restore}, {@code --replace}, {@code --dry-run}, a diff), then prints the
 * Kubernetes RuntimeClass that selects each handler. Every refusal is one line, exit 2, and leaves the file as
 * it was.
 */
final class CriConfigure {

    /** What the command line asked for. */
    record Request(Path file, List<String> runtimes, List<String> removes, boolean replace, boolean force,
            boolean dryRun, boolean restore, boolean create) {
    }

    /** Names people pass that are CRI engines, not handlers. */
    private static final Map<String, String> ENGINES = Map.of(
            "cri-o", "cri-o is a CRI engine like containerd, not a runtime handler in containerd's config.toml; rtbench"
                    + " measures through it with run --engine cri --cri-endpoint unix:///var/run/crio/crio.sock",
            "crio", "cri-o is a CRI engine like containerd, not a runtime handler in containerd's config.toml; rtbench"
                    + " measures through it with run --engine cri --cri-endpoint unix:///var/run/crio/crio.sock",
            "containerd", "containerd is the engine that reads this file, not a runtime handler in it");

    private final Function<RuntimeProfile, Detection> detector;
    private final CriHost host;

    CriConfigure(Function<RuntimeProfile, Detection> detector, CriHost host) {
        this.detector = detector;
        this.host = host;
    }

    int run(Request r, PrintStream out, PrintStream err) {
        return r.restore() ? restore(r, out) : edit(r, out, err);
    }

    private int restore(Request r, PrintStream out) {
        if (!r.runtimes().isEmpty() || !r.removes().isEmpty()) {
            throw new UsageException("--restore brings back a backup whole: give it no edits");
        }
        if (r.dryRun()) {
            List<Path> b = BackedUpFile.backups(r.file());
            out.println(b.isEmpty() ? "no backup of " + r.file() : "would restore " + r.file() + " from " + b.get(b.size() - 1));
            return 0;
        }
        try (EditLock lock = EditLock.acquire(r.file())) {
            var res = BackedUpFile.restore(r.file(), Clock.systemUTC(),
                    text -> ContainerdConfig.parse(text, r.file().toString()));
            out.println("restored " + res.file() + " from " + res.restoredFrom()
                    + (res.replacedCopy() == null ? "" : "; what it held is saved as " + res.replacedCopy()));
            out.println(RESTART);
            return 0;
        }
    }

    static final String RESTART = "containerd reads config.toml only when it starts: restart it (systemctl restart containerd)"
            + " for this to take effect; containers already running keep their shims";

    private int edit(Request r, PrintStream out, PrintStream err) {
        if (r.runtimes().isEmpty() && r.removes().isEmpty()) {
            throw new UsageException("nothing to do: give --runtime, --remove or --restore");
        }
        for (String spec : r.runtimes()) {
            int i = spec.indexOf('=');
            String name = i < 0 ? spec : spec.substring(0, i);
            String why = ENGINES.get(name.toLowerCase(Locale.ROOT));
            if (why != null) {
                throw new UsageException("--runtime " + name + ": " + why);
            }
            String problem = CriInput.nameProblem(name);
            if (problem != null) {
                throw new UsageException("--runtime " + spec + ": " + problem);
            }
        }
        List<ConfigureInputs.Wanted> wanted = ConfigureInputs.wanted(r.runtimes(), List.of(), r.removes());
        Map<String, CriRuntime> entries = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (ConfigureInputs.Wanted w : wanted) {
            entries.put(w.name(), entry(w, r.force(), notes, err));
        }
        int newVersion = InstalledContainerd.configVersionFor(host.containerdVersion().get());
        if (r.dryRun()) {
            return apply(r, entries, notes, newVersion, out, err, false);
        }
        if (!Files.exists(r.file())) {
            if (!r.create()) {
                ContainerdConfigFile.load(r.file(), false, newVersion);   // throws: does not exist, pass --create
            }
            try {
                Files.createDirectories(r.file().toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new ContainerdConfigException("cannot create the folder of " + r.file() + ": " + e.getMessage());
            }
        }
        try (EditLock lock = EditLock.acquire(r.file())) {
            return apply(r, entries, notes, newVersion, out, err, true);
        }
    }

    private int apply(Request r, Map<String, CriRuntime> entries, List<String> notes, int newVersion, PrintStream out,
            PrintStream err, boolean write) {
        Path path = r.file();
        ContainerdConfig before = ContainerdConfigFile.load(path, r.create(), newVersion);
        ContainerdConfig after = before;
        List<String> replacing = new ArrayList<>();
        for (Map.Entry<String, CriRuntime> e : entries.entrySet()) {
            String name = e.getKey();
            CriRuntime existing = before.runtimes().get(name);
            if (existing != null && !existing.equals(e.getValue())) {
                if (!r.replace()) {
                    throw new UsageException("runtime \"" + name + "\" is already configured at " + before.locationOf(name)
                            + " as " + existing.describe() + "; pass --replace to make it " + e.getValue().describe()
                            + " (its other fields are kept)");
                }
                replacing.add("replacing runtime \"" + name + "\" at " + before.locationOf(name) + ": " + existing.describe()
                        + " becomes " + e.getValue().describe() + " (other fields kept)");
            }
            after = after.withRuntime(name, e.getValue());
        }
        for (String name : new LinkedHashSet<>(r.removes())) {
            if (!after.runtimes().containsKey(name)) {
                throw new UsageException("cannot remove \"" + name + "\": " + path + " has no such runtime handler; it has "
                        + after.runtimes().keySet());
            }
            after = after.withoutRuntime(name);
        }
        if (!before.runtimes().containsKey(ContainerdConfig.DEFAULT_HANDLER) && after.runtimes().containsKey(ContainerdConfig.DEFAULT_HANDLER)
                && !entries.containsKey(ContainerdConfig.DEFAULT_HANDLER)) {
            notes.add("the \"runc\" handler is added too: containerd replaces its built-in handlers with the file's, and its CRI"
                    + " plugin does not load when default_runtime_name (\"runc\") is not among them");
        }
        replacing.forEach(x -> err.println("configure: warning: " + x));
        String diff = UnifiedDiff.unifiedDiff(before.text(), after.text(), path.toString());
        out.print(diff.isEmpty() ? path + ": no change\n" : diff);
        if (!write) {
            out.println("(dry run: nothing written)");
        } else {
            var receipt = ContainerdConfigFile.write(path, after, r.create());
            if (receipt.changed()) {
                out.println("wrote " + path + (receipt.backup() == null ? " (new file)" : "; backup: " + receipt.backup()));
            }
        }
        notes.forEach(n -> out.println("note: " + n));
        printRuntimeClasses(entries.keySet(), out);
        if (write && !diff.isEmpty()) {
            out.println(RESTART);
        }
        return 0;
    }

    private static void printRuntimeClasses(Set<String> handlers, PrintStream out) {
        if (handlers.isEmpty()) {
            return;
        }
        out.println();
        out.println("# The Kubernetes RuntimeClass" + (handlers.size() > 1 ? "es" : "") + " that select"
                + (handlers.size() > 1 ? "" : "s") + " " + String.join(", ", handlers) + " (kubectl apply -f FILE;"
                + " a pod chooses one with spec.runtimeClassName):");
        boolean first = true;
        for (String h : handlers) {
            if (!first) {
                out.println("---");
            }
            first = false;
            out.print(RuntimeClassManifest.forHandler(h).yaml());
        }
    }

    /**
     * The handler for a {@code --runtime}: a given binary goes under containerd's runc shim (Kata's shim binary
     * is its own runtime type); a catalogue name is looked up on this host: runc, crun and youki under the runc
     * shim, gVisor through its own shim when installed and else through the runc shim, Kata through its shim.
     */
    private CriRuntime entry(ConfigureInputs.Wanted w, boolean forced, List<String> notes, PrintStream err) {
        String name = w.name();
        String binary = w.binary();
        if (binary != null) {
            if (binary.isEmpty()) {
                throw new UsageException("--runtime " + name + "= has an empty path: give --runtime " + name + "=/ABSOLUTE/PATH");
            }
            CriRuntime rt = binary.endsWith("/" + CriRuntime.shimBinary(CriRuntime.KATA_SHIM))
                    ? CriRuntime.shim(CriRuntime.KATA_SHIM, null) : CriRuntime.runcShim(binary);
            require(name, rt);
            if (rt.binaryName() != null && !isScript(binary) && RuntimeFamily.of(binary, null) == RuntimeKind.GVISOR) {
                notes.add(gvisorThroughRuncShim(name, binary, List.of("--network=none")));
            }
            return rt;
        }
        RuntimeProfile p = RuntimeCatalogue.find(name).orElse(null);
        if (p == null) {
            throw new UsageException("unknown runtime \"" + name + "\": known runtimes are " + RuntimeCatalogue.names()
                    + "; give another binary as --runtime " + name + "=/ABSOLUTE/PATH");
        }
        Detection d = detector.apply(p);
        if (!d.installed()) {
            throw new UsageException(name + ": " + d.problem() + "; or give its path: --runtime " + name + "=PATH");
        }
        if (d.problem() != null) {
            if (!forced) {
                throw new UsageException(name + " cannot run on this host: " + d.problem() + "; pass --force to register it anyway");
            }
            err.println("configure: warning: registering " + name + " although it cannot run here (--force): " + d.problem());
        }
        CriRuntime rt;
        if (p.kind() == RuntimeKind.KATA) {
            if (!d.path().endsWith(CriRuntime.shimBinary(CriRuntime.KATA_SHIM))) {
                throw new UsageException(name + ": found " + d.path() + " but not Kata 2.x's "
                        + CriRuntime.shimBinary(CriRuntime.KATA_SHIM) + ", which containerd's CRI needs: install Kata"
                        + " Containers 2.x");
            }
            rt = CriRuntime.shim(CriRuntime.KATA_SHIM, p.kataConfig());
        } else if (p.kind() == RuntimeKind.GVISOR) {
            String shim = CriRuntime.shimBinary(CriRuntime.RUNSC_SHIM);
            if (host.shims().apply(shim).isPresent()) {
                rt = CriRuntime.shim(CriRuntime.RUNSC_SHIM, null);
                notes.add(name + " uses gVisor's own shim (" + shim + "), which runs runsc from containerd's PATH; its flags "
                        + p.runtimeArgs() + " go in a runsc configuration file: write them as [runsc_config] keys (e.g."
                        + " network = \"none\") in a TOML file and set the handler's options ConfigPath to it");
            } else {
                rt = CriRuntime.runcShim(d.path());
                notes.add("no " + shim + " on this host, so " + name + " runs through containerd's runc shim. "
                        + gvisorThroughRuncShim(name, d.path(), p.runtimeArgs()));
            }
        } else {
            rt = CriRuntime.runcShim(d.path());
        }
        require(name, rt);
        return rt;
    }

    /** A wrapper script is taken to hold the flags already: no note that asks for one. */
    private static boolean isScript(String binary) {
        try (var in = Files.newInputStream(Path.of(binary))) {
            return in.read() == '#' && in.read() == '!';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void require(String name, CriRuntime rt) {
        List<String> problems = CriInput.problems(name, rt, true);
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("; ", problems));
        }
    }

    /** Why gVisor under the runc shim may need a wrapper, and the wrapper. */
    static String gvisorThroughRuncShim(String name, String runsc, List<String> flags) {
        String wrapper = "/usr/local/bin/" + name + "-cri";
        return "BinaryName takes no arguments, and runsc refuses to start with its default network in the node's"
                + " network namespace (pods without a CNI network, or hostNetwork pods). To give it " + flags
                + ", register a wrapper instead: printf '#!/bin/sh\\nexec " + runsc + " " + String.join(" ", flags)
                + " \"$@\"\\n' > " + wrapper + "; chmod +x " + wrapper + "; then configure --runtime " + name + "="
                + wrapper + " --replace";
    }
}
