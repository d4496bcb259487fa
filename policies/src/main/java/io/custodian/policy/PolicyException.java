package io.custodian.policy;

import static java.util.Objects.requireNonNull;

/**
 * A policy that cannot be used, with where and why: the file, the line and column (when known) and
 * what is wrong. The message, {@code file:line:column: problem}, is meant for the person who edits
 * the file.
 */
public final class PolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String problem;

    public PolicyException(String source, int line, int column, String problem) {
        this(source, line, column, problem, null);
    }

    public PolicyException(String source, int line, int column, String problem, Throwable cause) {
        super(format(source, line, column, problem), cause);
        this.source = requireNonNull(source, "source is null");
        this.line = line;
        this.column = column;
        this.problem = requireNonNull(problem, "problem is null");
    }

    /** A problem with a whole file (missing, unreadable, too big). */
    public static PolicyException ofFile(String source, String problem) {
        return new PolicyException(source, 0, 0, problem);
    }

    /** The file (or classpath resource) the policy came from. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem, or 0 when it concerns the whole file. */
    public int column() {
        return column;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    private static String format(String source, int line, int column, String problem) {
        return line > 0 ? source + ":" + line + ":" + Math.max(column, 1) + ": " + problem : source + ": " + problem;
    }
}
