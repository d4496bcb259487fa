package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

/** Why a statement could not be analysed, and where (1-based line and column in the script). */
public record LineageError(String message, int line, int column) {
    public LineageError {
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + message;
    }
}
