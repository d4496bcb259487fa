package io.custodian.erasure.request;

import java.util.UUID;

/**
 * What was asked of a request does not fit its current status: the transition is not allowed, the
 * status changed since the caller read it, or the action needs another status. Names the status
 * the request is in now.
 */
public final class RequestStateException extends RuntimeException {
    private final UUID requestId;
    private final RequestStatus current;

    public RequestStateException(UUID requestId, RequestStatus current, String message) {
        super("subject request " + requestId + " is " + current + ": " + message);
        this.requestId = requestId;
        this.current = current;
    }

    public UUID requestId() {
        return requestId;
    }

    /** The status the request is in now. */
    public RequestStatus current() {
        return current;
    }
}
