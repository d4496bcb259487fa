package io.custodian.erasure.execute;

import io.custodian.erasure.plan.SubjectIdentifiers;
import io.custodian.erasure.request.IdentifierVault;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A vault that keeps identifiers in memory, for tests of what uses the vault. */
final class InMemoryVault implements IdentifierVault {
    private final Map<UUID, SubjectIdentifiers> sealed = new ConcurrentHashMap<>();

    @Override
    public void seal(UUID requestId, SubjectIdentifiers identifiers) {
        sealed.put(requestId, identifiers);
    }

    @Override
    public Optional<SubjectIdentifiers> open(UUID requestId) {
        return Optional.ofNullable(sealed.get(requestId));
    }

    @Override
    public void destroy(UUID requestId) {
        sealed.remove(requestId);
    }
}
