package dev.rtbench.harness.results;

/** A results.json that cannot be read: the message says which file and what is wrong with it. */
public final class ResultsFormatException extends RuntimeException {
    public ResultsFormatException(String message) {
        super(message);
    }

    public ResultsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
