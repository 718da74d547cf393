package dev.rtbench.harness.engine.cri;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rtbench.harness.engine.ContainerSpec;
import dev.rtbench.harness.engine.EngineException;
import dev.rtbench.harness.engine.ExecResult;
import dev.rtbench.harness.engine.cri.v1.Container;
import dev.rtbench.harness.engine.cri.v1.ContainerConfig;
import dev.rtbench.harness.engine.cri.v1.ContainerFilter;
import dev.rtbench.harness.engine.cri.v1.ContainerMetadata;
import dev.rtbench.harness.engine.cri.v1.ContainerStatusRequest;
import dev.rtbench.harness.engine.cri.v1.ContainerStatusResponse;
import dev.rtbench.harness.engine.cri.v1.CreateContainerRequest;
import dev.rtbench.harness.engine.cri.v1.ExecSyncRequest;
import dev.rtbench.harness.engine.cri.v1.ExecSyncResponse;
import dev.rtbench.harness.engine.cri.v1.ImageSpec;
import dev.rtbench.harness.engine.cri.v1.LinuxContainerConfig;
import dev.rtbench.harness.engine.cri.v1.ListContainersRequest;
import dev.rtbench.harness.engine.cri.v1.Mount;
import dev.rtbench.harness.engine.cri.v1.RemoveContainerRequest;
import dev.rtbench.harness.engine.cri.v1.StartContainerRequest;
import dev.rtbench.harness.engine.cri.v1.StopContainerRequest;
import dev.rtbench.harness.io.Subprocess;
import dev.rtbench.harness.runtime.RuntimeProfile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The containers an engine creates in its pods, through the CRI's container calls: create, start, stop, remove,
 * status, list and exec. The server writes a container's output to a log file in its pod's log folder; this keeps
 * where, for the first-output watch and the logs.
 */
final class CriContainers {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long past its own timeout an ExecSync may take to answer. */
    private static final Duration EXEC_GRACE = Duration.ofSeconds(5);

    private final CriCalls calls;
    private final CriServer server;
    private final CriPods pods;
    /** container id to the log file the server writes for it */
    private final Map<String, Path> logOf;

    CriContainers(CriCalls calls, CriServer server, CriPods pods, CriState state) {
        this.calls = calls;
        this.server = server;
        this.pods = pods;
        this.logOf = state.logOf;
    }

    /**
     * Creates a container in a pod this engine runs (container create) and returns its id. The spec's runtime is
     * the pod's business: a container runs under its pod's handler.
     */
    String createContainer(String podId, ContainerSpec spec) {
        CriPods.Pod pod = pods.pod(podId);
        if (pod == null) {
            throw new EngineException("CreateContainer: pod " + podId + " was not run by this engine");
        }
        String name = "c" + UUID.randomUUID().toString().substring(0, 8);
        ContainerConfig.Builder c = ContainerConfig.newBuilder()
                .setMetadata(ContainerMetadata.newBuilder().setName(name))
                .setImage(ImageSpec.newBuilder().setImage(spec.image()))
                .addAllCommand(spec.command())
                .putAllLabels(spec.labels())
                .putLabels(CriEngine.OWNER_LABEL, CriEngine.OWNER)
                .setLogPath(name + ".log")
                .setLinux(LinuxContainerConfig.newBuilder()
                        .setResources(CriConfigs.resources(spec))
                        .setSecurityContext(CriConfigs.securityContext(spec.hardening(), server.networkMode())));
        int n = 0;
        for (String path : spec.volumes()) {
            c.addMounts(Mount.newBuilder().setContainerPath(path).setHostPath(scratchVolume(pod, name, n++).toString()));
        }
        // a CRI container has no tmpfs mounts of its own: a fresh host folder stands in for each
        for (String path : spec.hardening().tmpfs().keySet()) {
            c.addMounts(Mount.newBuilder().setContainerPath(path).setHostPath(scratchVolume(pod, name, n++).toString()));
        }
        String id = calls.call("CreateContainer", "in pod " + podId, () -> calls.runtime().createContainer(
                CreateContainerRequest.newBuilder().setPodSandboxId(podId).setConfig(c)
                        .setSandboxConfig(pod.config()).build())).getContainerId();
        logOf.put(id, pod.logDir().resolve(name + ".log"));
        return id;
    }

    /** Starts a created container (container start: the runtime's create and start of it). */
    void startContainer(String id) {
        calls.call("StartContainer", id, () -> calls.runtime().startContainer(
                StartContainerRequest.newBuilder().setContainerId(id).build()));
    }

    /** Stops a container: its stop signal, SIGKILL after {@code grace} (whole seconds, at least 0). */
    void stopContainer(String id, Duration grace) {
        Duration bound = calls.callTimeout().plus(grace);
        calls.callIgnoringNotFound("StopContainer", id, bound, () -> calls.runtime(bound).stopContainer(
                StopContainerRequest.newBuilder().setContainerId(id).setTimeout(grace.toSeconds()).build()));
    }

    /** Removes a container, running or not (a container that is gone is not an error). */
    void removeContainer(String id) {
        calls.callIgnoringNotFound("RemoveContainer", id, () -> calls.runtime().removeContainer(
                RemoveContainerRequest.newBuilder().setContainerId(id).build()));
        logOf.remove(id);
    }

    /** The server's view of a container; {@code pid} from the verbose info, where the server gives it. */
    CriContainerStatus containerStatus(String id) {
        ContainerStatusResponse r = calls.call("ContainerStatus", id, () -> calls.runtime().containerStatus(
                ContainerStatusRequest.newBuilder().setContainerId(id).setVerbose(true).build()));
        var s = r.getStatus();
        String state = switch (s.getState()) {
            case CONTAINER_CREATED -> "created";
            case CONTAINER_RUNNING -> "running";
            case CONTAINER_EXITED -> "exited";
            default -> "unknown";
        };
        return new CriContainerStatus(s.getId(), state, s.getExitCode(), pidFrom(r.getInfoMap()), s.getReason());
    }

    /** containerd (and cri-o) put a JSON document with the process's host pid under "info" when asked verbosely. */
    static long pidFrom(Map<String, String> info) {
        String doc = info.get("info");
        if (doc == null) {
            return 0;
        }
        try {
            JsonNode pid = JSON.readTree(doc).path("pid");
            return pid.asLong(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The ids of containers carrying {@code label} (with {@code value}, or any value when null). */
    List<String> containersLabelled(String label, String value) {
        ContainerFilter.Builder f = ContainerFilter.newBuilder();
        if (value != null) {
            f.putLabelSelector(label, value);
        }
        return list(label, f).stream().filter(c -> c.containsLabels(label)).map(Container::getId).toList();
    }

    private List<Container> list(String subject, ContainerFilter.Builder filter) {
        return calls.call("ListContainers", subject, () -> calls.runtime().listContainers(ListContainersRequest
                .newBuilder().setFilter(filter).build())).getContainersList();
    }

    /** Runs a command in a running container ({@code ExecSync}) and returns its output and exit code. */
    ExecResult execSync(String id, List<String> command, Duration timeout) {
        // the server's own timeout ends the command; the deadline a little later bounds the call if it does not
        // (under gVisor, containerd kills the host's `runsc exec`, but the command inside the sandbox holds the
        // output open, and containerd waits for it: the call would last as long as the command)
        Duration grace = calls.callTimeout().compareTo(EXEC_GRACE) < 0 ? calls.callTimeout() : EXEC_GRACE;
        Duration bound = timeout.plus(grace);
        ExecSyncResponse r = calls.call("ExecSync", id, bound, () -> calls.runtime(bound).execSync(
                ExecSyncRequest.newBuilder().setContainerId(id).addAllCmd(command)
                        .setTimeout(Math.max(1, (timeout.toMillis() + 999) / 1000)).build()));
        return new ExecResult(r.getExitCode(), r.getStdout().toString(StandardCharsets.UTF_8),
                r.getStderr().toString(StandardCharsets.UTF_8));
    }

    /**
     * The proof command's output from inside a running container: kernel release and the first lines of dmesg
     * ({@link dev.rtbench.harness.runtime.RuntimeProfile#PROOF_COMMAND}); judge it with the profile.
     */
    ExecResult proof(String id, Duration timeout) {
        return execSync(id, RuntimeProfile.PROOF_COMMAND, timeout);
    }

    /** The pod a container is in, as the server lists it. */
    String podOf(String id) {
        return list(id, ContainerFilter.newBuilder().setId(id)).stream().findFirst().map(Container::getPodSandboxId)
                .orElseThrow(() -> new EngineException("no such container"));
    }

    /** The log file the server writes for a container this engine created, else null. */
    Path logOf(String id) {
        return logOf.get(id);
    }

    /** A fresh host folder any user may write to (as the anonymous volumes the Docker engine makes). */
    private static Path scratchVolume(CriPods.Pod pod, String container, int n) {
        Path dir = pod.logDir().resolve("vol-" + container + "-" + n);
        try {
            Files.createDirectories(dir);
            // with the sticky bit, as /tmp, which Files cannot set
            Subprocess.Result r = Subprocess.run(List.of("chmod", "1777", dir.toString()), Duration.ofSeconds(5));
            if (!r.succeeded()) {
                throw new IOException("chmod 1777 failed: " + r.combined().strip());
            }
        } catch (IOException | Subprocess.SubprocessException e) {
            throw new EngineException("cannot make a volume folder for " + container + ": " + e.getMessage(), e);
        }
        return dir;
    }
}
