package io.custodian.policy;

import static java.util.Objects.requireNonNull;

/**
 * A policy file that cannot be used, with where and why: the file, the line (when known) and what is
 * wrong. The message is meant for the person who edits the file.
 */
public final class PolicyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;

    public PolicyException(String source, int line, String problem) {
        this(source, line, problem, null);
    }

    public PolicyException(String source, int line, String problem, Throwable cause) {
        super(format(source, line, problem), cause);
        this.source = requireNonNull(source, "source is null");
        this.line = line;
        this.problem = requireNonNull(problem, "problem is null");
    }

    /** The file (or classpath resource) the policy came from. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }

    private static String format(String source, int line, String problem) {
        return line > 0 ? source + ", line " + line + ": " + problem : source + ": " + problem;
    }
}
