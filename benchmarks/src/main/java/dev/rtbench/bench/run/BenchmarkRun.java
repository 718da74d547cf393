package dev.rtbench.bench.run;

import dev.rtbench.bench.jmh.ContainerExecBench;
import dev.rtbench.bench.jmh.ForkContext;
import dev.rtbench.bench.jmh.InvocationLog;
import dev.rtbench.bench.jmh.InvocationRecord;
import dev.rtbench.bench.jmh.LifecycleBench;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.DockerEngine;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineInfo;
import dev.rtbench.harness.engine.EnvironmentProbe;
import dev.rtbench.harness.engine.ManagedDaemon;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.engine.Verification;
import dev.rtbench.harness.results.Environment;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunConfig;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.harness.results.Sample;
import dev.rtbench.harness.runtime.Detection;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeKind;
import dev.rtbench.harness.runtime.RuntimeProfile;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.WorkloadKind;
import dev.rtbench.workloads.Workloads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The main job: measures every workload under every runtime through the JMH benchmarks, interleaved in rounds,
 * and writes {@code results.json} after each step.
 *
 * <p>Each round runs every workload under every runtime once, the runtimes in an order shuffled per round (and
 * recorded); so the drift of a shared machine is spread over all runtimes alike instead of landing on one.
 */
public final class BenchmarkRun {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final RunOptions options;
    private final PrintStream out;
    private final String runId;
    private final Path dir;
    private final Instant started = Instant.now();
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final List<List<String>> roundOrder = new ArrayList<>();

    private volatile Environment environment;
    private volatile RunConfig config;
    private volatile String status = "running";
    private volatile ManagedDaemon daemon;
    private volatile DockerEngine engine;
    private volatile int stepInProgress = -1;
    private volatile List<Sample> inProgress = List.of();
    private volatile List<SampleMerger.Timed> currentTimed = List.of();
    private volatile Path currentLog;
    private volatile Progress progress;
    private volatile String shell = "/bin/sh";

    public BenchmarkRun(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.runId = RUN_ID.format(started) + "-" + Long.toHexString(new Random().nextInt(0x10000) | 0x10000).substring(1);
        this.dir = options.out() != null ? options.out() : Path.of("results", runId);
    }

    public Path dir() {
        return dir;
    }

    /** Runs to the end and returns the results; Ctrl-C writes what finished, marked interrupted. */
    public RunResults execute() {
        Thread hook = new Thread(this::interrupted, "rtbench-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Files.createDirectories(dir.resolve("jmh"));
            RunResults r = measure();
            return r;
        } catch (IOException e) {
            throw new EngineException("cannot write to " + dir + ": " + e.getMessage(), e);
        } finally {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
    }

    private RunResults measure() {
        List<Workload> workloads = options.workloads().isEmpty() ? Workloads.all()
                : options.workloads().stream().map(Workloads::byName).toList();
        List<RuntimeUnderTest> runtimes = resolveRuntimes();
        String baseline = options.baseline() != null ? options.baseline() : runtimes.get(0).name();
        if (runtimes.stream().noneMatch(r -> r.name().equals(baseline))) {
            throw new IllegalArgumentException("the baseline \"" + baseline + "\" is not among the runtimes of this run "
                    + runtimes.stream().map(RuntimeUnderTest::name).toList());
        }
        String mode = options.dockerHost() == null ? "managed" : "system";
        out.println("rtbench run " + runId + ": " + mode + " daemon, profile " + options.profile().name()
                + ", runtimes " + runtimes.stream().map(RuntimeUnderTest::name).toList() + ", baseline " + baseline);
        connect(runtimes);
        EngineInfo info = engine.info();
        int swept = engine.sweep(ForkContext.RUN_LABEL, null).size();
        if (swept > 0) {
            out.println("removed " + swept + " container(s) left by an earlier run");
        }
        String image = ensureImage();
        runtimes = probe(runtimes, image, baseline);
        final List<RuntimeUnderTest> measured = runtimes;
        environment = EnvironmentProbe.capture(info, mode,
                measured.stream().map(RuntimeUnderTest::environment).toList());
        List<Step> steps = plan(measured, workloads);
        config = new RunConfig(measured.stream().map(RuntimeUnderTest::name).toList(), baseline,
                workloads.stream().map(Workload::name).toList(), options.profile().name(), image, roundOrder, null, null);
        write();

        int total = steps.stream().mapToInt(x -> x.workloads().size()).sum();
        out.println("measuring: " + total + " benchmarks in " + options.profile().rounds() + " round(s); results in " + dir);
        progress = new Progress(total);
        for (int i = 0; i < steps.size(); i++) {
            stepInProgress = i;
            runStep(steps.get(i), i, image, measured);
            stepInProgress = -1;
            write();
            // a container whose create hung has no id in any record: find it by the run's label before it
            // (and the sandbox it left) can weigh on the next step
            engine.sweep(ForkContext.RUN_LABEL, runId);
        }
        engine.sweep(ForkContext.RUN_LABEL, runId);
        status = "complete";
        return write();
    }

    /** One JMH run: one runtime, one benchmark class, its workload(s). */
    private record Step(int round, RuntimeUnderTest runtime, Class<?> benchmark, List<String> workloads,
            int measurements) {}

    /**
     * Per round, each runtime in the round's shuffled order runs its lifecycle benchmarks, then its in-container
     * ones: short JMH runs that alternate between runtimes, so drift of the machine lands on all of them alike.
     * (A JMH run per single workload interleaves finer, but its JVM starts cost the quick profile a quarter of
     * its budget.)
     */
    private List<Step> plan(List<RuntimeUnderTest> runtimes, List<Workload> workloads) {
        Profile p = options.profile();
        List<String> lifecycle = new ArrayList<>();
        List<String> inContainer = new ArrayList<>();
        for (Workload w : workloads) {
            // exec is timed like the execution workloads: a command in a running container
            (w.kind() == WorkloadKind.EXECUTION || w.name().equals("exec") ? inContainer : lifecycle).add(w.name());
        }
        Random shuffle = new Random(runId.hashCode());
        List<Step> steps = new ArrayList<>();
        for (int r = 0; r < p.rounds(); r++) {
            List<RuntimeUnderTest> order = new ArrayList<>(runtimes);
            Collections.shuffle(order, shuffle);
            roundOrder.add(order.stream().map(RuntimeUnderTest::name).toList());
            for (RuntimeUnderTest rt : order) {
                if (!lifecycle.isEmpty()) {
                    steps.add(new Step(r, rt, LifecycleBench.class, lifecycle, p.lifecycleMeasurements()));
                }
                if (!inContainer.isEmpty()) {
                    steps.add(new Step(r, rt, ContainerExecBench.class, inContainer, p.execMeasurements()));
                }
            }
        }
        return steps;
    }

    private void runStep(Step s, int index, String image, List<RuntimeUnderTest> runtimes) {
        Profile p = options.profile();
        String stem = String.format("step-%02d-%s-%s", index + 1, s.runtime.name(),
                s.benchmark == LifecycleBench.class ? "lifecycle" : "execution");
        Path log = dir.resolve("jmh").resolve(stem + ".invocations.jsonl");
        currentLog = log;
        currentTimed = new ArrayList<>();
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(s.benchmark.getName().replace(".", "\\.") + "\\.")
                .param("runtime", s.runtime.name())
                .param("workload", s.workloads.toArray(String[]::new))
                .forks(p.forks())
                .warmupIterations(p.warmup())
                .warmupBatchSize(1)
                .measurementIterations(s.measurements)
                .measurementBatchSize(1)
                .timeout(TimeValue.minutes(30))
                .shouldFailOnError(false)
                .resultFormat(ResultFormatType.JSON)
                .result(dir.resolve("jmh").resolve(stem + ".json").toString())
                .jvmArgsAppend(
                        "-Djava.awt.headless=true",
                        "-D" + ForkContext.DOCKER_HOST + "=" + engine.host(),
                        "-D" + ForkContext.IMAGE + "=" + image,
                        "-D" + ForkContext.RUN_ID + "=" + runId,
                        "-D" + ForkContext.SCALE + "=" + p.scale(),
                        "-D" + ForkContext.LOG + "=" + log.toAbsolutePath(),
                        "-D" + ForkContext.TIMEOUT + "=" + options.callTimeout().toSeconds(),
                        "-D" + ForkContext.SHELL + "=" + shell,
                        "-D" + ForkContext.KINDS + "=" + kinds(runtimes));
        Collection<RunResult> results;
        try (PrintStream jmhLog = new PrintStream(Files.newOutputStream(dir.resolve("jmh").resolve(stem + ".log")),
                true, StandardCharsets.UTF_8)) {
            BenchmarkListener listener = new BenchmarkListener(jmhLog,
                    started -> progress.started(s.round, options.profile().rounds(), s.runtime.name(),
                            started.getParam("workload"), out),
                    ended -> {
                        // rewrite results.json now: a crash later in this JMH run loses nothing that finished
                        currentTimed.add(timed(ended.getParams(), ended.getIterationResults(), p.forks(), s.measurements));
                        inProgress = SampleMerger.merge(currentTimed, InvocationLog.read(log), s.round, false);
                        write();
                    });
            results = new Runner(b.build(), listener).run();
        } catch (RunnerException | IOException e) {
            notes.add("step " + (index + 1) + " (" + s.runtime.name() + ", " + String.join(",", s.workloads)
                    + ") failed in JMH: " + e.getMessage());
            results = List.of();
        }
        // JMH's final results keep each fork apart: they replace what the per-benchmark updates wrote
        List<SampleMerger.Timed> timed = new ArrayList<>();
        for (RunResult rr : results) {
            List<IterationResult> all = new ArrayList<>();
            rr.getBenchmarkResults().forEach(br -> all.addAll(br.getIterationResults()));
            timed.add(timed(rr.getParams(), all, rr.getBenchmarkResults().size(), s.measurements));
        }
        List<Sample> merged = SampleMerger.merge(results.isEmpty() ? currentTimed : timed, InvocationLog.read(log),
                s.round, false);
        synchronized (samples) {
            samples.addAll(merged);
            inProgress = List.of();
        }
        merged.stream().filter(x -> !x.ok()).map(x -> x.workload() + ": " + x.failure()).distinct().limit(3)
                .forEach(f -> out.println("        FAILED " + s.runtime.name() + " " + f));
    }

    /** JMH's times of one benchmark, cut into its forks (JMH lists them one fork after the other). */
    private static SampleMerger.Timed timed(BenchmarkParams params, Collection<IterationResult> iterations, int forks,
            int perFork) {
        List<Double> scores = new ArrayList<>();
        String unit = "ms";
        for (IterationResult ir : iterations) {
            scores.add(ir.getPrimaryResult().getScore());
            // single-shot scores are times of one operation: JMH says "ms/op", the results say "ms"
            unit = ir.getPrimaryResult().getScoreUnit().replace("/op", "");
        }
        List<List<Double>> byFork = new ArrayList<>();
        for (int f = 0; f * perFork < scores.size(); f++) {
            byFork.add(scores.subList(f * perFork, Math.min(scores.size(), (f + 1) * perFork)));
        }
        String bench = params.getBenchmark();
        bench = bench.substring(0, bench.lastIndexOf('.'));
        bench = bench.substring(bench.lastIndexOf('.') + 1);
        return new SampleMerger.Timed(bench, params.getParam("runtime"), params.getParam("workload"), unit, byFork);
    }

    private static String kinds(List<RuntimeUnderTest> runtimes) {
        StringBuilder b = new StringBuilder();
        for (RuntimeUnderTest r : runtimes) {
            b.append(b.length() == 0 ? "" : ",").append(r.name()).append(':').append(r.profile().kind().name());
        }
        return b.toString();
    }

    /** The runtimes to measure: asked for, or every catalogue runtime that can run here. */
    private List<RuntimeUnderTest> resolveRuntimes() {
        List<String> names = new ArrayList<>(options.runtimes());
        if (names.isEmpty()) {
            for (Map.Entry<RuntimeProfile, Detection> e : RuntimeCatalogue.detectAll().entrySet()) {
                if (e.getKey().byDefault() && e.getValue().usable()) {
                    names.add(e.getKey().name());
                } else if (e.getKey().byDefault()) {
                    notes.add(e.getKey().name() + " is not measured: " + e.getValue().problem());
                    out.println("skipping " + e.getKey().name() + ": " + e.getValue().problem());
                }
            }
            names.addAll(options.userEntries().keySet().stream().filter(n -> !names.contains(n)).toList());
        }
        if (options.baseline() != null && !names.contains(options.baseline())) {
            names.add(0, options.baseline());
        }
        List<RuntimeUnderTest> out = new ArrayList<>();
        int docker = dev.rtbench.harness.engine.InstalledDockerd.localMajor();
        for (String name : names) {
            Map<String, Object> user = options.userEntries().get(name);
            if (user != null) {
                RuntimeProfile p = RuntimeCatalogue.forEntry(name, user);
                out.add(new RuntimeUnderTest(p, user, versionOf(p), platformOf(p, versionOf(p))));
                continue;
            }
            RuntimeProfile p = RuntimeCatalogue.byName(name);
            if (options.dockerHost() != null) {
                // the system daemon has its own entry; what it is gets checked against GET /info later
                out.add(new RuntimeUnderTest(p, Map.of(), versionOf(p), platformOf(p, versionOf(p))));
                continue;
            }
            Detection d = RuntimeCatalogue.detectWithPlatformCheck(p);
            if (!d.usable()) {
                drop(name, d.installed() ? d.problem() : "not installed: " + d.problem());
                continue;
            }
            out.add(new RuntimeUnderTest(p, p.daemonEntry(d.path(), docker), d.version(),
                    platformOf(p, d.version())));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no runtime of this run can run here; see `java -jar benchmarks.jar doctor`");
        }
        return out;
    }

    private static String versionOf(RuntimeProfile p) {
        Detection d = p.binaries().isEmpty() ? null : p.detect();
        return d == null ? null : d.version();
    }

    private static String platformOf(RuntimeProfile p, String version) {
        return p.kind() == RuntimeKind.GVISOR ? RuntimeCatalogue.gvisorPlatform(p, version) : p.platform();
    }

    private void drop(String runtime, String why) {
        notes.add(runtime + " was dropped from the run: " + why);
        out.println("dropping " + runtime + ": " + why);
    }

    private void connect(List<RuntimeUnderTest> runtimes) {
        if (options.dockerHost() != null) {
            engine = DockerEngine.connect(options.dockerHost(), options.callTimeout());
            if (!engine.ping()) {
                throw new EngineException("no Docker daemon answers at " + options.dockerHost()
                        + ": start it, or leave out --docker-host to let rtbench start a private one");
            }
            Map<String, String> registered = engine.info().runtimes();
            for (RuntimeUnderTest r : runtimes) {
                if (!registered.containsKey(r.name())) {
                    throw new IllegalArgumentException("runtime \"" + r.name() + "\" is not registered in the daemon at "
                            + options.dockerHost() + ": configured runtimes are " + registered.keySet()
                            + "; add it with `java -jar benchmarks.jar configure --reload`");
                }
            }
            return;
        }
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        for (RuntimeUnderTest r : runtimes) {
            if (!r.entry().isEmpty()) {
                entries.put(r.name(), r.entry());
            }
        }
        daemon = ManagedDaemon.start(entries, Duration.ofSeconds(60));
        engine = DockerEngine.connect(daemon.host(), options.callTimeout());
    }

    private String ensureImage() {
        WorkloadImages.Prepared p = WorkloadImages.prepare(engine, options.image(), out);
        shell = p.shell();
        if (p.userImage() != null) {
            notes.add("the workloads ran in " + p.userImage() + ", with rtbench's scripts and busybox tools layered"
                    + " on top as " + p.reference());
        }
        return p.reference();
    }

    /** Runs one proof container under each runtime; one that fails its first container is dropped. */
    private List<RuntimeUnderTest> probe(List<RuntimeUnderTest> runtimes, String image, String baseline) {
        RuntimeVerifier verifier = new RuntimeVerifier(engine, RuntimeVerifier.hostKernel());
        List<RuntimeUnderTest> ok = new ArrayList<>();
        for (RuntimeUnderTest r : runtimes) {
            ContainerSpec spec = new ContainerSpec(image, List.of("true"), r.name(),
                    Map.of(ForkContext.RUN_LABEL, runId, ForkContext.WORKLOAD_LABEL, "probe"),
                    ForkContext.MEMORY_BYTES, 0, ForkContext.PIDS_LIMIT);
            try {
                Verification v = verifier.probe(r.profile(), spec);
                if (v.ok()) {
                    out.println("  " + r.name() + ": " + v.describe());
                    ok.add(r);
                } else {
                    drop(r.name(), "its first container failed verification: " + v.describe());
                }
            } catch (EngineException e) {
                engine.sweep(ForkContext.RUN_LABEL, runId);
                drop(r.name(), "its first container failed: " + hint(e.getMessage()));
            }
        }
        if (ok.stream().noneMatch(r -> r.name().equals(baseline))) {
            throw new IllegalStateException("the baseline runtime \"" + baseline + "\" cannot run here, so nothing can be"
                    + " compared; see `java -jar benchmarks.jar doctor`");
        }
        return ok;
    }

    static String hint(String message) {
        if (message != null && message.contains("network enabled in root network namespace")) {
            return message + " (give runsc \"runtimeArgs\": [\"--network=none\"] or [\"--network=host\"])";
        }
        return message;
    }

    private synchronized RunResults write() {
        RunResults r = snapshot();
        ResultsJson.write(r, dir.resolve(ResultsJson.FILE_NAME));
        return r;
    }

    private RunResults snapshot() {
        RunConfig c = config != null ? config
                : new RunConfig(options.runtimes(), options.baseline(), options.workloads(), options.profile().name(),
                        options.image(), roundOrder, null, null);
        List<Sample> copy;
        synchronized (samples) {
            List<Sample> all = new ArrayList<>(samples);
            all.addAll(inProgress);
            copy = List.copyOf(all);
        }
        return new RunResults(RunResults.FORMAT_VERSION, runId, started,
                "running".equals(status) ? null : Instant.now(), status, environment, c, copy, List.copyOf(notes));
    }

    /** Ctrl-C: keep what finished, mark the run interrupted, remove every container of the run. */
    private void interrupted() {
        if (!"running".equals(status)) {
            return;
        }
        status = "interrupted";
        // the JMH fork of the step in progress: it would go on timing containers of a run that is over
        ProcessHandle.current().descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        Path log = currentLog;
        if (stepInProgress >= 0 && log != null) {
            // the benchmarks of the step that finished are kept as they are; what the interrupted one recorded
            // has no JMH time: kept too, failed and marked interrupted
            try {
                inProgress = SampleMerger.merge(List.copyOf(currentTimed), InvocationLog.read(log), -1, true);
            } catch (RuntimeException e) {
                // keep what we have
            }
        }
        notes.add("interrupted at " + Instant.now() + "; the samples before it are kept");
        try {
            write();
        } catch (RuntimeException e) {
            System.err.println("could not write " + dir + ": " + e.getMessage());
        }
        cleanUp();
        System.err.println("interrupted: finished samples are in " + dir.resolve(ResultsJson.FILE_NAME));
    }

    private synchronized void cleanUp() {
        if (engine != null) {
            try {
                engine.sweep(ForkContext.RUN_LABEL, runId);
            } catch (RuntimeException e) {
                // the daemon may be gone already; stopping a managed one ends its containers too
            }
            engine.close();
            engine = null;
        }
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }
}
