package io.custodian.lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/** A table's name as parts, outermost first: {@code [database, schema, table]} or fewer. */
public record TableName(List<String> parts) {
    public TableName {
        requireNonNull(parts, "parts is null");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a table name has at least one part");
        }
    }

    /** Parses a dotted name such as {@code shop.public.orders}; parts may not contain dots. */
    public static TableName parse(String dotted) {
        requireNonNull(dotted, "dotted is null");
        return new TableName(List.of(dotted.split("\\.", -1)));
    }

    public static TableName of(String... parts) {
        return new TableName(List.of(parts));
    }

    /** The last part: the table's own name. */
    public String table() {
        return parts.get(parts.size() - 1);
    }

    /** Whether the two names are the same, ignoring case (how the schema lookups compare). */
    public boolean sameAs(TableName other) {
        if (other.parts.size() != parts.size()) {
            return false;
        }
        for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).equalsIgnoreCase(other.parts.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether this name's parts are the trailing parts of {@code longer} (ignoring case). */
    public boolean isSuffixOf(TableName longer) {
        int offset = longer.parts.size() - parts.size();
        if (offset < 0) {
            return false;
        }
        for (int i = 0; i < parts.size(); i++) {
            if (!parts.get(i).equalsIgnoreCase(longer.parts.get(offset + i))) {
                return false;
            }
        }
        return true;
    }

    /** A key that is equal for names {@link #sameAs} each other. */
    public String key() {
        return String.join(".", parts).toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return String.join(".", parts);
    }
}
