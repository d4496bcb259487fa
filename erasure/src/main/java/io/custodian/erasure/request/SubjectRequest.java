package io.custodian.erasure.request;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A data subject request as stored: free of personal data. The subject appears as identifier types
 * and keyed hashes of the values; the values themselves are only in the {@link IdentifierVault}.
 *
 * @param statusReason   why the request is in its status, when someone said (a hold, a cancellation)
 * @param identifierTypes the subject's identifier types given with the request, sorted
 * @param subjectHashes  by identifier type, the keyed hashes of the values given
 * @param requestedBy    who asked, as the submitter described them ("support ticket owner")
 * @param submittedBy    the authenticated principal that submitted the request
 * @param reference      an external reference (a ticket number)
 * @param dueAt          the due instant, after the extension when there is one
 * @param completedAt    when the request reached a final status
 * @param policyVersion  the policy set version of the stored plan
 */
public record SubjectRequest(
        UUID id,
        RequestType type,
        Regulation regulation,
        RequestStatus status,
        Optional<String> statusReason,
        SortedSet<String> identifierTypes,
        Map<String, List<String>> subjectHashes,
        String requestedBy,
        String submittedBy,
        Optional<String> reference,
        Instant receivedAt,
        Instant dueAt,
        Optional<Extension> extension,
        Optional<String> approvedBy,
        Optional<Instant> approvedAt,
        Optional<Instant> completedAt,
        Optional<String> policyVersion,
        Instant updatedAt) {
    public SubjectRequest {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(regulation, "regulation is null");
        requireNonNull(status, "status is null");
        requireNonNull(statusReason, "statusReason is null");
        identifierTypes = Collections.unmodifiableSortedSet(new TreeSet<>(identifierTypes));
        Map<String, List<String>> hashes = new TreeMap<>();
        subjectHashes.forEach((identifierType, list) -> hashes.put(identifierType, List.copyOf(list)));
        subjectHashes = Collections.unmodifiableMap(hashes);
        requireNonNull(requestedBy, "requestedBy is null");
        requireNonNull(submittedBy, "submittedBy is null");
        requireNonNull(reference, "reference is null");
        requireNonNull(receivedAt, "receivedAt is null");
        requireNonNull(dueAt, "dueAt is null");
        requireNonNull(extension, "extension is null");
        requireNonNull(approvedBy, "approvedBy is null");
        requireNonNull(approvedAt, "approvedAt is null");
        requireNonNull(completedAt, "completedAt is null");
        requireNonNull(policyVersion, "policyVersion is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }

    /** The audit target naming this request. */
    public String auditTarget() {
        return auditTarget(id);
    }

    static String auditTarget(UUID id) {
        return "subject-request/" + id;
    }
}
