package io.custodian.catalog.audit;

/**
 * Where domain code records what it did that someone may later have to account for: a scan, a
 * steward's decision, an erasure step, a detokenization. Domain modules own this seam and know
 * nothing of where entries go; the server adapts it to the hash-chained audit log.
 *
 * <p>Recording is part of the action: an implementation that cannot write the entry throws
 * {@link AuditException}, and the caller lets it fail the action rather than act unrecorded.
 */
@FunctionalInterface
public interface AuditTrail {
    /**
     * Writes the event durably before returning.
     *
     * @throws AuditException when the entry could not be written
     */
    void record(AuditEvent event);
}
