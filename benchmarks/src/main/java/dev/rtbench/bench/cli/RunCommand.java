package dev.rtbench.bench.cli;

import dev.rtbench.harness.daemonjson.RuntimeEntry;
import dev.rtbench.bench.run.BenchmarkRun;
import dev.rtbench.bench.run.EngineChoice;
import dev.rtbench.bench.run.PodNetworkChoice;
import dev.rtbench.bench.run.Profile;
import dev.rtbench.bench.run.RunOptions;
import dev.rtbench.bench.run.RunResume;
import dev.rtbench.harness.daemonjson.DaemonConfig;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.docker.InstalledDockerd;
import dev.rtbench.harness.engine.cri.CriEndpoint;
import dev.rtbench.harness.host.HostCapacity;
import dev.rtbench.harness.io.Executables;
import dev.rtbench.harness.report.Reporter;
import dev.rtbench.harness.results.ResultsFormatException;
import dev.rtbench.harness.results.ResultsJson;
import dev.rtbench.harness.results.RunResults;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.WorkloadFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/** {@code run}, the main job: see {@link BenchmarkRun}. */
public final class RunCommand extends OptionCommand {

    private final OptionSpec<String> runtimes = parser.accepts("runtimes",
            "runtimes to compare, comma separated (default: every catalogue runtime that can run here)")
            .withRequiredArg().withValuesSeparatedBy(',');
    private final OptionSpec<String> baseline = parser.accepts("baseline",
            "the runtime the others are compared against (default: the first; runc)").withRequiredArg();
    private final OptionSpec<String> workloads = parser.accepts("workloads",
            "workloads, comma separated, or all (default: one primary workload per class)").withRequiredArg().withValuesSeparatedBy(',');
    private final OptionSpec<String> profile = parser.accepts("profile",
            "smoke (CI, about a minute), quick (default, < 10 min) or full (for publication, up to 40 min)")
            .withRequiredArg().defaultsTo("quick");
    private final OptionSpec<String> budget = parser.accepts("budget",
            "measuring time after which no new round starts, e.g. 10m (default: the profile's)").withRequiredArg();
    private final OptionSpec<Long> seed = parser.accepts("seed",
            "draw the block orders with this seed, e.g. an earlier run's (its notes name it) to rerun its orders")
            .withRequiredArg().ofType(Long.class);
    private final OptionSpec<Integer> rounds = parser.accepts("rounds",
            "measure exactly this many rounds, however long they take on this machine (a --budget beside it still"
                    + " caps them)").withRequiredArg().ofType(Integer.class);
    private final OptionSpec<String> target = parser.accepts("target",
            "stop adding rounds once every ratio interval is this narrow, e.g. 5% (default: the profile's)")
            .withRequiredArg();
    private final OptionSpec<String> daemonJson = parser.accepts("daemon-json",
            "take runtime entries from this daemon.json into the managed daemon").withRequiredArg();
    private final OptionSpec<String> runtime = parser.accepts("runtime",
            "NAME=PATH: register one more runtime in the managed daemon (repeatable)").withRequiredArg();
    private final OptionSpec<String> runtimeArg = parser.accepts("runtime-arg",
            "NAME=ARG: a runtimeArgs entry for a --runtime (repeatable)").withRequiredArg();
    private final OptionSpec<String> outDir = parser.accepts("out",
            "the run's folder (default: results/<run-id>)").withRequiredArg();
    private final OptionSpec<String> dockerHost = parser.accepts("docker-host",
            "use this running daemon (unix:///var/run/docker.sock, tcp://...) instead of a managed one")
            .withRequiredArg();
    private final OptionSpec<String> workloadFile = parser.accepts("workload-file",
            "add your own workloads from this JSON file (see README: Your own workload)").withRequiredArg();
    private final OptionSpec<String> image = parser.accepts("image",
            "run the workloads in this image instead of the built-in busybox one").withRequiredArg();
    private final OptionSpec<Integer> timeout = parser.accepts("timeout",
            "seconds every Docker call may take before it counts as hung").withRequiredArg().ofType(Integer.class)
            .defaultsTo(120);

    private final OptionSpec<String> engine = parser.accepts("engine",
            "docker (default), cri (a CRI server: how a Kubernetes node runs pods) or both, in one interleaved run")
            .withRequiredArg().defaultsTo("docker");
    private final OptionSpec<String> criEndpoint = parser.accepts("cri-endpoint",
            "with --engine cri or both: use this running CRI server (unix:///run/containerd/containerd.sock,"
                    + " unix:///var/run/crio/crio.sock) instead of a managed containerd").withRequiredArg();
    private final OptionSpec<String> podNetwork = parser.accepts("pod-network",
            "with --engine cri or both: pod (each pod in the server's pod network, as a kubelet's pods: a managed"
                    + " containerd's own CNI bridge), node (the node's network namespace, as hostNetwork pods) or auto"
                    + " (default: pod where the server has a pod network)").withRequiredArg().defaultsTo("auto");

    private final OptionSpec<String> resume = parser.accepts("resume",
            "DIR: go on with the run in DIR, which stopped before its end (Ctrl-C, a lost daemon, a killed"
                    + " process), with its own design, in its own folder; no other option").withRequiredArg();

    public RunCommand() {
        super("run", 0);
    }

    private final OptionSpec<Integer> density = parser.accepts("density",
            "idle containers the density workload starts (default: smoke 5, quick 50, full 200 when named in"
                    + " --workloads; 3, 10, 50 in a run of every workload)").withRequiredArg()
            .ofType(Integer.class);
    private final OptionSpec<Integer> burst = parser.accepts("burst",
            "burst sizes of the burst workload, comma separated (default: smoke 1,4; quick 1,4,16; full"
                    + " 1,2,4,8,16 when named in --workloads; 2, 1,4 and 1,2,4,8,16 in a run of every workload)")
            .withRequiredArg().ofType(Integer.class).withValuesSeparatedBy(',');
    private final OptionSpec<Void> attribute = parser.accepts("attribute",
            "also record where each lifecycle phase's time goes: rtbench's tracing wrapper around each runtime"
                    + " times its OCI verbs (and the pod network's CNI plugins), containerd's events mark the"
                    + " engine's steps; the report gets a"
                    + " \"Where the time goes\" section (managed engines only; the wrapper's own cost: validate"
                    + " --attribute)");

    @Override
    protected String usage() {
        return "usage: java -jar benchmarks.jar [run] [OPTIONS]";
    }

    @Override
    protected int execute(OptionSet given, List<String> operands, PrintStream out, PrintStream err) {
        RunResume resumed = null;
        OptionSet o = given;
        if (given.has(resume)) {
            Path dir = Path.of(given.valueOf(resume));
            List<String> others = given.specs().stream().filter(s -> s != resume && given.has(s))
                    .flatMap(s -> s.options().stream()).map(n -> "--" + n).toList();
            if (!others.isEmpty()) {
                throw new UsageException("--resume goes on with the run's own design, taken from " + dir
                        + "/results.json: leave out " + String.join(", ", others));
            }
            resumed = resumable(dir);
            List<String> args = ResumeArgs.of(resumed.previous());
            out.println("resuming run " + resumed.previous().runId() + " in " + dir + " as: run "
                    + String.join(" ", args));
            o = parser.parse(args.toArray(String[]::new));
        }
        Map<String, RuntimeEntry> entries = new LinkedHashMap<>();
        if (o.has(daemonJson)) {
            entries.putAll(runtimesOf(Path.of(o.valueOf(daemonJson))));
        }
        Map<String, List<String>> extraArgs = new LinkedHashMap<>();
        for (String a : o.valuesOf(runtimeArg)) {
            String[] kv = split(a, "--runtime-arg");
            extraArgs.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
        }
        for (String r : o.valuesOf(runtime)) {
            String[] kv = split(r, "--runtime");
            entries.put(kv[0], RuntimeEntry.ofPath(executable(kv[1], r), extraArgs.remove(kv[0])));
        }
        if (!extraArgs.isEmpty()) {
            throw new UsageException("--runtime-arg for " + extraArgs.keySet() + " without a --runtime NAME=PATH");
        }
        if (o.has(dockerHost) && !entries.isEmpty()) {
            throw new UsageException("--daemon-json and --runtime register runtimes in the managed daemon; with"
                    + " --docker-host, register them in that daemon (`configure --reload`) instead");
        }
        Profile chosen = Profile.named(o.valueOf(profile));
        if (o.has(rounds)) {
            chosen = chosen.withRounds(positive(o.valueOf(rounds), "--rounds"));
        }
        if (o.has(budget)) {
            chosen = chosen.withBudget(Durations.parse(o.valueOf(budget), "--budget"));
        }
        if (o.has(target)) {
            double t = Durations.percent(o.valueOf(target), "--target");
            if (t >= 1) {
                throw new UsageException("--target is how narrow each ratio interval must be, as a share of the ratio"
                        + " (5% = +-5%): give less than 100%, got \"" + o.valueOf(target) + "\"");
            }
            chosen = chosen.withTarget(t);
        }
        if (o.has(baseline) && o.has(runtimes) && !o.valuesOf(runtimes).contains(o.valueOf(baseline))) {
            throw new UsageException("the baseline " + o.valueOf(baseline) + " is not among --runtimes "
                    + String.join(",", o.valuesOf(runtimes)) + ": add it there (--runtimes " + o.valueOf(baseline)
                    + "," + String.join(",", o.valuesOf(runtimes)) + ") or leave out --baseline");
        }
        if (o.has(criEndpoint)) {
            criSocket(o.valueOf(criEndpoint));
        }
        RunOptions opts = new RunOptions(
                new RunOptions.Arms(o.valuesOf(runtimes), o.valueOf(baseline), entries),
                new RunOptions.Measure(o.valuesOf(workloads), chosen, o.valueOf(image), userWorkloads(o),
                        o.has(density) ? fits(positive(o.valueOf(density), "--density"), "--density") : 0,
                        o.valuesOf(burst).stream().map(k -> fits(positive(k, "--burst"), "--burst")).toList()),
                new RunOptions.Through(engineOf(o), o.valueOf(dockerHost), o.valueOf(criEndpoint), podNetworkOf(o),
                        Duration.ofSeconds(positive(o.valueOf(timeout), "--timeout")),
                        o.has(attribute) ? RunOptions.Tracing.ALL : RunOptions.Tracing.OFF),
                resumed != null ? Path.of(given.valueOf(resume))
                        : o.has(outDir) ? RunFolder.check(Path.of(o.valueOf(outDir)), "--out") : null,
                o.has(seed) ? o.valueOf(seed) : null);
        BenchmarkRun run = resumed != null ? new BenchmarkRun(opts, out, resumed) : new BenchmarkRun(opts, out);
        RunResults results;
        try {
            results = run.execute();
        } catch (EngineException | IllegalStateException e) {
            err.println("run: " + e.getMessage());
            err.println("(what finished is in " + run.dir() + ")");
            return 1;
        }
        long failed = results.samples().stream().filter(s -> !s.ok()).count();
        out.println();
        try {
            var rendered = Reporter.render(results, run.dir());
            out.println(rendered.summary());
            out.println("report: " + rendered.markdown() + ", " + rendered.html() + " (" + rendered.charts().size()
                    + " charts)");
        } catch (RuntimeException e) {
            // the measurements are safe in results.json; `report DIR` can try again
            err.println("run: the report could not be made (" + e.getMessage() + "); the results are kept: try"
                    + " `java -jar benchmarks.jar report " + run.dir() + "`");
        }
        out.println("wrote " + run.dir().resolve("results.json") + ": " + results.samples().size() + " samples, "
                + failed + " failed");
        return failed > 0 && failed == results.samples().size() ? 1 : 0;
    }

    /**
     * The run in {@code dir}, if it can be continued; its results.json is first copied beside it, so that nothing
     * of it is lost whatever the new part does.
     */
    private static RunResume resumable(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--resume takes the folder of the run to go on with, which holds its"
                    + " results.json: " + dir + " is not a folder");
        }
        RunResults previous;
        try {
            previous = ResultsJson.read(dir);
        } catch (ResultsFormatException e) {
            throw new UsageException("--resume " + dir + ": " + e.getMessage());
        }
        RunResume r;
        try {
            r = RunResume.of(previous);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--resume " + dir + ": " + e.getMessage());
        }
        Path copy = dir.resolve("results.before-part-" + r.part() + ".json");
        try {
            Files.copy(dir.resolve(ResultsJson.FILE_NAME), copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new UsageException("--resume " + dir + ": cannot keep a copy of its results.json (" + e.getMessage()
                    + "): nothing was changed");
        }
        return r;
    }

    /**
     * The runtime entries of a user's daemon.json, checked by Docker's rules for the installed dockerd: a file
     * the managed daemon would refuse is refused here, with line and column.
     */
    private static Map<String, RuntimeEntry> runtimesOf(Path file) {
        DaemonConfig cfg = DaemonConfig.load(file);
        if (cfg.runtimes().isEmpty()) {
            throw new UsageException(file + " has no \"runtimes\" entries to take");
        }
        List<String> problems = new ArrayList<>(cfg.problems(InstalledDockerd.local()));
        problems.addAll(cfg.pathProblems());
        if (!problems.isEmpty()) {
            throw new UsageException(file + " cannot be used:\n  - " + String.join("\n  - ", problems));
        }
        return new LinkedHashMap<>(cfg.runtimes());
    }

    private EngineChoice engineOf(OptionSet o) {
        try {
            return EngineChoice.parse(o.valueOf(engine));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private PodNetworkChoice podNetworkOf(OptionSet o) {
        try {
            return PodNetworkChoice.parse(o.valueOf(podNetwork));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int positive(int n, String option) {
        if (n < 1) {
            throw new UsageException(option + " takes positive numbers, got " + n);
        }
        return n;
    }

    /**
     * The path of a {@code --runtime NAME=PATH}, if it names a runtime's executable as dockerd resolves it (a bare
     * name on PATH): checked before anything starts.
     */
    private static String executable(String path, String given) {
        String problem = Executables.problem(path, System.getenv("PATH"), "--runtime " + given);
        if (problem != null) {
            throw new UsageException("--runtime " + given + ": " + problem);
        }
        return path;
    }

    /** A {@code --cri-endpoint} a CRI server listens on, checked before any daemon starts. */
    private static void criSocket(String endpoint) {
        Path socket;
        try {
            socket = CriEndpoint.parse(endpoint).socket();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!Files.exists(socket)) {
            throw new UsageException("no CRI server listens at " + socket + " (--cri-endpoint): start it, or leave"
                    + " out --cri-endpoint to let rtbench start a private containerd");
        }
    }

    /** {@code n} containers at once, if this machine can hold them ({@link HostCapacity}). */
    private static int fits(int n, String option) {
        HostCapacity cap = HostCapacity.host();
        if (n > cap.containers()) {
            throw new UsageException(option + " " + n + " is more containers than this machine can hold at once: at"
                    + " most " + cap.containers() + " (" + cap.reason() + "); ask for fewer, or free memory first");
        }
        return n;
    }

    private static String[] split(String kv, String option) {
        int i = kv.indexOf('=');
        if (i <= 0 || i == kv.length() - 1) {
            throw new UsageException(option + " takes NAME=VALUE, got \"" + kv + "\"");
        }
        return new String[] {kv.substring(0, i), kv.substring(i + 1)};
    }

    /** The workloads of {@code --workload-file}: a bad file is refused with its line, column and field. */
    private List<Workload> userWorkloads(OptionSet o) {
        return o.has(workloadFile) ? WorkloadFile.read(Path.of(o.valueOf(workloadFile)))
                : List.of();
    }
}
