package dev.rtbench.workloads;

/**
 * A workload file that cannot be used, with where: the file, the line and column of the token at
 * fault, and the field's path (e.g. {@code workloads[1].metrics[0].pattern}).
 */
public class WorkloadFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String field;

    WorkloadFileException(String source, int line, int column, String field, String problem, Throwable cause) {
        super(source + ":" + line + ":" + column + ": " + (field.isEmpty() ? "" : field + ": ") + problem, cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.field = field;
    }

    /** The file, as named to the reader. */
    public String source() {
        return source;
    }

    /** 1-based line of the token at fault. */
    public int line() {
        return line;
    }

    /** 1-based column of the token at fault. */
    public int column() {
        return column;
    }

    /** Path of the field at fault, e.g. {@code workloads[0].command}; empty for the document itself. */
    public String field() {
        return field;
    }
}
