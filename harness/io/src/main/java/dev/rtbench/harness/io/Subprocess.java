package dev.rtbench.harness.io;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The project's one way to run a program on the host and collect what it printed. Its output and error streams
 * are read on threads of their own while it runs, so a program that prints more than a pipe holds cannot block
 * on a full pipe while we wait for it; and the timeout acts: a program still running then is ended, with every
 * process it started, and the call fails.
 */
public final class Subprocess {

    /** How long a program gets between SIGTERM and SIGKILL when it has to be ended. */
    public static final Duration TERM_GRACE = Duration.ofSeconds(2);

    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "rtbench-subprocess-reader");
        t.setDaemon(true);
        return t;
    });

    private Subprocess() {}

    /** What a program printed, and how it exited. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** Output then error output: for programs that print their answer on either. */
        public String combined() {
            return stdout + stderr;
        }
    }

    /** A program that could not be started, did not end in time, or was interrupted; the message names it. */
    public static final class SubprocessException extends RuntimeException {
        private final boolean timedOut;

        SubprocessException(String message, boolean timedOut, Throwable cause) {
            super(message, cause);
            this.timedOut = timedOut;
        }

        /** True when the program was ended because it ran past its timeout. */
        public boolean timedOut() {
            return timedOut;
        }
    }

    /**
     * Runs {@code command} with no input and returns what it printed once it exits, whatever its exit code.
     *
     * @throws SubprocessException when it cannot be started (e.g. no such binary), does not end within
     *                             {@code timeout} (it is then ended), or the wait is interrupted
     */
    public static Result run(List<String> command, Duration timeout) {
        Objects.requireNonNull(command, "command was not specified");
        Objects.requireNonNull(timeout, "timeout was not specified");
        String what = String.join(" ", command);
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new SubprocessException("cannot run " + what + ": " + e.getMessage(), false, e);
        }
        closeQuietly(p.getOutputStream());
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()), READERS);
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), READERS);
        try {
            if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                end(p, TERM_GRACE);
                throw new SubprocessException(what + " did not finish within " + timeout.toMillis() + " ms and was"
                        + " ended", true, null);
            }
            return new Result(List.copyOf(command), p.exitValue(), collected(out, what), collected(err, what));
        } catch (InterruptedException e) {
            end(p, Duration.ZERO);
            Thread.currentThread().interrupt();
            throw new SubprocessException(what + " was interrupted", false, e);
        }
    }

    /**
     * Starts a long-running program (a daemon) whose output and error output go to {@code log}. End it with
     * {@link #end}.
     */
    public static Process startLogged(List<String> command, Path log) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new SubprocessException("cannot start " + String.join(" ", command) + ": " + e.getMessage(),
                    false, e);
        }
    }

    /**
     * Ends a program and every process it started: SIGTERM to the program, SIGKILL when it still runs after
     * {@code grace}, then SIGKILL to what it started that outlived it (the program may stop its children itself,
     * so they are not signalled before it had the chance).
     */
    public static void end(Process p, Duration grace) {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        try {
            if (grace.isZero() || !p.waitFor(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // a child left running would keep the pipes open and outlive its parent
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static String readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output read so far; the program has exited, so its streams end at once unless a grandchild holds them. */
    private static String collected(CompletableFuture<String> stream, String what) throws InterruptedException {
        try {
            return stream.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new SubprocessException("cannot read the output of " + what + ": " + e.getCause().getMessage(),
                    false, e.getCause());
        } catch (TimeoutException e) {
            throw new SubprocessException(what + " exited but a process it left still holds its output open",
                    false, e);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing was to be written anyway
        }
    }
}
