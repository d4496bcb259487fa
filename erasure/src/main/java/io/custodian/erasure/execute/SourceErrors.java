package io.custodian.erasure.execute;

import io.custodian.catalog.Failures;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Which source failures are worth another attempt, and how a failure is written down: from
 * exception classes and SQLStates only, since a database's message can quote the subject's values.
 */
final class SourceErrors {
    private SourceErrors() {}

    /**
     * Connection failures (SQLState class 08, and HikariCP's timeout waiting for a connection, a
     * {@link java.sql.SQLTransientConnectionException}), serialization failures and deadlocks
     * (class 40), and a server shutting down or starting (57P01, 57P03).
     */
    static boolean transientFailure(SQLException e) {
        if (e instanceof SQLTransientException) {
            return true;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.startsWith("40") || state.equals("57P01") || state.equals("57P03");
    }

    /** {@code doing}, then the exception's classes and SQLStates down its causes; never a message. */
    static String describe(String doing, Throwable failure) {
        return doing + " failed: " + Failures.describe(failure);
    }
}
