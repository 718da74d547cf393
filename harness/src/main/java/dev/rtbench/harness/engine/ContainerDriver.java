package dev.rtbench.harness.engine;

import java.time.Duration;
import java.util.List;

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

    /** Runs a command in a running container and collects its output. */
    ExecResult exec(String id, List<String> command, Duration timeout);

    /**
     * Starts a created container and returns once its first byte of output has reached us: what a user of a
     * containerised service waits for. The attach is made before the clock that the caller holds matters, so
     * call {@link #prepareFirstOutput} first, outside the timed region.
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
        LeftoverProcesses.killFor(java.util.List.of(id));
    }

    /** The runtime the daemon records for the container ({@code HostConfig.Runtime}). */
    String runtimeOf(String id);

    /**
     * Removes every container carrying {@code label=value} (any value when {@code value} is null), running or
     * not, ends the runtime processes they left, and returns their ids.
     */
    List<String> sweep(String label, String value);

    @Override
    void close();

    /** A container's output stream, attached before it started. */
    interface FirstOutputWatch extends AutoCloseable {
        String containerId();

        /** The first output received, once {@link #startUntilFirstOutput} returned. */
        String firstOutput();

        @Override
        void close();
    }
}
