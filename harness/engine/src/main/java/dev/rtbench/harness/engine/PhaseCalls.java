package dev.rtbench.harness.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which OCI runtime calls fall inside each lifecycle phase rtbench times through dockerd. dockerd does not call
 * the runtime at {@code docker create}: containerd's task, and with it the runtime's {@code create} and
 * {@code start}, is made at {@code docker start}; when the process exits, dockerd deletes the task (the runtime's
 * {@code delete}) before it reports the exit, so teardown falls in {@code wait} or {@code stop}, and
 * {@code docker rm} of an exited container calls no runtime at all. Checked on Docker 20.10 with a wrapper
 * runtime that delays one verb ({@code validate --inject-verb}): the delay appears in the phases listed here.
 */
public final class PhaseCalls {
    private PhaseCalls() {}

    /** Phase name to the OCI calls inside it, for dockerd 20.10 to 26 with containerd's runc v2 shim. */
    public static Map<String, String> docker() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("create", "none (dockerd writes the container's config; the runtime is not called)");
        m.put("start", "create, start (containerd makes the task: the shim runs the runtime's create, then start)");
        m.put("wait", "the process's exit, then delete (dockerd deletes the task before it reports the exit)");
        m.put("stop", "kill (SIGTERM), the process's exit, then delete");
        m.put("remove", "none (the task was deleted at exit; dockerd removes the container's layer)");
        m.put("run", "create, start, the process's exit, delete (create + start + wait)");
        m.put("first-output", "create, start, and the process's first write reaching the harness through the shim");
        m.put("exec", "exec (the runtime starts a process in the running container), and its exit");
        return m;
    }

    /**
     * CRI phase name to the calls inside it, for containerd 1.6's CRI plugin with the runc v2 shim (runsc and crun
     * run through the same shim): see {@link dev.rtbench.harness.engine.cri.CriEngine}. The names shared with
     * {@link #docker()} are the same step of a container's life through the other engine. Checked on containerd
     * 1.6.20 with wrapper runtimes that delay one verb by 200 ms ({@code create}, {@code start}, {@code kill},
     * {@code delete}) run as handlers through {@code run --engine cri}: each delay appeared in the phases listed here,
     * as many times as listed, and in no other ({@code validate --engine cri} checks one verb again).
     */
    public static Map<String, String> cri() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pod-sandbox-start", "RunPodSandbox: where the server has a pod network, first the pod's network"
                + " namespace and the CNI plugins' ADD (veth, bridge port, address); then the sandbox container's create"
                + " and start (the shim starts; gVisor boots its sandbox kernel, Kata its VM)");
        m.put("create", "CreateContainer in a ready pod: none (containerd prepares the snapshot and the OCI spec;"
                + " the task is made at start)");
        m.put("start", "StartContainer: create, start of the container in the running pod");
        m.put("first-output", "StartContainer's create, start, and the process's first write reaching the"
                + " container's log file");
        m.put("pod-first-output", "RunPodSandbox's create and start of the sandbox, then CreateContainer and"
                + " StartContainer's create and start, until the first write reaches the log file");
        m.put("stop", "StopContainer: kill (SIGTERM; the runtime's kill is called twice), the process's exit, then"
                + " delete (twice)");
        m.put("remove", "RemoveContainer of an exited container: none (metadata and snapshot only)");
        m.put("pod-stop", "StopPodSandbox: kill (twice), exit and delete (twice) of the running container and of the"
                + " sandbox container, then, with a pod network, the CNI plugins' DEL");
        m.put("exec", "ExecSync: exec (the runtime starts a process in the running container), and its exit");
        return m;
    }
}
