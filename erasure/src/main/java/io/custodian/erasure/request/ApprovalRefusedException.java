package io.custodian.erasure.request;

import java.util.UUID;

/** The approver may not approve this request (the policy wants an approver other than the submitter). */
public final class ApprovalRefusedException extends RuntimeException {
    private final UUID requestId;

    public ApprovalRefusedException(UUID requestId, String message) {
        super("subject request " + requestId + ": " + message);
        this.requestId = requestId;
    }

    public UUID requestId() {
        return requestId;
    }
}
