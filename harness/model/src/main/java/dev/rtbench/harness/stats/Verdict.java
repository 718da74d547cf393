package dev.rtbench.harness.stats;

/**
 * What a comparison decided. {@link #NOT_TESTABLE} is kept apart from {@link #NO_SIGNIFICANT_DIFFERENCE}: with
 * too few blocks no data could have reached significance after the family's correction, so "no difference" would
 * claim what the test could not decide.
 */
public enum Verdict {
    WORSE("worse"),
    BETTER("better"),
    NO_SIGNIFICANT_DIFFERENCE("no-significant-difference"),
    NOT_TESTABLE("not-testable"),
    NOT_TESTED("not-tested");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** The label in analysis.json. */
    public String label() {
        return label;
    }
}
