package dev.rtbench.bench.run;

import dev.rtbench.bench.jmh.BenchContext;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.Engine;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EnvironmentProbe;
import dev.rtbench.harness.engine.KilledRuns;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.BlockOrder;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.results.Timeline;
import dev.rtbench.harness.stats.Quantiles;
import dev.rtbench.workloads.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The main job: measures every workload under every runtime in counterbalanced blocks ({@link RunPlan}), adds
 * rounds while intervals are wider than the profile's target and its budget allows ({@link Precision}), and
 * rewrites {@code results.json} after every slot ({@link RunRecorder}).
 */
public final class BenchmarkRun {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final RunOptions options;
    private final PrintStream out;
    private final String runId;
    private final Path dir;
    private final RunRecorder recorder;
    /** the earlier parts of a resumed run ({@code run --resume}), or null */
    private final RunResume resume;
    private final Map<String, List<Double>> execPath = new LinkedHashMap<>();
    private final Set<String> warmed = new HashSet<>();
    private final Map<String, Workload> byName = new LinkedHashMap<>();

    private volatile RunEngine connection;
    private volatile DockerEngine engine;
    private volatile SlotRunner slots;
    private volatile SlotInProgress current;
    /** set first thing by Ctrl-C's clean-up: from then on the measuring thread must not touch the engine */
    private volatile boolean stopping;
    /** a slot's samples go to the run once: by the measuring thread if it ends first, else by Ctrl-C's clean-up */
    private final Object slotLock = new Object();

    private record SlotInProgress(String runtime, String workload, SampleMerger.Place place) {}

    public BenchmarkRun(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        Instant now = Instant.now();
        this.runId = RUN_ID.format(now) + "-" + Long.toHexString(new Random().nextInt(0x10000) | 0x10000).substring(1);
        this.dir = options.out() != null ? options.out() : Path.of("results", runId);
        this.recorder = new RunRecorder(runId, dir, new RunConfig(options.runtimes(), options.baseline(),
                options.workloads(), options.profile().name(), options.image(), List.of(), List.of(), Map.of()));
        this.resume = null;
    }

    /**
     * Goes on with a run that stopped before its end, in its own folder ({@code options.out()}), with the options
     * its design gives ({@link RunResume}).
     */
    public BenchmarkRun(RunOptions options, PrintStream out, RunResume resume) {
        this.options = options;
        this.out = out;
        this.runId = resume.previous().runId();
        this.dir = Objects.requireNonNull(options.out(), "a resumed run writes into its own folder");
        this.recorder = new RunRecorder(resume, dir);
        this.resume = resume;
    }

    public Path dir() {
        return dir;
    }

    public String runId() {
        return runId;
    }

    /**
     * Runs to the end and returns the results. Ctrl-C writes what finished, marked interrupted; a failure (the
     * daemon lost, a runtime that cannot run) writes it marked failed, with the reason, and is rethrown.
     */
    public RunResults execute() {
        Thread hook = new Thread(this::interrupted, "rtbench-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try (PrintStream jmhLog = openJmhLog()) {
            slots = new SlotRunner(jmhLog);
            return measure();
        } catch (RuntimeException e) {
            if (stopping) {
                // Ctrl-C: the engine was taken away under this thread (a null connection, a daemon that stopped
                // answering). What it says is not the run's outcome: the clean-up in progress is
                awaitExit(hook);
            }
            if (recorder.end(RunRecorder.FAILED, "the run failed: " + e.getMessage())) {
                recorder.write();
            }
            throw e;
        } finally {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
    }

    /**
     * Waits, silently, for the JVM to end once its exit has begun: Ctrl-C's clean-up ({@link #interrupted}) says
     * how the run ended, and the JVM halts when it is done. Returns at once when the exit has not begun.
     */
    private static void awaitExit(Thread hook) {
        if (hook.getState() == Thread.State.NEW) {
            return;
        }
        try {
            hook.join();
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PrintStream openJmhLog() {
        try {
            Files.createDirectories(dir);
            // a resumed run adds to its earlier parts' log
            return new PrintStream(Files.newOutputStream(dir.resolve("jmh.log"), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    private RunResults measure() {
        List<Workload> workloads = RunWorkloads.choose(options, recorder::note, out);
        RuntimeResolver resolver = new RuntimeResolver(options, out, recorder::note);
        List<RuntimeUnderTest> runtimes = resolver.resolve();
        String baseline = options.baseline() != null ? options.baseline() : runtimes.get(0).name();
        if (runtimes.stream().noneMatch(r -> r.name().equals(baseline))) {
            throw new IllegalArgumentException("the baseline \"" + baseline + "\" is not among the runtimes of this run "
                    + runtimes.stream().map(RuntimeUnderTest::name).toList());
        }
        EngineChoice engines = options.engine();
        // what the environment records as the Docker daemon's mode: a run through CRI alone had none
        String mode = !engines.has(Arm.DOCKER) ? "none (CRI only)" : options.dockerHost() == null ? "managed" : "system";
        String baselineArm = new Arm(baseline, engines.engines().get(0)).name();
        out.println("rtbench run " + runId + (resume == null ? "" : " (resumed: part " + resume.part() + ")") + ": "
                + (engines.has(Arm.DOCKER) ? mode + " daemon" : "no Docker engine")
                + ", profile " + options.profile().name()
                + ", runtimes " + runtimes.stream().map(RuntimeUnderTest::name).toList() + ", baseline " + baseline
                + (engines == EngineChoice.DOCKER ? "" : ", through " + String.join(" and ", engines.engines())));
        if (options.dockerHost() == null) {
            // a run that was killed could not clean up: its daemons, mounts and folders go before this one starts
            List<Path> swept = KilledRuns.sweep(Path.of("/tmp"), Duration.ofMinutes(2));
            if (!swept.isEmpty()) {
                out.println("  removed what " + swept.size() + " killed run(s) left: " + swept);
            }
        }
        connection = RunEngine.connect(options, runtimes);
        engine = connection.docker().map(DockerSide::docker).orElse(null);
        RunArms arms = RunArms.prepare(connection, options, resolver, runtimes, runId, baseline, dir, recorder::note,
                out);
        connection.tracing().ifPresent(t -> recorder.note(t.describe()));
        List<String> names = arms.names();
        List<String> workloadNames = workloads.stream().map(Workload::name).toList();
        workloads.forEach(w -> byName.put(w.name(), w));
        Map<String, List<String>> armsOf = new LinkedHashMap<>();
        for (Workload w : workloads) {
            armsOf.put(w.name(), names.stream()
                    .filter(arm -> EngineChoice.whyNot(Arm.parse(arm).engine(), w).isEmpty()).toList());
        }
        RunConfig config = new RunConfig(names, baselineArm, workloadNames, options.profile().name(),
                arms.image().reference(), List.of(), List.of(), RunArms.phaseCalls(connection.engines()));
        var environment = EnvironmentProbe.capture(arms.info(), mode, arms.environments());
        if (resume != null) {
            String differs = resume.mismatch(config, environment);
            if (differs != null) {
                throw new IllegalStateException("run " + runId + " cannot be resumed here: " + differs + ". Its"
                        + " results are as they were; `report " + dir + "` reports what it measured");
            }
            recorder.accept();
        }
        recorder.configure(config, environment);
        recorder.write();
        for (int i = 0; i < names.size(); i++) {
            out.println("  " + (char) ('A' + i) + " = " + names.get(i));
        }

        int density = HostWorkloads.densityOf(options);
        BenchContext.install(new BenchContext(connection.engines(), new BenchContext.Setup(arms.image().reference(),
                runId, options.profile().scale(), options.callTimeout(), arms.image().shell(), arms.privileges(),
                arms.profiles(), options.userWorkloads(), WorkloadImages.forUserWorkloads(engine, options.dockerHost(),
                workloads, recorder::note, out), density), slots::accept));
        try {
            long seed = options.seed() != null ? options.seed() : runId.hashCode();
            recorder.note("block orders drawn with seed " + seed + " (run --seed " + seed + " draws the same)");
            if (!options.profile().warmups()) {
                recorder.note("no warm-up samples (profile " + options.profile().name() + "): the first sample of"
                        + " each workload under each runtime is kept, cold caches and all");
            }
            Optional<HostReference> host = HostReference.prepare(options.profile(), workloads, recorder::note);
            try {
                new Rounds(options.profile(), recorder, out, resume, host).measure(new RunPlan(armsOf, seed),
                        b -> runBlock(b, names));
            } finally {
                host.ifPresent(h -> {
                    recorder.note(h.cost());
                    h.close();
                });
            }
        } finally {
            BenchContext.uninstall();
        }
        connection.engines().forEach(e -> e.sweep(runId));
        execPath.forEach((rt, ms) -> recorder.note(String.format(Locale.ROOT, "the exec path (from creating an exec"
                + " to the end of its output, minus the workload's own time) added a median %.1f ms under %s, over %d"
                + " samples", Quantiles.median(ms.stream().mapToDouble(Double::doubleValue).toArray()), rt, ms.size())));
        recorder.end(RunRecorder.COMPLETE, null);
        return recorder.write();
    }

    /** One block: its slots in order, consecutive slots of one runtime run as one JMH run. */
    private Rounds.Measured runBlock(BlockOrder b, List<String> runtimes) {
        String workload = b.workloads().get(0);
        List<String> order = b.order();
        List<Sample> got = new ArrayList<>();
        Duration warmups = Duration.ZERO;
        for (int i = 0; i < order.size(); ) {
            int j = i;
            while (j < order.size() && order.get(j).equals(order.get(i))) {
                j++;
            }
            String rt = order.get(i);
            // the first sample of a workload under a runtime pays for cold caches and lazy set-up: not kept
            int warmup = options.profile().warmups() && warmed.add(rt + "\u0000" + workload) ? 1 : 0;
            var place = new SampleMerger.Place(b.round(), b.index(), i);
            current = new SlotInProgress(rt, workload, place);
            SlotRunner.Outcome o = slots.run(rt, byName.get(workload), j - i, warmup);
            warmups = warmups.plus(o.warmups());
            List<Sample> s = SampleMerger.merge(rt, workload, o.unit(), o.scores(), o.records(), place, false);
            List<Timeline> timelines = connection.tracing().map(t -> t.timelines(rt, workload, o.scores(),
                    o.records(), place)).orElse(List.of());
            if (o.error() != null) {
                recorder.note("block " + b.index() + " (" + rt + ", " + workload + "): " + o.error());
            }
            o.records().stream().filter(r -> !r.warmup() && Double.isFinite(r.harnessMs()))
                    .forEach(r -> execPath.computeIfAbsent(rt, k -> new ArrayList<>()).add(r.harnessMs()));
            synchronized (slotLock) {
                current = null;
                if (stopping) {
                    // Ctrl-C came first: the clean-up took this slot's records, marked interrupted
                    throw new RunStopped();
                }
                recorder.addSamples(s);
                recorder.addTimelines(timelines);
            }
            got.addAll(s);
            i = j;
        }
        // after the block, not each slot: a rewrite with fsync of a file that grows to megabytes cost tens of
        // seconds over a run; a crash loses at most the block in progress
        recorder.write();
        Progress.block(b, got, runtimes, out);
        // a failed sample may be an engine that is gone: ask each engine that had one, the same way
        for (Engine e : connection.engines()) {
            String name = e.kind().label();
            if (got.stream().anyMatch(s -> !s.ok() && Arm.parse(s.runtime()).engine().equals(name)) && !e.answers()) {
                throw new EngineException(e.where() + " stopped answering during block " + b.index() + " ("
                        + workload + "); every sample before it is kept in " + dir.resolve(ResultsJson.FILE_NAME));
            }
        }
        return new Rounds.Measured(got, warmups);
    }

    /** Thrown on the measuring thread when it finds Ctrl-C's clean-up under way. */
    private static final class RunStopped extends RuntimeException {
        RunStopped() {
            super("interrupted", null, false, false);
        }
    }

    /** Ctrl-C: keep what finished, mark the run interrupted, remove every container of the run. */
    private void interrupted() {
        SlotInProgress slot;
        synchronized (slotLock) {
            stopping = true;
            slot = current;
        }
        if (!recorder.end(RunRecorder.INTERRUPTED, "interrupted; the samples before it are kept")) {
            return;
        }
        SlotRunner runner = slots;
        if (slot != null && runner != null) {
            // what the slot in progress recorded has no JMH time: kept too, failed and marked interrupted
            recorder.addSamples(SampleMerger.merge(slot.runtime(), slot.workload(), "ms", List.of(), runner.drain(),
                    slot.place(), true));
        }
        try {
            recorder.write();
        } catch (RuntimeException e) {
            System.err.println("could not write " + dir + ": " + e.getMessage());
        }
        cleanUp();
        System.err.println("interrupted: finished samples are in " + dir.resolve(ResultsJson.FILE_NAME));
    }

    private synchronized void cleanUp() {
        BenchContext.uninstall();
        RunEngine c = connection;
        connection = null;
        engine = null;
        if (c != null) {
            c.close(runId, () -> recorder.samples().stream().map(Sample::containerId).filter(Objects::nonNull)
                    .distinct().toList());
        }
    }
}
