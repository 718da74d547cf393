package dev.rtbench.harness.engine;

import dev.rtbench.harness.host.DaemonProcesses;
import dev.rtbench.harness.host.ProcessTree;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The container operations a benchmark times, each bounded by a timeout. Every call either completes or throws
 * {@link EngineException} (or {@link EngineTimeoutException}) naming the operation and the container.
 */
public interface ContainerDriver extends AutoCloseable {

    /** Creates a container and returns its id. */
    String create(ContainerSpec spec);

    void start(String id);

    /** Stops a running container: SIGTERM, then SIGKILL after {@code grace}. */
    void stop(String id, Duration grace);

    /** Waits for a started container to exit and returns its exit code. */
    int waitExit(String id);

    /** Removes a container (force). A container that is already gone is not an error. */
    void remove(String id);

    /** Runs a command in a running container and collects its output and exit code. */
    default ExecResult exec(String id, List<String> command, Duration timeout) {
        return execUntilEnd(id, command, timeout).finish();
    }

    /**
     * Creates and starts an exec and returns when its output stream ends, which is when its process exited: the
     * part of an exec a benchmark times. The exit code, which the daemon may report a moment later, is asked for
     * by {@link EndedExec#finish}, outside the timed region.
     */
    EndedExec execUntilEnd(String id, List<String> command, Duration timeout);

    /**
     * Sends the start of a created container without waiting for the daemon's reply and returns once its first
     * byte of output has reached us: what a user of a containerised service waits for. Attach first with
     * {@link #prepareFirstOutput}, outside the timed region; then {@link FirstOutputWatch#confirmStarted} checks
     * the start's own reply, also outside it.
     */
    void startUntilFirstOutput(FirstOutputWatch watch);

    /** Attaches to a created container's output so that {@link #startUntilFirstOutput} can time only the start. */
    FirstOutputWatch prepareFirstOutput(String id);

    /** What the container printed (stdout, stderr), once it has exited. */
    ExecResult logs(String id);

    /**
     * Removes a container whatever state it is in and ends the runtime processes it left (a failed gVisor start
     * leaves its sandbox and gofer running past {@code docker rm -f}). Never throws: for clean-up paths.
     */
    default void discard(String id) {
        try {
            remove(id);
        } catch (EngineException e) {
            // a runtime that hangs can block removal; ending its processes below still frees the host
        }
        LeftoverProcesses.killFor(List.of(id));
    }

    /** The runtime the daemon records for the container ({@code HostConfig.Runtime}). */
    String runtimeOf(String id);

    /** The host pid of a running container's init process ({@code State.Pid}): where its process tree starts. */
    default long initPid(String id) {
        throw new EngineException(getClass().getSimpleName() + " cannot tell a container's host process");
    }

    /**
     * Removes every container carrying {@code label=value} (any value when {@code value} is null), running or
     * not, ends the runtime processes they left, and returns their ids.
     */
    List<String> sweep(String label, String value);

    /** The engine's pods, where it has them (a CRI server); empty for an engine without (dockerd). */
    default Optional<Pods> pods() {
        return Optional.empty();
    }

    /**
     * The engine's own processes in {@code tree} (dockerd and its containerd, or a CRI server), whose CPU a burst
     * reports beside the containers'; none found for an engine that cannot say where it runs.
     */
    default DaemonProcesses daemons(ProcessTree tree) {
        return DaemonProcesses.find(tree, null);
    }

    @Override
    void close();

    /** An exec whose output has ended: its exit code is still to be read. */
    interface EndedExec {
        /** The exit code with the collected output; polls the daemon briefly if the code lags the stream. */
        ExecResult finish();
    }

    /** A container's output stream, attached before it started. */
    interface FirstOutputWatch extends AutoCloseable {
        String containerId();

        /** The first output received, once {@link #startUntilFirstOutput} returned. */
        String firstOutput();

        /** Waits for the daemon's reply to the start sent by {@link #startUntilFirstOutput}; throws if it failed. */
        void confirmStarted();

        @Override
        void close();
    }
}
