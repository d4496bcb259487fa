package io.custodian.erasure.request;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.masking.keys.KeyKind;
import io.custodian.masking.keys.Keyring;
import io.custodian.masking.keys.PurposeKeys;
import io.custodian.masking.keys.Purposes;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;

/**
 * The one rule for personal data a request keeps at rest (its identifiers, its access export): a
 * JSON document naming the request, {@code {"requestId": ..., <field>: ...}}, encrypted with a
 * masking purpose's AEAD and stored as base64 text. Opening checks the request id inside, so a
 * ciphertext copied to another request's row does not open there.
 */
final class RequestSealer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Keyring keyring;
    private final String purpose;

    RequestSealer(Keyring keyring, String purpose) {
        this.keyring = requireNonNull(keyring, "keyring is null");
        this.purpose = Purposes.requireValid(purpose);
    }

    String purpose() {
        return purpose;
    }

    /** The stored text of {@code content} as the value of {@code field}, bound to the request. */
    String seal(UUID requestId, String field, JsonNode content) {
        ObjectNode document = JSON.createObjectNode();
        document.put("requestId", requestId.toString());
        document.set(field, content);
        try {
            return Base64.getEncoder().encodeToString(keyring.keys(purpose).encrypt(JSON.writeValueAsBytes(document)));
        } catch (GeneralSecurityException | IOException e) {
            // No cause: the document is personal data and nothing of it may reach a log.
            throw new IllegalStateException("cannot encrypt the personal data of subject request " + requestId
                    + " with the keys of purpose '" + purpose + "'");
        }
    }

    /**
     * The value of {@code field} in the document stored for the request.
     *
     * @throws IllegalStateException when the text does not decrypt, or names another request
     */
    JsonNode open(UUID requestId, String field, String stored) {
        byte[] ciphertext = Base64.getDecoder().decode(stored);
        JsonNode document;
        try {
            document = JSON.readTree(decrypt(ciphertext));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the personal data stored for subject request " + requestId
                    + " does not decrypt with the keys of purpose '" + purpose + "'");
        }
        if (!requestId.toString().equals(document.path("requestId").asText())) {
            throw new IllegalStateException("the personal data stored for subject request " + requestId
                    + " belongs to another request");
        }
        return document.path(field);
    }

    private byte[] decrypt(byte[] ciphertext) throws GeneralSecurityException {
        PurposeKeys keys = keyring.keys(purpose);
        try {
            return keys.decrypt(ciphertext);
        } catch (GeneralSecurityException e) {
            // Sealed by a key another instance added since this one loaded its keys: re-read them once.
            if (keys.knowsKeyOf(KeyKind.ENCRYPT, ciphertext)) {
                throw e;
            }
            return keyring.refresh(purpose).decrypt(ciphertext);
        }
    }
}
