package io.custodian.catalog.ingest;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Row ids derived from natural keys (a name-based UUID of the kind and the key's parts), so that
 * the same events give the same rows on every database and every replica, in any order.
 */
final class Ids {
    private Ids() {}

    static UUID of(String kind, Object... parts) {
        Hashing hashing = Hashing.sha256().add(kind);
        for (Object part : parts) {
            hashing.add(part == null ? null : part.toString());
        }
        return UUID.nameUUIDFromBytes(hashing.hex().getBytes(StandardCharsets.US_ASCII));
    }
}
