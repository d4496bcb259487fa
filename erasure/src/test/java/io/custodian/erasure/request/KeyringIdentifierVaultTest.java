package io.custodian.erasure.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.catalog.testing.TestDatabase;
import io.custodian.erasure.plan.SubjectIdentifiers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyringIdentifierVaultTest {
    static List<String> kinds() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void sealedIdentifiersOpenAsGivenAndAreGoneOnceDestroyed(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest request = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));
            assertThat(db.vault.open(request.id())).contains(RequestDatabase.alice());

            SubjectIdentifiers more = RequestDatabase.alice().with("PHONE_NUMBER", List.of("+44 20 7946 0000"));
            db.vault.seal(request.id(), more);
            assertThat(db.vault.open(request.id())).contains(more);

            db.vault.destroy(request.id());
            assertThat(db.vault.open(request.id())).isEmpty();
            db.vault.destroy(request.id());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theStoredRowHoldsNoIdentifierValue(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest request = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));
            String stored = db.storedText("SELECT sealed FROM subject_request_identifier WHERE request_id = :id",
                    request.id());
            String bytes = new String(Base64.getDecoder().decode(stored), StandardCharsets.ISO_8859_1);
            assertThat(stored).doesNotContain("alice@example.org").doesNotContain("example");
            assertThat(bytes).doesNotContain("alice@example.org").doesNotContain("EMAIL_ADDRESS");
            String hashes = db.storedText("SELECT subject_hashes FROM subject_request WHERE id = :id", request.id());
            assertThat(hashes).contains("EMAIL_ADDRESS").doesNotContain("alice").doesNotContain("\"42\"");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aCiphertextCopiedToAnotherRequestsRowDoesNotOpenThere(String kind) {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            SubjectRequest alice = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));
            SubjectRequest bob = db.store.create(new NewSubjectRequest(RequestType.ACCESS, Regulation.CCPA,
                    new SubjectIdentifiers(Map.of("EMAIL_ADDRESS", List.of("bob@example.org"))), "web form", "officer",
                    java.util.Optional.empty()));
            String alices = db.storedText("SELECT sealed FROM subject_request_identifier WHERE request_id = :id",
                    alice.id());
            db.jdbi().useHandle(h -> h.createUpdate("UPDATE subject_request_identifier SET sealed = :s WHERE request_id = :id")
                    .bind("s", alices).bind("id", bob.id()).execute());

            assertThatThrownBy(() -> db.vault.open(bob.id()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("belongs to another request")
                    .hasMessageNotContaining("alice");
            assertThat(db.vault.open(alice.id())).contains(RequestDatabase.alice());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void hashesAreStableShortKeyedAndDifferByType(String kind) throws Exception {
        try (RequestDatabase db = new RequestDatabase(kind)) {
            String hash = db.hasher.hash("EMAIL_ADDRESS", "alice@example.org");
            assertThat(hash).matches("[0-9a-f]{16}");
            assertThat(new KeyringSubjectHasher(db.keyring, RequestDatabase.PURPOSE).hash("EMAIL_ADDRESS",
                    "alice@example.org")).isEqualTo(hash);
            assertThat(db.hasher.hash("PERSON_ID", "alice@example.org")).isNotEqualTo(hash);
            assertThat(db.hasher.hash("EMAIL_ADDRESS", "bob@example.org")).isNotEqualTo(hash);

            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> results = new java.util.ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    results.add(pool.submit(() -> db.hasher.hash("EMAIL_ADDRESS", "alice@example.org")));
                }
                for (Future<String> result : results) {
                    assertThat(result.get()).isEqualTo(hash);
                }
            } finally {
                pool.shutdown();
            }

            SubjectRequest request = db.store.create(RequestDatabase.erasure(Regulation.GDPR, "officer"));
            assertThat(request.subjectHashes()).containsEntry("EMAIL_ADDRESS", List.of(hash));
            assertThat(request.identifierTypes()).containsExactly("EMAIL_ADDRESS", "PERSON_ID");
        }
    }
}
