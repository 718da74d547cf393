package dev.rtbench.harness.engine.cri;

import com.google.common.util.concurrent.ListenableFuture;
import dev.rtbench.harness.engine.ContainerDriver.EndedExec;
import dev.rtbench.harness.engine.ContainerDriver.FirstOutputWatch;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.EngineTimeoutException;
import dev.rtbench.harness.engine.ExecResult;
import dev.rtbench.harness.engine.LeftoverProcesses;
import dev.rtbench.harness.engine.cri.v1.StartContainerRequest;
import dev.rtbench.harness.engine.cri.v1.StartContainerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The {@link dev.rtbench.harness.engine.ContainerDriver} operations in CRI calls, for {@link CriEngine}: a
 * container is a pod of its own. {@link #create} runs a pod sandbox under the spec's runtime as the handler and
 * creates the container in it, {@link #remove} removes both, so the exec workloads run unchanged. The container's
 * output is the log file the server writes for it, which is where the first output is watched for. A failure names
 * the driver operation first, as every driver's does.
 */
final class CriDriver {

    private static final Duration POLL = Duration.ofMillis(5);

    private final CriCalls calls;
    private final CriPods pods;
    private final CriContainers containers;
    /** container id to the pod {@link #create} made for it */
    private final Map<String, String> ownPodOf;

    CriDriver(CriCalls calls, CriPods pods, CriContainers containers, CriState state) {
        this.calls = calls;
        this.pods = pods;
        this.containers = containers;
        this.ownPodOf = state.ownPodOf;
    }

    /** Runs a pod under the spec's runtime as the handler, and creates the container in it. */
    String create(ContainerSpec spec) {
        return named("create", spec.image() + " under " + spec.runtime(), () -> {
            String pod = pods.runPodSandbox("rtbench", spec.runtime(), spec.labels());
            try {
                String id = containers.createContainer(pod, spec);
                ownPodOf.put(id, pod);
                return id;
            } catch (RuntimeException e) {
                pods.discard(pod);
                throw e;
            }
        });
    }

    void start(String id) {
        named("start", id, () -> {
            containers.startContainer(id);
            return null;
        });
    }

    void stop(String id, Duration grace) {
        named("stop", id, () -> {
            containers.stopContainer(id, grace);
            return null;
        });
    }

    int waitExit(String id) {
        long until = System.nanoTime() + calls.callTimeout().toNanos();
        while (true) {
            CriContainerStatus s = named("wait for", id, () -> containers.containerStatus(id));
            if (s.exited()) {
                return s.exitCode();
            }
            if (System.nanoTime() > until) {
                throw new EngineTimeoutException("wait for " + id, calls.callTimeout());
            }
            CriCalls.sleep(POLL);
        }
    }

    /** Removes the container and, when {@link #create} made a pod for it, the pod. */
    void remove(String id) {
        named("remove", id, () -> {
            containers.removeContainer(id);
            String pod = ownPodOf.remove(id);
            if (pod != null) {
                pods.stopPodSandbox(pod);
                pods.removePodSandbox(pod);
            }
            return null;
        });
    }

    void discard(String id) {
        String pod = ownPodOf.get(id);
        try {
            remove(id);
        } catch (EngineException e) {
            // a hung runtime can block removal; ending its processes below frees the host
        }
        LeftoverProcesses.killFor(pod == null ? List.of(id) : List.of(id, pod));
        if (pod != null) {
            pods.discard(pod);
        }
    }

    EndedExec execUntilEnd(String id, List<String> command, Duration timeout) {
        // ExecSync returns when the command has exited, with its code: nothing is left to ask afterwards
        ExecResult r = named("exec in", id, () -> containers.execSync(id, command, timeout));
        return () -> r;
    }

    FirstOutputWatch prepareFirstOutput(String id) {
        Path log = containers.logOf(id);
        if (log == null) {
            throw new EngineException("attach to " + id + ": not a container this engine created (the CRI's output"
                    + " is the log file the server writes for it)");
        }
        return new LogWatch(id, log);
    }

    /**
     * Sends {@code StartContainer} without waiting for its reply and returns when the server has written the
     * container's first line to its log file: the CRI's only output path (no attach is needed for it).
     */
    void startUntilFirstOutput(FirstOutputWatch watch) {
        LogWatch w = (LogWatch) watch;
        w.started = calls.runtimeAsync().startContainer(StartContainerRequest.newBuilder().setContainerId(w.id)
                .build());
        long until = System.nanoTime() + calls.callTimeout().toNanos();
        while (true) {
            String first = CriLogs.firstContent(readLines(w.log));
            if (first != null) {
                w.first = first;
                return;
            }
            if (w.started.isDone()) {
                // a failed start has no output to wait for: say why now
                w.confirmStarted();
            }
            if (System.nanoTime() > until) {
                throw new EngineTimeoutException("first output of " + w.id, calls.callTimeout());
            }
            Thread.onSpinWait();
        }
    }

    private final class LogWatch implements FirstOutputWatch {
        final String id;
        final Path log;
        volatile ListenableFuture<StartContainerResponse> started;
        volatile String first;

        LogWatch(String id, Path log) {
            this.id = id;
            this.log = log;
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
            if (started == null) {
                throw new IllegalStateException("the start of " + id + " was not sent yet");
            }
            try {
                started.get(calls.callTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new EngineTimeoutException("start " + id, calls.callTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("start " + id + " was interrupted", e);
            } catch (ExecutionException e) {
                throw named("start", id, calls.failure("StartContainer", id, calls.callTimeout(), e.getCause()));
            }
        }

        @Override
        public void close() {
            // nothing is attached: the log file is the server's
        }
    }

    ExecResult logs(String id) {
        Path log = containers.logOf(id);
        if (log == null) {
            throw new EngineException("logs of " + id + ": not a container this engine created");
        }
        return named("logs of", id, () -> CriLogs.parse(readLines(log), containers.containerStatus(id).exitCode()));
    }

    /** The handler of the container's pod, as the server records it. */
    String runtimeOf(String id) {
        return named("inspect", id, () -> pods.handlerOf(containers.podOf(id)));
    }

    long initPid(String id) {
        long pid = named("inspect", id, () -> containers.containerStatus(id)).pid();
        if (pid <= 0) {
            throw new EngineException("inspect " + id + ": the CRI server at " + calls.endpoint() + " does not say its"
                    + " host pid");
        }
        return pid;
    }

    /**
     * Removes every container carrying {@code label=value} (any value when null), and every pod so labelled
     * with what is in it, and returns the containers' ids. Only rtbench's own labels should be swept.
     */
    List<String> sweep(String label, String value) {
        return named("sweep", label, () -> {
            List<String> gone = new ArrayList<>();
            for (String c : containers.containersLabelled(label, value)) {
                containers.removeContainer(c);
                gone.add(c);
            }
            List<String> podsGone = new ArrayList<>();
            for (String p : pods.podsLabelled(label, value)) {
                pods.stopPodSandbox(p);
                pods.removePodSandbox(p);
                podsGone.add(p);
            }
            List<String> all = new ArrayList<>(gone);
            all.addAll(podsGone);
            if (!all.isEmpty()) {
                LeftoverProcesses.killFor(all);
            }
            ownPodOf.keySet().removeAll(gone);
            return gone;
        });
    }

    /** Runs a CRI call for a driver operation: a failure names the operation first, as every driver does. */
    private static <T> T named(String operation, String subject, Supplier<T> call) {
        try {
            return call.get();
        } catch (EngineException e) {
            throw named(operation, subject, e);
        }
    }

    private static EngineException named(String operation, String subject, EngineException e) {
        String what = operation + " " + subject;
        return e instanceof EngineTimeoutException t ? new EngineTimeoutException(what, t)
                : new EngineException(what + ": " + e.getMessage(), e);
    }

    private static List<String> readLines(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            // a line being written can be cut in the middle of a character: read again next time
            return List.of();
        }
    }
}
