package dev.rtbench.harness.engine;

/** A Docker call that failed or timed out; the message says which call, on which container, and why. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
