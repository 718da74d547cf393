package dev.rtbench.workloads;

/**
 * A workload printed something other than what a successful run prints: the command failed,
 * was cut short, or the image holds a different script. The message quotes the output.
 */
public class WorkloadOutputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Longest stretch of each output stream quoted in the message. */
    static final int QUOTE_LIMIT = 1500;

    private final String workload;

    public WorkloadOutputException(String workload, String problem, String stdout, String stderr) {
        super("output of workload \"" + workload + "\" is not that of a successful run: " + problem
                + "; stdout: " + quote(stdout) + "; stderr: " + quote(stderr));
        this.workload = workload;
    }

    /** Name of the workload whose output was rejected. */
    public String workload() {
        return workload;
    }

    static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return "(empty)";
        }
        if (trimmed.length() > QUOTE_LIMIT) {
            int more = trimmed.length() - QUOTE_LIMIT;
            // the end of the output is where a failure usually says what went wrong
            trimmed = "[" + more + " chars cut]..." + trimmed.substring(more);
        }
        return "\"" + trimmed + "\"";
    }
}
