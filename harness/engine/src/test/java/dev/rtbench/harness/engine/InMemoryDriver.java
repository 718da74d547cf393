package dev.rtbench.harness.engine;

import dev.rtbench.harness.engine.docker.DockerEngine;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A {@link ContainerDriver} that keeps its containers in memory, for tests that need no Docker: it passes the same
 * {@link ContainerDriverContract} as {@link DockerEngine}. What a container's command does is told to it
 * ({@link #program}); an unknown command exits 0 at once and prints nothing. Faults can be injected per operation
 * ({@link #failing}, {@link #hanging}), and the daemon's record of a container's runtime can be made to lie
 * ({@link #recording}). It lives in the harness's test sources, shipped as its test-jar, so that the benchmarks'
 * tests drive the benchmarks with it too.
 */
public final class InMemoryDriver implements ContainerDriver {

    /** What a command does, as a container's process or as an exec. */
    public record Program(String stdout, String stderr, int exitCode, boolean runsUntilStopped, Duration takes) {
        public static final Program TRUE = exits(0, "", "");

        public Program {
            Objects.requireNonNull(stdout, "stdout was not specified");
            Objects.requireNonNull(stderr, "stderr was not specified");
            Objects.requireNonNull(takes, "takes was not specified");
        }

        public static Program exits(int code, String stdout, String stderr) {
            return new Program(stdout, stderr, code, false, Duration.ZERO);
        }

        /** Prints {@code stdout}, then runs until it is stopped, and exits 0 then (it traps SIGTERM). */
        public static Program idle(String stdout) {
            return new Program(stdout, "", 0, true, Duration.ZERO);
        }

        /** The same program, taking {@code time} to run as an exec. */
        public Program taking(Duration time) {
            return new Program(stdout, stderr, exitCode, runsUntilStopped, time);
        }
    }

    private enum State { CREATED, RUNNING, EXITED }

    private static final class Container {
        final String id;
        final ContainerSpec spec;
        final Program program;
        State state = State.CREATED;
        int exitCode;

        Container(String id, ContainerSpec spec, Program program) {
            this.id = id;
            this.spec = spec;
            this.program = program;
        }
    }

    /** What the copies made by {@link #withCallTimeout} share: one "daemon". */
    private static final class Daemon {
        final Set<String> runtimes;
        final Map<String, Container> containers = new LinkedHashMap<>();
        final Map<List<String>, Program> programs = new ConcurrentHashMap<>();
        final Map<String, String> failing = new ConcurrentHashMap<>();
        final Set<String> hanging = ConcurrentHashMap.newKeySet();
        final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile UnaryOperator<String> recorded = UnaryOperator.identity();

        Daemon(Set<String> runtimes) {
            this.runtimes = Set.copyOf(runtimes);
        }
    }

    private static final SecureRandom IDS = new SecureRandom();

    private final Daemon daemon;
    private final Duration callTimeout;

    /** A driver whose daemon knows {@code runtimes}, every call bounded by {@code callTimeout}. */
    public InMemoryDriver(Duration callTimeout, String... runtimes) {
        this(new Daemon(Set.of(runtimes)), callTimeout);
    }

    private InMemoryDriver(Daemon daemon, Duration callTimeout) {
        this.daemon = daemon;
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout was not specified");
    }

    /** A driver on the same containers whose calls time out after {@code timeout}. */
    public InMemoryDriver withCallTimeout(Duration timeout) {
        return new InMemoryDriver(daemon, timeout);
    }

    /** What {@code command} does from now on, in a container or an exec. */
    public InMemoryDriver program(List<String> command, Program program) {
        daemon.programs.put(List.copyOf(command), program);
        return this;
    }

    /**
     * Makes every call of {@code verb} (create, start, stop, wait, remove, exec, inspect, logs, attach) fail with
     * the daemon's {@code message}; null ends the fault.
     */
    public InMemoryDriver failing(String verb, String message) {
        if (message == null) {
            daemon.failing.remove(verb);
        } else {
            daemon.failing.put(verb, message);
        }
        return this;
    }

    /** Makes every call of {@code verb} hang until its timeout, as gVisor's KVM platform does on nested KVM. */
    public InMemoryDriver hanging(String verb) {
        daemon.hanging.add(verb);
        return this;
    }

    /** Makes the daemon record containers meant for {@code runtime} as having run under {@code instead}. */
    public InMemoryDriver recording(String runtime, String instead) {
        daemon.recorded = r -> r.equals(runtime) ? instead : r;
        return this;
    }

    /** The ids of the containers that exist, in creation order. */
    public List<String> containers() {
        synchronized (daemon) {
            return List.copyOf(daemon.containers.keySet());
        }
    }

    /** The ids of the containers that are running. */
    public List<String> running() {
        synchronized (daemon) {
            return daemon.containers.values().stream().filter(c -> c.state == State.RUNNING).map(c -> c.id).toList();
        }
    }

    /** Every call made so far, as "verb id-or-runtime", in order. */
    public List<String> calls() {
        synchronized (daemon.calls) {
            return List.copyOf(daemon.calls);
        }
    }

    @Override
    public String create(ContainerSpec spec) {
        String what = "create container (runtime " + spec.runtime() + ")";
        enter("create", spec.runtime(), what, callTimeout);
        if (!daemon.runtimes.contains(spec.runtime())) {
            throw new EngineException(what + " failed: Error response from daemon: unknown or invalid runtime name: "
                    + spec.runtime());
        }
        String id = HexFormat.of().formatHex(IDS.generateSeed(32));
        synchronized (daemon) {
            daemon.containers.put(id, new Container(id, spec, programOf(spec.command())));
        }
        return id;
    }

    @Override
    public void start(String id) {
        onContainer("start", "start " + DockerEngine.shortId(id), id, callTimeout, (c, what) -> {
            if (c.state != State.CREATED) {
                throw new EngineException(what + " failed: container " + id + " is " + c.state.name().toLowerCase());
            }
            c.state = c.program.runsUntilStopped() ? State.RUNNING : State.EXITED;
            c.exitCode = c.program.runsUntilStopped() ? 0 : c.program.exitCode();
            return null;
        });
    }

    @Override
    public void stop(String id, Duration grace) {
        onContainer("stop", "stop " + DockerEngine.shortId(id), id, callTimeout.plus(grace), (c, what) -> {
            if (c.state == State.RUNNING) {
                c.state = State.EXITED;
                c.exitCode = 0;
            }
            return null;
        });
    }

    @Override
    public int waitExit(String id) {
        String what = "wait for " + DockerEngine.shortId(id);
        Integer code = onContainer("wait", what, id, callTimeout, (c, w) -> c.state == State.RUNNING ? null : c.exitCode);
        if (code == null) {
            throw timedOut(what, callTimeout);
        }
        return code;
    }

    @Override
    public void remove(String id) {
        String what = "remove " + DockerEngine.shortId(id);
        enter("remove", id, what, callTimeout);
        synchronized (daemon) {
            daemon.containers.remove(id);
        }
    }

    @Override
    public EndedExec execUntilEnd(String id, List<String> command, Duration timeout) {
        String what = "exec " + String.join(" ", command) + " in " + DockerEngine.shortId(id);
        onContainer("exec", what, id, callTimeout, (c, w) -> {
            if (c.state != State.RUNNING) {
                throw new EngineException(what + " failed: Container " + id + " is not running");
            }
            return null;
        });
        Program p = programOf(command);
        if (p.runsUntilStopped() || p.takes().compareTo(timeout) > 0) {
            throw timedOut(what, timeout);
        }
        sleep(p.takes());
        ExecResult r = new ExecResult(p.exitCode(), p.stdout(), p.stderr());
        return () -> r;
    }

    @Override
    public FirstOutputWatch prepareFirstOutput(String id) {
        onContainer("attach", "attach to " + DockerEngine.shortId(id), id, callTimeout, (c, w) -> c);
        return new Watch(id);
    }

    @Override
    public void startUntilFirstOutput(FirstOutputWatch watch) {
        Watch w = (Watch) watch;
        try {
            start(w.id);
            w.started = true;
        } catch (RuntimeException e) {
            w.startFailure = e;
            throw e;
        }
        String out;
        synchronized (daemon) {
            Container c = daemon.containers.get(w.id);
            out = c == null ? "" : c.program.stdout() + c.program.stderr();
        }
        if (out.isEmpty()) {
            throw timedOut("first output of " + DockerEngine.shortId(w.id), callTimeout);
        }
        w.first = out;
    }

    @Override
    public ExecResult logs(String id) {
        return onContainer("logs", "logs of " + DockerEngine.shortId(id), id, callTimeout, (c, w) ->
                c.state == State.CREATED ? new ExecResult(0, "", "")
                        : new ExecResult(c.exitCode, c.program.stdout(), c.program.stderr()));
    }

    @Override
    public String runtimeOf(String id) {
        return onContainer("inspect", "inspect " + DockerEngine.shortId(id), id, callTimeout,
                (c, w) -> daemon.recorded.apply(c.spec.runtime()));
    }

    @Override
    public List<String> sweep(String label, String value) {
        List<String> found;
        synchronized (daemon) {
            found = daemon.containers.values().stream()
                    .filter(c -> c.spec.labels().containsKey(label)
                            && (value == null || value.equals(c.spec.labels().get(label))))
                    .map(c -> c.id).toList();
        }
        found.forEach(this::discard);
        return found;
    }

    @Override
    public void close() {
        // nothing to release: the containers stay, as a daemon's do
    }

    private Program programOf(List<String> command) {
        return daemon.programs.getOrDefault(List.copyOf(command), Program.TRUE);
    }

    /** One call on an existing container: recorded, faults applied, then {@code body} under the daemon's lock. */
    private <T> T onContainer(String verb, String what, String id, Duration timeout,
            BiFunction<Container, String, T> body) {
        enter(verb, id, what, timeout);
        synchronized (daemon) {
            Container c = daemon.containers.get(id);
            if (c == null) {
                throw new EngineException(what + " failed: Error response from daemon: No such container: " + id);
            }
            return body.apply(c, what);
        }
    }

    /** Records the call and applies an injected fault. */
    private void enter(String verb, String subject, String what, Duration timeout) {
        daemon.calls.add(verb + " " + subject);
        String message = daemon.failing.get(verb);
        if (message != null) {
            throw new EngineException(what + " failed: " + message);
        }
        if (daemon.hanging.contains(verb)) {
            throw timedOut(what, timeout);
        }
    }

    /** Waits out the timeout, as a hung call does, and says so. */
    private static EngineTimeoutException timedOut(String what, Duration timeout) {
        sleep(timeout);
        return new EngineTimeoutException(what, timeout);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Watch implements FirstOutputWatch {
        final String id;
        volatile boolean started;
        volatile RuntimeException startFailure;
        volatile String first = "";

        Watch(String id) {
            this.id = id;
        }

        @Override
        public String containerId() {
            return id;
        }

        @Override
        public String firstOutput() {
            return first;
        }

        @Override
        public void confirmStarted() {
            if (startFailure != null) {
                throw startFailure;
            }
            if (!started) {
                throw new IllegalStateException("the container " + DockerEngine.shortId(id) + " was not started");
            }
        }

        @Override
        public void close() {
            // nothing attached
        }
    }
}
