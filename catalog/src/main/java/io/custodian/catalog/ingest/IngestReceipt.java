package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

/**
 * The acknowledgement of one event: it is durably in the event log.
 *
 * @param seq the event's place in the log; for a duplicate, 0 (the earlier copy holds its place)
 * @param duplicate the same event was already in the log; nothing changed
 */
public record IngestReceipt(String eventKey, long seq, boolean duplicate) {
    public IngestReceipt {
        requireNonNull(eventKey, "eventKey is null");
    }
}
