package dev.rtbench.workloads;

/**
 * Text whose reading stops at a deadline: a user's pattern that backtracks without end (such as
 * {@code (.*x){12}y} over a line of x's) is cut off at the workload's timeout, because Java's regex engine reads
 * its input through {@link #charAt} and has no time limit of its own.
 */
final class BoundedText implements CharSequence {

    /** Thrown from a match that ran past its deadline. */
    static final class TooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLong() {
            super("past the deadline", null, false, false);
        }
    }

    private final String text;
    private final int start;
    private final int end;
    private final long deadlineNanos;
    private int reads;

    BoundedText(String text, long deadlineNanos) {
        this(text, 0, text.length(), deadlineNanos);
    }

    private BoundedText(String text, int start, int end, long deadlineNanos) {
        this.text = text;
        this.start = start;
        this.end = end;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public char charAt(int index) {
        // the clock is read every few thousand characters: cheap against the match, and a runaway match reads
        // millions a second
        if ((++reads & 0xFFF) == 0 && System.nanoTime() - deadlineNanos > 0) {
            throw new TooLong();
        }
        return text.charAt(start + index);
    }

    @Override
    public int length() {
        return end - start;
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return new BoundedText(text, start + from, start + to, deadlineNanos);
    }

    @Override
    public String toString() {
        return text.substring(start, end);
    }
}
