package io.custodian.erasure.request;

import static java.util.Objects.requireNonNull;

import io.custodian.erasure.plan.SubjectIdentifiers;
import java.util.Optional;

/**
 * A request as submitted, before it is stored. Holds the subject's identifier values: personal
 * data, which the store seals in the {@link IdentifierVault} and otherwise keeps only as hashes.
 *
 * @param requestedBy who asked, as the submitter describes them
 * @param submittedBy the authenticated principal submitting it
 */
public record NewSubjectRequest(
        RequestType type,
        Regulation regulation,
        SubjectIdentifiers identifiers,
        String requestedBy,
        String submittedBy,
        Optional<String> reference) {
    public NewSubjectRequest {
        requireNonNull(type, "type is null");
        requireNonNull(regulation, "regulation is null");
        requireNonNull(identifiers, "identifiers is null");
        requireNonNull(requestedBy, "requestedBy is null");
        requireNonNull(submittedBy, "submittedBy is null");
        requireNonNull(reference, "reference is null");
        if (identifiers.isEmpty()) {
            throw new IllegalArgumentException("a subject request names the subject by at least one identifier");
        }
    }
}
