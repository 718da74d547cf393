package dev.rtbench.bench.cli;

/** Wrong words on the command line: printed with the command's usage, exit status 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
