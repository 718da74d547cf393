package dev.rtbench.harness.engine.cri;

/**
 * What a CRI server reports of one container.
 *
 * @param id       the container's id
 * @param state    created, running, exited or unknown (the CRI's names, lower case)
 * @param exitCode its exit code once exited, else 0
 * @param pid      the host pid of its process while it runs, or 0 when the server does not say (containerd says
 *                 it in the verbose info; cri-o too)
 * @param reason   the server's reason for the state, e.g. {@code Completed}, {@code Error}, or empty
 */
public record CriContainerStatus(String id, String state, int exitCode, long pid, String reason) {

    public boolean exited() {
        return state.equals("exited");
    }

    public boolean running() {
        return state.equals("running");
    }
}
