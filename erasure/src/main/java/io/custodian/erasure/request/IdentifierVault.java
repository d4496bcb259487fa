package io.custodian.erasure.request;

import io.custodian.erasure.plan.SubjectIdentifiers;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a request's identifiers live while the request needs them: encrypted at rest, opened only
 * to plan and execute, and destroyed when the request ends. Nothing else in the store holds them.
 */
public interface IdentifierVault {
    /** Stores (or replaces) the request's identifiers, encrypted, durably before returning. */
    void seal(UUID requestId, SubjectIdentifiers identifiers);

    /** The request's identifiers; empty once destroyed (or never sealed). */
    Optional<SubjectIdentifiers> open(UUID requestId);

    /** Deletes the request's identifiers for good; nothing if there are none. */
    void destroy(UUID requestId);
}
