package io.custodian.server;

/**
 * A command of the server jar that ends on a condition it understands: one line for the operator
 * and an exit code of its own, instead of a stack trace and the generic status 1.
 */
public final class CommandFailure extends RuntimeException {
    /** The audit log's hash chain is broken. */
    public static final int BROKEN_CHAIN = 1;
    /** The embedded store is open in another process (a running service): H2 lets one process in. */
    public static final int STORE_IN_USE = 3;

    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
