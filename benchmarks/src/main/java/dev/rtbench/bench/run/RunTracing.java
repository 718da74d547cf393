package dev.rtbench.bench.run;

import dev.rtbench.bench.jmh.InvocationRecord;
import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.harness.engine.cri.CriHandler;
import dev.rtbench.harness.engine.cri.PodNetwork;
import dev.rtbench.harness.engine.trace.ContainerdEvents;
import dev.rtbench.harness.engine.trace.GvisorLog;
import dev.rtbench.harness.engine.trace.TracingWrapper;
import dev.rtbench.harness.engine.trace.VerbLog;
import dev.rtbench.harness.io.CleanupOnExit;
import dev.rtbench.harness.io.Executables;
import dev.rtbench.harness.io.FileTrees;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.Timeline;
import dev.rtbench.harness.results.TimelineEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A run's tracing ({@code --attribute}): rtbench's {@link TracingWrapper} in the place of each runtime the run's
 * managed engines start and of the managed containerd's CNI plugins, one verb log they all append to, and each
 * engine's containerd events. After a slot it turns
 * each sample's timed window into a {@link Timeline}.
 *
 * <p>Samples run one at a time, so what happened inside a sample's window belongs to it: the window, not a
 * container id, picks its events (a pod phase acts on a sandbox and a pause container whose ids the bench does not
 * see).
 */
final class RunTracing implements AutoCloseable {

    /**
     * How long after a window's end its containerd events are taken to have arrived through ctr: they arrive within
     * milliseconds, and the slot's own clean-up has usually taken longer than this before its timelines are made.
     */
    private static final Duration EVENTS_LAG = Duration.ofMillis(500);

    private final Path dir;
    private final VerbLog verbs;
    /** runsc's own logs, where a runsc runs behind a wrapper: gVisor's milestones */
    private final GvisorLog gvisor;
    private boolean gvisorLogged;
    private final CleanupOnExit cleanup;
    private final List<ContainerdEvents> events = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private final RunOptions.Tracing choice;
    /** the CNI plugins' folder whose plugins the run's wrappers time, or null */
    private Path cni;

    private RunTracing(Path dir, RunOptions.Tracing choice) {
        this.dir = dir;
        this.choice = choice;
        this.verbs = new VerbLog(dir.resolve("verbs.log"));
        this.gvisor = new GvisorLog(dir.resolve("runsc"));
        this.cleanup = CleanupOnExit.register("rtbench-tracing", this::remove);
    }

    /** Makes the wrappers' folder, readable by the shims (they run as root, but under /tmp a folder is 0700). */
    static RunTracing create(RunOptions.Tracing choice) {
        try {
            return new RunTracing(Files.createTempDirectory(Path.of("/tmp"), "rtb-trace-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"))), choice);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the tracing wrappers' folder under /tmp: " + e.getMessage(), e);
        }
    }

    /** The daemon.json entry of {@code name} with the wrapper in its binary's place. */
    RuntimeEntry wrap(String name, RuntimeEntry e) {
        if (!choice.traces(name)) {
            return e;
        }
        if (!e.hasPath()) {
            throw new IllegalArgumentException("runtime \"" + name + "\" is a runtimeType entry (" + e.runtimeType()
                    + "): --attribute times a runtime binary's verbs, and this entry names a shim; leave it out of"
                    + " --runtimes, or leave out --attribute");
        }
        return RuntimeEntry.ofPath(wrapper("docker-" + name, Path.of(e.path())).toString(), e.runtimeArgs());
    }

    /** The CRI handler with the wrapper in its binary's place. */
    CriHandler wrap(CriHandler h) {
        if (!choice.traces(h.name())) {
            return h;
        }
        if (h.binary() == null) {
            throw new IllegalArgumentException("handler \"" + h.name() + "\" runs a shim (" + h.runtimeType() + "),"
                    + " not a runtime binary: --attribute cannot time its verbs; leave it out, or leave out"
                    + " --attribute");
        }
        return new CriHandler(h.name(), h.runtimeType(), wrapper("cri-" + h.name(), Path.of(h.binary())).toString(),
                h.runtimeArgs(), h.options(), h.sandboxPerContainer());
    }

    /**
     * A folder holding a {@code runc} wrapper, to put first on a managed dockerd's PATH for its built-in runc (a
     * daemon.json entry cannot be named runc); null when the run leaves runc untraced.
     */
    Path builtinRunc() {
        if (!choice.traces("runc")) {
            return null;
        }
        Path runc = Executables.find("runc", Executables.hostDirs()).orElseThrow(() -> new IllegalStateException(
                "runc is not installed, and dockerd's built-in runtime runs it: apt-get install runc"));
        Path bin = dir.resolve("path");
        wrapper(bin, "runc", runc);
        return bin;
    }

    /**
     * The folders to look for a managed containerd's CNI plugins in: with a pod network, a folder of rtbench's
     * wrappers around the first of {@code pluginDirs} that holds {@link PodNetwork#PLUGINS}, so the pods' CNI ADD
     * and DEL are on each timeline; {@code pluginDirs} itself where none does (the run then says why it has no pod
     * network) or none is asked for.
     */
    List<String> cniPlugins(List<String> pluginDirs) {
        Path real = PodNetwork.pluginDir(pluginDirs).orElse(null);
        if (real == null) {
            return pluginDirs;
        }
        Path bin = dir.resolve("cni");
        for (String plugin : PodNetwork.PLUGINS) {
            try {
                TracingWrapper.installCni(bin, plugin, real.resolve(plugin), verbs.file());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the tracing wrapper of CNI plugin " + plugin + ": "
                        + e.getMessage(), e);
            }
        }
        cni = real;
        return List.of(bin.toString());
    }

    private Path wrapper(String name, Path runtime) {
        return wrapper(dir.resolve("bin"), name, runtime);
    }

    private Path wrapper(Path bin, String name, Path runtime) {
        if (!runtime.isAbsolute()) {
            runtime = Executables.find(runtime.toString(), Executables.hostDirs()).orElseThrow(() ->
                    new IllegalArgumentException("--attribute: cannot find the runtime binary " + name + " on PATH"));
        }
        try {
            List<String> leading = List.of();
            if (runtime.getFileName().toString().startsWith("runsc")) {
                // runsc's own log, at info level: a few dozen lines per container, its milestones timed
                Files.createDirectories(gvisor.dir());
                leading = List.of(gvisor.flag());
                gvisorLogged = true;
            }
            return TracingWrapper.install(bin, name, runtime, verbs.file(), leading);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tracing wrapper of " + runtime + ": " + e.getMessage(), e);
        }
    }

    /** Reads the events of the containerd at {@code socket}; a run without them says why in each timeline. */
    void follow(Path socket) {
        try {
            events.add(ContainerdEvents.subscribe(socket));
        } catch (IllegalStateException e) {
            problems.add("no containerd events: " + e.getMessage());
        }
    }

    /** The timelines of one slot's samples, placed like its samples ({@link SampleMerger}). */
    List<Timeline> timelines(String runtime, String workload, List<Double> scores, List<InvocationRecord> records,
            SampleMerger.Place place) {
        if (!choice.traces(Arm.runtimeOf(runtime))) {
            return List.of();
        }
        List<InvocationRecord> measured = records.stream().filter(r -> !r.warmup()).toList();
        List<Timeline> out = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            InvocationRecord r = measured.get(i);
            if (r.window() == null) {
                continue;
            }
            long start = r.window().startMicros();
            long end = r.window().endMicros();
            List<TimelineEvent> seen = new ArrayList<>(verbs.between(start, end));
            seen.addAll(gvisor.between(start, end));
            List<String> missing = new ArrayList<>(problems);
            for (ContainerdEvents e : events) {
                seen.addAll(e.between(start, end, EVENTS_LAG));
                e.problem().ifPresent(missing::add);
            }
            seen.sort(Comparator.comparingLong(TimelineEvent::beginMicros));
            double score = i < scores.size() && r.failure() == null ? scores.get(i) : Double.NaN;
            out.add(new Timeline(runtime, workload, place.round(), place.block(), place.position(), i,
                    r.containerId(), start, end, score, seen, missing.isEmpty() ? null : String.join("; ", missing)));
        }
        return out;
    }

    /** What the run's notes say of its tracing. */
    String describe() {
        return "--attribute: each runtime ran behind rtbench's tracing wrapper (" + dir.resolve("bin")
                + ", removed at the end), which logs each OCI verb's begin and end"
                + (cni == null ? "" : ", and each CNI plugin call of the pods' network (plugins of " + cni + ")")
                + (gvisorLogged ? "; runsc ran with " + gvisor.flag() + " (its info-level log, no --debug), whose"
                        + " timestamped lines give gVisor's milestones (sandbox and gofer started, sentry kernel"
                        + " made, first process started)" : "")
                + "; containerd's events were read"
                + " through ctr from " + events.stream().map(e -> e.socket().toString()).toList() + "; clock: "
                + Timeline.CLOCK + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
    }

    private void remove() {
        events.forEach(ContainerdEvents::close);
        FileTrees.deleteQuietly(dir);
    }

    @Override
    public void close() {
        cleanup.run();
    }
}
