package io.custodian.erasure.request;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.erasure.plan.SubjectIdentifiers;
import io.custodian.masking.keys.Keyring;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The identifier vault in the catalog database: one row per request in
 * {@code subject_request_identifier}, holding only the ciphertext of
 * {@code {"requestId": ..., "identifiers": {type: [values]}}} under a masking purpose's keys
 * (see {@link RequestSealer}). A row copied to another request does not open there.
 */
public final class KeyringIdentifierVault implements IdentifierVault {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIELD = "identifiers";
    private final Jdbi jdbi;
    private final RequestSealer sealer;

    /**
     * @param jdbi    the catalog database, migrated
     * @param keyring started, holding {@code purpose}
     * @param purpose the masking purpose whose encryption key seals identifiers (and access exports)
     */
    public KeyringIdentifierVault(Jdbi jdbi, Keyring keyring, String purpose) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.sealer = new RequestSealer(keyring, purpose);
    }

    @Override
    public void seal(UUID requestId, SubjectIdentifiers identifiers) {
        jdbi.useTransaction(handle -> seal(handle, requestId, identifiers));
    }

    /** Seals within the caller's transaction (the store seals a new request's identifiers with its row). */
    void seal(Handle handle, UUID requestId, SubjectIdentifiers identifiers) {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(identifiers, "identifiers is null");
        String sealed = sealer.seal(requestId, FIELD, toJson(identifiers));
        int updated = handle.createUpdate("UPDATE subject_request_identifier SET sealed = :sealed WHERE request_id = :id")
                .bind("sealed", sealed).bind("id", requestId).execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO subject_request_identifier (request_id, sealed) VALUES (:id, :sealed)")
                    .bind("id", requestId).bind("sealed", sealed).execute();
        }
    }

    @Override
    public Optional<SubjectIdentifiers> open(UUID requestId) {
        requireNonNull(requestId, "requestId is null");
        Optional<String> sealed = jdbi.withHandle(handle -> handle
                .createQuery("SELECT sealed FROM subject_request_identifier WHERE request_id = :id")
                .bind("id", requestId).mapTo(String.class).findOne());
        return sealed.map(text -> fromJson(sealer.open(requestId, FIELD, text)));
    }

    @Override
    public void destroy(UUID requestId) {
        jdbi.useHandle(handle -> destroy(handle, requestId));
    }

    /** Destroys within the caller's transaction (the store destroys them when a request closes). */
    void destroy(Handle handle, UUID requestId) {
        requireNonNull(requestId, "requestId is null");
        handle.createUpdate("DELETE FROM subject_request_identifier WHERE request_id = :id").bind("id", requestId)
                .execute();
    }

    /** The sealer, so that access exports are sealed under the same purpose by the same rule. */
    RequestSealer sealer() {
        return sealer;
    }

    private static JsonNode toJson(SubjectIdentifiers identifiers) {
        ObjectNode node = JSON.createObjectNode();
        identifiers.asMap().forEach((type, values) -> {
            ArrayNode array = node.putArray(type);
            values.forEach(array::add);
        });
        return node;
    }

    private static SubjectIdentifiers fromJson(JsonNode node) {
        Map<String, List<String>> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<String> list = new ArrayList<>();
            field.getValue().forEach(value -> list.add(value.asText()));
            values.put(field.getKey(), list);
        }
        return new SubjectIdentifiers(values);
    }
}
