package dev.rtbench.bench.jmh;

import dev.rtbench.harness.engine.ContainerDriver;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.docker.DockerEngine;
import dev.rtbench.harness.engine.Hardening;
import dev.rtbench.harness.engine.RuntimeVerifier;
import dev.rtbench.harness.results.Arm;
import dev.rtbench.harness.runtime.RuntimeCatalogue;
import dev.rtbench.harness.runtime.RuntimeKind;
import dev.rtbench.harness.runtime.RuntimeProfile;
import dev.rtbench.workloads.Workload;
import dev.rtbench.workloads.Workloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

    /** The label every container of a run carries, so a sweep finds leftovers. */
    public static final String RUN_LABEL = "dev.rtbench.run";
    public static final String WORKLOAD_LABEL = "dev.rtbench.workload";

    /** Identical limits for every runtime. */
    public static final long MEMORY_BYTES = 1L << 30;
    public static final long PIDS_LIMIT = 4096;
    /** All of the host's CPUs, stated: the same CPU limit for every runtime, whatever a runtime's default. */
    public static final long NANO_CPUS = Runtime.getRuntime().availableProcessors() * 1_000_000_000L;

    /**
     * What each container of a run may do: lifecycle containers run {@code true}, {@code echo} or an idle shell
     * and need nothing; the container workloads are exec'd into writes files (some workloads measure writing to
     * its root filesystem). A user's own image gets Docker's defaults: rtbench cannot know what it needs.
     *
     * @param lifecycle for the lifecycle phases and the proof containers
     * @param execTarget for the long-running container of the in-container workloads
     */
    public record Privileges(Hardening lifecycle, Hardening execTarget) {
        public static Privileges forImage(boolean ownImage) {
            return ownImage ? new Privileges(Hardening.readOnly(), Hardening.writableRoot())
                    : new Privileges(Hardening.none(), Hardening.none());
        }
    }

    private static volatile BenchContext installed;

    /** dockerd's driver: the engine of every arm named by its runtime alone; null in a run through CRI alone */
    private final ContainerDriver engine;
    private final RuntimeVerifier verifier;
    /** other engines by name (see {@link Arm}): the CRI server of {@code runsc@cri} */
    private final Map<String, Engine> others = new ConcurrentHashMap<>();
    final String image;
    final String runId;
    final double scale;
    final Duration timeout;
    final String shell;
    final Privileges privileges;
    /** Idle containers a {@code density} invocation starts. */
    final int density;
    private final Map<String, RuntimeProfile> profiles;
    /** The user's own workloads of this run ({@code --workload-file}), beside the built-in ones. */
    private final Map<String, Workload> userWorkloads = new LinkedHashMap<>();
    private final Consumer<InvocationRecord> sink;
    /** One running container per runtime (and per user image) for the in-container workloads, kept across slots. */
    private final Map<String, ExecTarget> targets = new HashMap<>();
    /** The images of user workloads that name their own, as prepared for the run (rtbench's tools layered on). */
    private final Map<String, ImageRef> workloadImages = new ConcurrentHashMap<>();

    /**
     * An image a workload runs in, ready for the run.
     *
     * @param reference what containers are created from
     * @param shell     the interpreter of rtbench's scripts there (ours, where the image's /bin/sh is another shell)
     */
    public record ImageRef(String reference, String shell) {}

    /**
     * @param engine   dockerd's driver, or null in a run through CRI alone (then {@link #withEngine} adds the CRI's)
     * @param verifier how a container through dockerd proves its runtime; null with {@code engine}
     * @param profiles how a container under each runtime of the run proves itself
     * @param sink     receives what each invocation knows besides its time
     */
    public BenchContext(ContainerDriver engine, RuntimeVerifier verifier, String image, String runId, double scale,
            Duration timeout, String shell, Privileges privileges, Map<String, RuntimeProfile> profiles,
            List<Workload> userWorkloads, Consumer<InvocationRecord> sink) {
        this(engine, verifier, image, runId, scale, timeout, shell, privileges, profiles, userWorkloads, sink,
                Integer.getInteger(DENSITY, 5));
    }

    /** @param density idle containers a {@code density} invocation starts */
    public BenchContext(ContainerDriver engine, RuntimeVerifier verifier, String image, String runId, double scale,
            Duration timeout, String shell, Privileges privileges, Map<String, RuntimeProfile> profiles,
            List<Workload> userWorkloads, Consumer<InvocationRecord> sink, int density) {
        if (density < 1) {
            throw new IllegalArgumentException("density must be at least 1, got " + density);
        }
        this.density = density;
        if ((engine == null) != (verifier == null)) {
            throw new IllegalArgumentException("dockerd's driver and verifier come together, or neither (CRI alone)");
        }
        this.engine = engine;
        this.verifier = verifier;
        this.image = Objects.requireNonNull(image, "image was not specified");
        this.runId = Objects.requireNonNull(runId, "runId was not specified");
        this.scale = scale;
        this.timeout = timeout;
        this.shell = shell;
        this.privileges = Objects.requireNonNull(privileges, "privileges were not specified");
        this.profiles = Map.copyOf(profiles);
        userWorkloads.forEach(w -> this.userWorkloads.put(w.name(), w));
        this.sink = sink;
    }

    /** An engine besides dockerd and how a container through it proves its runtime. */
    private record Engine(ContainerDriver driver, RuntimeVerifier verifier) {}

    /** Adds an engine the arms {@code runtime@engine} are measured through. */
    public BenchContext withEngine(String engine, ContainerDriver driver, RuntimeVerifier verifier) {
        if (engine.equals(Arm.DOCKER)) {
            throw new IllegalArgumentException("dockerd is the context's own engine");
        }
        others.put(engine, new Engine(Objects.requireNonNull(driver), Objects.requireNonNull(verifier)));
        return this;
    }

    /** The driver of the engine that measures {@code arm} ({@code runsc}: dockerd; {@code runsc@cri}: CRI). */
    ContainerDriver driver(String arm) {
        String e = Arm.parse(arm).engine();
        return e.equals(Arm.DOCKER) ? docker(arm) : other(e, arm).driver();
    }

    private ContainerDriver docker(String arm) {
        if (engine == null) {
            throw new IllegalStateException("arm " + arm + " is measured through dockerd, which this run did not"
                    + " start (--engine cri)");
        }
        return engine;
    }

    /** How a container of {@code arm} proves its runtime, through the arm's engine. */
    RuntimeVerifier verifier(String arm) {
        String e = Arm.parse(arm).engine();
        if (e.equals(Arm.DOCKER)) {
            docker(arm);
            return verifier;
        }
        return other(e, arm).verifier();
    }

    private Engine other(String engine, String arm) {
        Engine x = others.get(engine);
        if (x == null) {
            throw new IllegalStateException("arm " + arm + " is measured through " + engine + ", which this run did"
                    + " not connect (--engine " + engine + " or both)");
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
        return new BenchContext(engine, new RuntimeVerifier(engine, RuntimeVerifier.hostKernel()), required(IMAGE),
                "adhoc", 1.0, timeout, "/bin/sh", Privileges.forImage(true), Map.of(), List.of(), r -> { });
    }

    /** Makes the prepared images of user workloads known: user image name to what the run made of it. */
    public BenchContext withWorkloadImages(Map<String, ImageRef> images) {
        workloadImages.putAll(images);
        return this;
    }

    /** The image a workload names, as prepared for the run; null for rtbench's own image. */
    ImageRef imageOf(Workload w) {
        if (w.image().isEmpty()) {
            return null;
        }
        ImageRef ref = workloadImages.get(w.image().get());
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
        return w.timeoutSeconds() > 0 ? Duration.ofSeconds(w.timeoutSeconds()) : timeout;
    }

    /** The profile that says how a container under {@code runtime} proves itself. */
    RuntimeProfile profile(String arm) {
        String runtime = Arm.runtimeOf(arm);
        RuntimeProfile p = profiles.get(runtime);
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
        return spec(runtime, workload, command, privileges.lifecycle());
    }

    ContainerSpec spec(String runtime, String workload, List<String> command, Hardening hardening) {
        return new ContainerSpec(image, command, Arm.runtimeOf(runtime), Map.of(RUN_LABEL, runId,
                WORKLOAD_LABEL, workload),
                MEMORY_BYTES, NANO_CPUS, PIDS_LIMIT, hardening);
    }

    /**
     * The container the in-container workloads of {@code runtime} are exec'd into: in rtbench's image, or in a
     * user workload's, with Docker's default privileges since rtbench cannot know what that workload needs.
     */
    ContainerSpec execTargetSpec(String runtime, ImageRef image) {
        ContainerSpec spec = spec(runtime, "exec-target", Workloads.IDLE_COMMAND, privileges.execTarget())
                .withVolumes(volumes());
        return image == null ? spec : spec.withImage(image.reference(), Hardening.none());
    }

    /** A workload's command with its script interpreter set to this run's shell. */
    List<String> withShell(List<String> command) {
        return withShell(command, shell);
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
