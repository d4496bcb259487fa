package io.custodian.scanner.scan;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Says why a source failed in words for the scan's report, from SQL states only: driver messages
 * can quote values or credentials, so they are never shown or stored.
 */
final class SourceFailures {
    private SourceFailures() {}

    static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String what;
        if (state.startsWith("08")) {
            what = "the source could not be reached";
        } else if (state.isEmpty() && e instanceof SQLTransientConnectionException) {
            // The pool gave no connection within the connect timeout, before any attempt failed.
            what = "the source could not be reached in time";
        } else if (state.startsWith("28")) {
            what = "the source refused the credentials";
        } else if (state.equals("42P01") || state.equals("42S02") || state.equals("42S04")) {
            what = "the table no longer exists";
        } else if (state.equals("42501")) {
            what = "the scanner's user may not read the table";
        } else {
            what = "the source failed";
        }
        return state.isEmpty() ? what : what + " (SQLState " + state + ")";
    }
}
