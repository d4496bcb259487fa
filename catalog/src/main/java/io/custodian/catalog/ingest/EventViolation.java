package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with an event.
 *
 * @param pointer where, as a JSON pointer into the event (RFC 6901); empty for the whole event
 */
public record EventViolation(String pointer, String message) {
    public EventViolation {
        requireNonNull(pointer, "pointer is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(event)" : pointer) + ": " + message;
    }
}
