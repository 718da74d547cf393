package dev.rtbench.bench.cli;

import dev.rtbench.harness.daemonjson.DockerVersion;
import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.daemonjson.RuntimeInput;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.docker.InstalledDockerd;
import dev.rtbench.harness.runtime.Detection;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code configure}'s inputs, checked before the file is read: the {@code --runtime}, {@code --runtime-arg} and
 * {@code --remove} values, and the daemon.json entry each {@code --runtime} asks for on this host.
 */
final class ConfigureInputs {

    private final Function<RuntimeProfile, Detection> detector;

    /** @param detector how catalogue runtimes are found on this host */
    ConfigureInputs(Function<RuntimeProfile, Detection> detector) {
        this.detector = detector;
    }

    /** One {@code --runtime}: its name, its binary when given, its arguments when given. */
    record Wanted(String name, String binary, List<String> args) {
    }

    /** The {@code --runtime} and {@code --runtime-arg} values, checked before the file is read. */
    static List<Wanted> wanted(List<String> runtimes, List<String> runtimeArgs, List<String> removes) {
        Map<String, List<String>> args = new LinkedHashMap<>();
        for (String a : runtimeArgs) {
            int i = a.indexOf('=');
            if (i <= 0) {
                throw new UsageException("--runtime-arg takes NAME=ARG, got \"" + a + "\"");
            }
            args.computeIfAbsent(a.substring(0, i), k -> new ArrayList<>()).add(a.substring(i + 1));
        }
        Set<String> removed = new HashSet<>(removes);
        List<Wanted> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String r : runtimes) {
            int i = r.indexOf('=');
            String name = i < 0 ? r : r.substring(0, i);
            String nameProblem = RuntimeInput.nameProblem(name);
            if (nameProblem != null) {
                throw new UsageException("--runtime " + r + ": " + nameProblem);
            }
            if (!seen.add(name)) {
                throw new UsageException("--runtime " + name + " is given twice: give each runtime once");
            }
            if (removed.contains(name)) {
                throw new UsageException("--runtime " + name + " and --remove " + name + " contradict each other: give one");
            }
            out.add(new Wanted(name, i < 0 ? null : r.substring(i + 1), args.remove(name)));
        }
        if (!args.isEmpty()) {
            throw new UsageException("--runtime-arg for " + args.keySet() + " without a --runtime of that name");
        }
        return out;
    }

    /** The entry for a {@code --runtime}: the catalogue's when it knows the name, else a plain path entry. */
    RuntimeEntry entry(Wanted w, DockerVersion docker, boolean forced, PrintStream err) {
        String name = w.name();
        String binary = w.binary();
        RuntimeProfile p = RuntimeCatalogue.find(name).orElse(null);
        if (p == null && binary == null) {
            // byName explains cri-o and lists the known names
            RuntimeCatalogue.byName(name);
        }
        if (p != null && p.builtIn()) {
            throw new UsageException("runc is built into dockerd and its name is reserved: it needs no entry;"
                    + " register another runc binary under another name (--runtime runc-custom=/path/to/runc)");
        }
        if (p != null) {
            Detection d = detector.apply(p);
            if (binary == null && !d.installed()) {
                throw new UsageException(name + ": " + d.problem() + "; or give its path: --runtime " + name + "=PATH");
            }
            if (d.installed() && d.problem() != null) {
                if (!forced) {
                    throw new UsageException(name + " cannot run on this host: " + d.problem()
                            + "; pass --force to register it anyway");
                }
                err.println("configure: warning: registering " + name + " although it cannot run here (--force): " + d.problem());
            }
            if (binary == null) {
                RuntimeEntry e = p.daemonEntry(d.path(), docker == null ? 0 : docker.major()).orElseThrow();
                if (e.hasRuntimeType()) {
                    return e;
                }
                binary = e.path();
            }
        }
        if (binary.isEmpty()) {
            throw new UsageException("--runtime " + name + "= has an empty path: give --runtime " + name + "=/ABSOLUTE/PATH");
        }
        List<String> runtimeArgs = w.args() != null ? w.args() : p != null ? p.runtimeArgs() : List.of();
        RuntimeEntry entry = RuntimeEntry.ofPath(binary, runtimeArgs);
        List<String> problems = RuntimeInput.problems(name, entry, true);
        if (!problems.isEmpty()) {
            throw new UsageException(String.join("; ", problems));
        }
        return entry;
    }

    /**
     * The Docker version the file must suit: {@code fixed} when given (tests), else the daemon's at {@code host}
     * or DOCKER_HOST when one answers, else the installed dockerd's.
     */
    static String dockerVersion(Supplier<String> fixed, String host) {
        if (fixed != null) {
            return fixed.get();
        }
        if (host != null || System.getenv("DOCKER_HOST") != null) {
            try (DockerEngine e = DockerEngine.connect(host, Duration.ofSeconds(5))) {
                if (e.ping()) {
                    return e.info().serverVersion();
                }
            } catch (EngineException ignored) {
                // fall back to the installed dockerd's own word
            }
        }
        return InstalledDockerd.local();
    }
}
