package dev.rtbench.bench.jmh;

import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.Engine;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.Hardening;
import dev.rtbench.harness.engine.Privileges;
import dev.rtbench.harness.engine.RunRules;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.results.EngineKind;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeKind;
import dev.rtbench.harness.runtime.RuntimeProfile;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.Workloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What the benchmarks need to reach the run's engine. The run installs one context and drives JMH in its own
 * JVM, one short JMH run per slot of a counterbalanced block: a JVM per slot would cost more than the slot
 * itself (the operations timed here take milliseconds to seconds of other processes' time, so JMH's fork
 * isolation of the JIT matters little, while fine interleaving matters a lot).
 *
 * <p>Running a benchmark by hand through {@code jmh} works too: without an installed context one is made from
 * system properties ({@code -jvmArgs -Drtbench.dockerHost=... -Drtbench.image=...}).
 */
public final class BenchContext {

    public static final String DOCKER_HOST = "rtbench.dockerHost";
    public static final String IMAGE = "rtbench.image";
    public static final String TIMEOUT = "rtbench.timeoutSeconds";
    /** Idle containers of a density measurement when no run says otherwise. */
    public static final String DENSITY = "rtbench.density";

    private static volatile BenchContext installed;

    /**
     * What a run's benches share, fixed for the run.
     *
     * @param image          the workload image, as containers name it
     * @param scale          the profile's size of each workload
     * @param timeout        the bound on an engine call and on an exec without a bound of its own
     * @param shell          the interpreter of rtbench's scripts in the image
     * @param profiles       how a container under each runtime of the run proves itself, by runtime name
     * @param userWorkloads  the user's own workloads of this run ({@code --workload-file}), beside the built-in ones
     * @param workloadImages the images of user workloads that name their own, as prepared for the run (rtbench's
     *                       tools layered on), by the image the workload names
     * @param density        idle containers a {@code density} invocation starts
     */
    public record Setup(String image, String runId, double scale, Duration timeout, String shell,
                        Privileges privileges, Map<String, RuntimeProfile> profiles, List<Workload> userWorkloads,
                        Map<String, ImageRef> workloadImages, int density) {
        public Setup {
            Objects.requireNonNull(image, "image was not specified");
            Objects.requireNonNull(runId, "runId was not specified");
            Objects.requireNonNull(privileges, "privileges were not specified");
            if (density < 1) {
                throw new IllegalArgumentException("density must be at least 1, got " + density);
            }
            profiles = Map.copyOf(profiles);
            userWorkloads = List.copyOf(userWorkloads);
            workloadImages = Map.copyOf(workloadImages);
        }

        /** No runtime profiles of the run's own, no user workloads, the default density. */
        public Setup(String image, String runId, double scale, Duration timeout, String shell, Privileges privileges) {
            this(image, runId, scale, timeout, shell, privileges, Map.of(), List.of(), Map.of(),
                    Integer.getInteger(DENSITY, 5));
        }

        public Setup withDensity(int idle) {
            return new Setup(image, runId, scale, timeout, shell, privileges, profiles, userWorkloads,
                    workloadImages, idle);
        }
    }

    /** The engines of the run's arms by name ({@link Arm}): dockerd for {@code runsc}, CRI for {@code runsc@cri}. */
    private final Map<String, Engine> engines;
    /** what the run's benches share: its image, sizes, bounds, shell, privileges, profiles and user workloads */
    final Setup setup;
    /** the user's workloads by name */
    private final Map<String, Workload> userWorkloads;
    private final Consumer<InvocationRecord> sink;
    /**
     * One running container per runtime (and per user image) for the in-container workloads, kept across slots:
     * the one thing a context keeps that changes, started when first asked for and replaced after a failure.
     */
    private final Map<String, ExecTarget> targets = new HashMap<>();

    /**
     * An image a workload runs in, ready for the run.
     *
     * @param reference what containers are created from
     * @param shell     the interpreter of rtbench's scripts there (ours, where the image's /bin/sh is another shell)
     */
    public record ImageRef(String reference, String shell) {}

    /**
     * @param engines the run's engines, at most one of each kind: dockerd's, the CRI server's, or both
     * @param sink    receives what each invocation knows besides its time
     */
    public BenchContext(List<Engine> engines, Setup setup, Consumer<InvocationRecord> sink) {
        Map<String, Engine> byName = new LinkedHashMap<>();
        for (Engine e : engines) {
            if (byName.put(e.kind().label(), e) != null) {
                throw new IllegalArgumentException("two engines of kind " + e.kind());
            }
        }
        this.engines = Map.copyOf(byName);
        this.setup = Objects.requireNonNull(setup, "setup was not specified");
        Map<String, Workload> user = new LinkedHashMap<>();
        setup.userWorkloads().forEach(w -> user.put(w.name(), w));
        this.userWorkloads = Collections.unmodifiableMap(user);
        this.sink = Objects.requireNonNull(sink, "sink was not specified");
    }

    /** The driver of the engine that measures {@code arm} ({@code runsc}: dockerd; {@code runsc@cri}: CRI). */
    ContainerDriver driver(String arm) {
        return engineOf(arm).driver();
    }

    /** How a container of {@code arm} proves its runtime, through the arm's engine. */
    RuntimeVerifier verifier(String arm) {
        return engineOf(arm).verifier();
    }

    private Engine engineOf(String arm) {
        String e = Arm.parse(arm).engine();
        Engine x = engines.get(e);
        if (x == null) {
            throw new IllegalStateException("arm " + arm + " is measured through " + e + ", which this run did not"
                    + (e.equals(Arm.DOCKER) ? " start (--engine cri)" : " connect (--engine " + e + " or both)"));
        }
        return x;
    }

    /** Makes {@code ctx} the context of every benchmark run in this JVM until {@link #uninstall}. */
    public static void install(BenchContext ctx) {
        installed = ctx;
    }

    /** Ends the installed context: removes the containers it kept running. */
    public static void uninstall() {
        BenchContext c = installed;
        installed = null;
        if (c != null) {
            c.discardTargets();
        }
    }

    static BenchContext get() {
        BenchContext c = installed;
        if (c == null) {
            synchronized (BenchContext.class) {
                if (installed == null) {
                    installed = fromSystemProperties();
                }
                c = installed;
            }
        }
        return c;
    }

    private static BenchContext fromSystemProperties() {
        Duration timeout = Duration.ofSeconds(Long.parseLong(System.getProperty(TIMEOUT, "120")));
        DockerEngine engine = DockerEngine.connect(required(DOCKER_HOST), timeout);
        return new BenchContext(List.of(Engine.of(EngineKind.DOCKER, engine)), new Setup(required(IMAGE), "adhoc",
                1.0, timeout, "/bin/sh", Privileges.forImage(true)), r -> { });
    }

    /** The image a workload names, as prepared for the run; null for rtbench's own image. */
    ImageRef imageOf(Workload w) {
        if (w.image().isEmpty()) {
            return null;
        }
        ImageRef ref = setup.workloadImages().get(w.image().get());
        if (ref == null) {
            throw new IllegalStateException("the image " + w.image().get() + " of workload " + w.name()
                    + " was not prepared for this run");
        }
        return ref;
    }

    /** A workload of this run, the user's own or a built-in one. */
    Workload workload(String name) {
        Workload w = userWorkloads.get(name);
        return w != null ? w : Workloads.byName(name);
    }

    /** Where the container of the in-container workloads gets fresh volumes: every place a workload asks for. */
    List<String> volumes() {
        return Stream.concat(Workloads.all().stream(), userWorkloads.values().stream())
                .map(Workload::volume).flatMap(Optional::stream).distinct().sorted().toList();
    }

    /** How long an exec of {@code w} may take: its own bound, else the run's. */
    Duration timeoutOf(Workload w) {
        return w.timeoutSeconds() > 0 ? Duration.ofSeconds(w.timeoutSeconds()) : setup.timeout();
    }

    /** The profile that says how a container under {@code runtime} proves itself. */
    RuntimeProfile profile(String arm) {
        String runtime = Arm.runtimeOf(arm);
        RuntimeProfile p = setup.profiles().get(runtime);
        if (p != null) {
            return p;
        }
        try {
            return RuntimeCatalogue.byName(runtime);
        } catch (IllegalArgumentException unknown) {
            return new RuntimeProfile(runtime, RuntimeKind.UNKNOWN, runtime, List.of(), List.of(), null, false, null);
        }
    }

    /** A lifecycle container of the run. */
    ContainerSpec spec(String runtime, String workload, List<String> command) {
        return spec(runtime, workload, command, setup.privileges().lifecycle());
    }

    ContainerSpec spec(String runtime, String workload, List<String> command, Hardening hardening) {
        return RunRules.spec(setup.image(), setup.runId(), Arm.runtimeOf(runtime), workload, command, hardening);
    }

    /**
     * The container the in-container workloads of {@code runtime} are exec'd into: in rtbench's image, or in a
     * user workload's, with Docker's default privileges since rtbench cannot know what that workload needs.
     */
    ContainerSpec execTargetSpec(String runtime, ImageRef image) {
        ContainerSpec spec = spec(runtime, "exec-target", Workloads.IDLE_COMMAND, setup.privileges().execTarget())
                .withVolumes(volumes());
        return image == null ? spec : spec.withImage(image.reference(), Hardening.none());
    }

    /** A workload's command with its script interpreter set to this run's shell. */
    List<String> withShell(List<String> command) {
        return withShell(command, setup.shell());
    }

    /** A command with its script interpreter set to {@code shell}. */
    static List<String> withShell(List<String> command, String shell) {
        if (!command.isEmpty() && command.get(0).equals("/bin/sh") && !shell.equals("/bin/sh")) {
            List<String> c = new ArrayList<>(command);
            c.set(0, shell);
            return List.copyOf(c);
        }
        return command;
    }

    void record(InvocationRecord r) {
        sink.accept(r);
    }

    /** The running container under {@code runtime} in {@code image} (null: rtbench's own image). */
    synchronized ExecTarget target(String runtime, ImageRef image) {
        String key = key(runtime, image);
        ExecTarget t = targets.get(key);
        if (t == null || t.containerId() == null) {
            t = ExecTarget.start(this, runtime, image);
            targets.put(key, t);
        }
        return t;
    }

    private static String key(String runtime, ImageRef image) {
        return image == null ? runtime : runtime + "\u0000" + image.reference();
    }

    /** Replaces that container: whatever failed in it may still run there. */
    synchronized void replaceTarget(String runtime, ImageRef image) {
        ExecTarget t = targets.remove(key(runtime, image));
        if (t != null) {
            t.discard();
        }
    }

    synchronized void discardTargets() {
        targets.values().forEach(ExecTarget::discard);
        targets.clear();
    }

    private static String required(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + key + " is not set: run benchmarks through"
                    + " `java -jar benchmarks.jar run`, or pass -jvmArgs -D" + key + "=... to `jmh`");
        }
        return v;
    }
}
