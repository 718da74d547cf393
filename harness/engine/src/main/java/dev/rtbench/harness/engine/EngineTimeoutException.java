package dev.rtbench.harness.engine;

import java.time.Duration;

/** A Docker call that did not answer in time (gVisor's KVM platform, for one, hangs in create for ever). */
public final class EngineTimeoutException extends EngineException {
    public EngineTimeoutException(String what, Duration timeout) {
        super(what + " did not finish within " + timeout.toMillis() + " ms");
    }

    /** The same timeout, told as part of a larger operation ({@code what: the call's own message}). */
    public EngineTimeoutException(String what, EngineTimeoutException call) {
        super(what + ": " + call.getMessage(), call);
    }
}
