package io.custodian.catalog.audit;

/** An audit entry could not be written; the action it records must not go ahead unrecorded. */
public final class AuditException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
