package io.custodian.sources.dialect;

import static java.util.Objects.requireNonNull;

/** One {@code column = ?} of an UPDATE's SET; the value is bound as a parameter and may be null. */
public record Assignment(String column, Object value) {
    public Assignment {
        requireNonNull(column, "column is null");
    }

    @Override
    public String toString() {
        return "Assignment[" + column + "]";
    }
}
