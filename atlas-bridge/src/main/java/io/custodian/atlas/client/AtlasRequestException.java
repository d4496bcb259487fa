package io.custodian.atlas.client;

/**
 * A call to Atlas that did not succeed: Atlas answered with an error status, or could not be
 * reached. The message names the call and the status, never Atlas's response body (which may
 * quote what was sent).
 */
public final class AtlasRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String operation;
    private final int status;

    public AtlasRequestException(String operation, int status, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.status = status;
    }

    /** The call, such as {@code GET entity hive_table}. */
    public String operation() {
        return operation;
    }

    /** The HTTP status Atlas answered with; 0 when it could not be reached or answered nothing readable. */
    public int status() {
        return status;
    }
}
