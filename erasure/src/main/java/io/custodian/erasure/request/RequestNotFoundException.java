package io.custodian.erasure.request;

import java.util.UUID;

/** No subject request has the id. */
public final class RequestNotFoundException extends RuntimeException {
    private final UUID requestId;

    public RequestNotFoundException(UUID requestId) {
        super("no subject request " + requestId);
        this.requestId = requestId;
    }

    public UUID requestId() {
        return requestId;
    }
}
