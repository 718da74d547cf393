package dev.rtbench.harness.engine.docker;

import dev.rtbench.harness.engine.EngineException;
import com.github.dockerjava.api.DockerClient;
import java.time.Duration;

/**
 * Where a running container lives on the host, as the daemon says: the pid of its init process
 * ({@code State.Pid}). Under runc that is the container's first process; under gVisor the sandbox; under Kata the
 * shim's view of the VM. The processes around it are found in {@code harness.host.ProcessTree}.
 */
final class ContainerProcesses {
    private ContainerProcesses() {}

    static long initPid(DockerClient client, String id, Duration timeout) {
        var state = Deadline.call("inspect " + DockerEngine.shortId(id), timeout,
                () -> client.inspectContainerCmd(id).exec().getState());
        Long pid = state == null ? null : state.getPidLong();
        if (pid == null || pid <= 0) {
            throw new EngineException("container " + DockerEngine.shortId(id) + " has no process on the host (State.Pid "
                    + pid + ", status " + (state == null ? "?" : state.getStatus()) + "): is it running?");
        }
        return pid;
    }
}
