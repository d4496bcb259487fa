package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

/**
 * What happened to one accepted event. Every receipt means the event is durably in the event log.
 *
 * @param duplicate the same event was already in the log; nothing changed
 * @param applied the catalog reflects the event; false when applying it failed and it waits in
 *     the log (with the error) to be applied again
 */
public record IngestReceipt(String eventKey, boolean duplicate, boolean applied) {
    public IngestReceipt {
        requireNonNull(eventKey, "eventKey is null");
    }
}
