package dev.rtbench.harness.engine;

/** What a command run in a container printed, and how it exited. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
