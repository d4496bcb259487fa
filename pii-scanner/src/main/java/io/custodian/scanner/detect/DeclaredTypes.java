package io.custodian.scanner.detect;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Declared column types that name a type of personal data: PostgreSQL's {@code inet}, {@code macaddr}, spatial points. */
public final class DeclaredTypes {
    private static final Map<String, String> HINTS = Map.of(
            "inet", "IP_ADDRESS",
            "cidr", "IP_ADDRESS",
            "macaddr", "MAC_ADDRESS",
            "macaddr8", "MAC_ADDRESS",
            "point", "GEO_COORDINATE",
            "geography", "GEO_COORDINATE",
            "geometry(point)", "GEO_COORDINATE",
            "geography(point)", "GEO_COORDINATE");

    private DeclaredTypes() {}

    /** The type of personal data a declared column type implies, if any. */
    public static Optional<String> hint(Optional<String> dataType) {
        return dataType.map(t -> t.toLowerCase(Locale.ROOT).replace(" ", "")).map(HINTS::get);
    }
}
