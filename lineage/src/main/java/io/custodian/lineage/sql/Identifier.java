package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

import io.custodian.lineage.sql.dialect.SqlDialect;

/** One part of a name as written: its text and whether it was quoted. */
record Identifier(String text, boolean quoted) {
    Identifier {
        requireNonNull(text, "text is null");
    }

    /** The name as the database stores it: quoted as written, unquoted folded to the dialect's case. */
    String stored(SqlDialect dialect) {
        return quoted ? text : dialect.foldUnquoted(text);
    }

    /** Whether this identifier names {@code name}; names compare ignoring case, as schemas are matched. */
    boolean matches(String name) {
        return text.equalsIgnoreCase(name);
    }
}
