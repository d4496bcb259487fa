package io.custodian.catalog;

import java.sql.SQLException;

/**
 * Describes failures for logs and stored error columns without their messages: database and
 * driver messages quote statement values, which can be personal data.
 */
public final class Failures {
    private static final int MAX_LENGTH = 3800;

    private Failures() {}

    /** The exception types down the cause chain, with SQL states and the throwing frame. */
    public static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < MAX_LENGTH; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                text.append(" (SQLState ").append(sql.getSQLState()).append(')');
            }
            StackTraceElement[] frames = t.getStackTrace();
            if (frames.length > 0) {
                text.append(" at ").append(frames[0]);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return text.toString();
    }
}
