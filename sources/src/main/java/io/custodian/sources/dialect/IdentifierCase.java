package io.custodian.sources.dialect;

import java.util.Locale;

/** What a database does to an identifier written without quotes. */
public enum IdentifierCase {
    /** Folded to lower case ({@code Users} names {@code users}). */
    LOWER,
    /** Folded to upper case ({@code Users} names {@code USERS}). */
    UPPER,
    /** Kept as written; the database then matches names without regard to case. */
    AS_WRITTEN;

    /** The name an unquoted {@code identifier} refers to. */
    public String fold(String identifier) {
        return switch (this) {
            case LOWER -> identifier.toLowerCase(Locale.ROOT);
            case UPPER -> identifier.toUpperCase(Locale.ROOT);
            case AS_WRITTEN -> identifier;
        };
    }
}
