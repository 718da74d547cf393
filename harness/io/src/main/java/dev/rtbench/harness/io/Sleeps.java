package dev.rtbench.harness.io;

import java.time.Duration;
import java.util.function.Function;

/** The one sleep of the library's waits: an interrupt is kept (the thread stays interrupted) and ends the wait. */
public final class Sleeps {
    private Sleeps() {}

    /**
     * Sleeps {@code d}; when interrupted, sets the thread's interrupt flag again and throws what {@code interrupted}
     * makes of it (the caller's own exception, which says what it was waiting for).
     */
    public static void sleep(Duration d, Function<InterruptedException, RuntimeException> interrupted) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted.apply(e);
        }
    }
}
