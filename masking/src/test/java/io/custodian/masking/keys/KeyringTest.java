package io.custodian.masking.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.daead.AesSivKey;
import com.google.crypto.tink.prf.HmacPrfKey;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.masking.testing.MaskingDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyringTest {
    private static final byte[] VALUE = "alice@example.org".getBytes(StandardCharsets.UTF_8);

    static List<String> kinds() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void startCreatesOneStoredKeysetPerPurposeAndKindAndARestartReusesThem(String kind) throws Exception {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            KeyEncryptionKey kek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            Keyring first = db.keyring(kek, "contact", "payments");
            assertThat(db.keysetRows()).isEqualTo(6);
            byte[] token = first.keys("contact").tokenize(VALUE);

            Keyring restarted = db.keyring(kek, "contact", "payments");
            assertThat(db.keysetRows()).isEqualTo(6);
            assertThat(restarted.keys("contact").tokenize(VALUE)).isEqualTo(token);
            assertThat(restarted.keys("contact").decrypt(first.keys("contact").encrypt(VALUE))).isEqualTo(VALUE);
            assertThat(restarted.hashSalt("payments")).isEqualTo(first.hashSalt("payments"));
            assertThat(restarted.keys("payments").tokenize(VALUE)).isNotEqualTo(token);
            List<String> kekIds = db.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT kek_id FROM masking_keyset")
                    .mapTo(String.class).list());
            assertThat(kekIds).containsExactly(kek.id());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aPurposeAddedLaterGetsItsKeysAndTheOthersKeepTheirs(String kind) throws Exception {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            KeyEncryptionKey kek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            byte[] token = db.keyring(kek, "contact").keys("contact").tokenize(VALUE);

            Keyring wider = db.keyring(kek, "contact", "hr");
            assertThat(db.keysetRows()).isEqualTo(6);
            assertThat(wider.keys("contact").tokenize(VALUE)).isEqualTo(token);
            assertThat(wider.purposes()).containsExactlyInAnyOrder("contact", "hr");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aKekThatDoesNotMatchTheStoreFailsNamingTheExpectedIdAndCreatesNothing(String kind) {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            KeyEncryptionKey kek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            db.keyring(kek, "contact");
            KeyEncryptionKey wrong = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());

            assertThatThrownBy(() -> db.keyring(wrong, "contact", "payments"))
                    .isInstanceOfSatisfying(KekMismatchException.class, e -> {
                        assertThat(e.expectedKekId()).isEqualTo(kek.id());
                        assertThat(e.configuredKekId()).isEqualTo(wrong.id());
                    })
                    .hasMessageContaining("key-encryption key id " + kek.id())
                    .hasMessageContaining(wrong.id())
                    .hasNoCause();
            assertThat(db.keysetRows()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void unknownAndMalformedPurposesAreRefused(String kind) {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            KeyEncryptionKey kek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            Keyring keyring = db.keyring(kek, "contact");

            assertThatThrownBy(() -> keyring.keys("payments"))
                    .isInstanceOfSatisfying(UnknownPurposeException.class, e -> assertThat(e.purpose()).isEqualTo("payments"))
                    .hasMessageContaining("'payments'");
            assertThatThrownBy(() -> keyring.keys("'; DROP TABLE masking_keyset; --"))
                    .isInstanceOfSatisfying(UnknownPurposeException.class, e -> assertThat(e.purpose()).isNull())
                    .hasMessageNotContaining("DROP");
            assertThatThrownBy(() -> keyring.keys(null)).isInstanceOf(UnknownPurposeException.class);
            assertThatThrownBy(() -> keyring.rotate("payments", KeyKind.TOKENIZE)).isInstanceOf(UnknownPurposeException.class);
            for (String bad : List.of("Contact", "1contact", "", "a".repeat(65), "con tact", "contact;")) {
                assertThatThrownBy(() -> new Keyring(db.jdbi(), kek, List.of(bad), Clock.systemUTC()))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(Purposes.isValid("a" + "b".repeat(63))).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void rotationAddsANewPrimaryAndKeepsTheOldKeys(String kind) throws Exception {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            KeyEncryptionKey kek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            Instant rotatedAt = Instant.parse("2026-12-02T06:00:00Z");
            Keyring keyring = new Keyring(db.jdbi(), kek, List.of("contact"), Clock.fixed(rotatedAt, ZoneOffset.UTC)).start();
            byte[] oldToken = keyring.keys("contact").tokenize(VALUE);
            byte[] oldCiphertext = keyring.keys("contact").encrypt(VALUE);
            byte[] oldSalt = keyring.hashSalt("contact");
            int oldPrimary = keyring.keysetForTest("contact", KeyKind.TOKENIZE).getPrimary().getId();

            keyring.rotate("contact", KeyKind.TOKENIZE);
            keyring.rotate("contact", KeyKind.ENCRYPT);
            keyring.rotate("contact", KeyKind.PSEUDONYMIZE);

            KeysetHandle tokenKeys = keyring.keysetForTest("contact", KeyKind.TOKENIZE);
            assertThat(tokenKeys.size()).isEqualTo(2);
            assertThat(tokenKeys.getPrimary().getId()).isNotEqualTo(oldPrimary);
            assertThat(keyring.keys("contact").tokenize(VALUE)).isNotEqualTo(oldToken);
            assertThat(keyring.keys("contact").detokenize(oldToken)).isEqualTo(VALUE);
            assertThat(keyring.keys("contact").decrypt(oldCiphertext)).isEqualTo(VALUE);
            assertThat(keyring.hashSalt("contact")).isNotEqualTo(oldSalt);

            Keyring restarted = db.keyring(kek, "contact");
            assertThat(restarted.keys("contact").detokenize(oldToken)).isEqualTo(VALUE);
            assertThat(restarted.keys("contact").tokenize(VALUE)).isEqualTo(keyring.keys("contact").tokenize(VALUE));
            Instant stored = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT rotated_at FROM masking_keyset WHERE purpose = 'contact' AND kind = 'tokenize'")
                    .mapTo(java.time.OffsetDateTime.class).one()).toInstant();
            assertThat(stored).isEqualTo(rotatedAt);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anotherInstancesRotationIsSeenAfterARefreshAndNotLost(String kind) throws Exception {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            KeyEncryptionKey kek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            Keyring a = db.keyring(kek, "contact");
            Keyring b = db.keyring(kek, "contact");

            a.rotate("contact", KeyKind.TOKENIZE);
            b.rotate("contact", KeyKind.TOKENIZE);
            byte[] fromB = b.keys("contact").tokenize(VALUE);
            assertThat(b.keysetForTest("contact", KeyKind.TOKENIZE).size()).isEqualTo(3);

            assertThatThrownBy(() -> a.keys("contact").detokenize(fromB)).isInstanceOf(java.security.GeneralSecurityException.class);
            a.refresh();
            assertThat(a.keys("contact").detokenize(fromB)).isEqualTo(VALUE);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void rewrapMovesEveryKeysetToTheNewKekAndTheOldOneOpensNothing(String kind) throws Exception {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            KeyEncryptionKey oldKek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            KeyEncryptionKey newKek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            db.keyring(oldKek, "hr"); // a purpose this instance does not serve is rewrapped too
            Keyring keyring = db.keyring(oldKek, "contact");
            byte[] token = keyring.keys("contact").tokenize(VALUE);
            byte[] salt = keyring.hashSalt("contact");

            assertThat(keyring.rewrap(newKek)).isEqualTo(6);

            assertThat(keyring.kekId()).isEqualTo(newKek.id());
            List<String> kekIds = db.jdbi().withHandle(h -> h.createQuery("SELECT DISTINCT kek_id FROM masking_keyset")
                    .mapTo(String.class).list());
            assertThat(kekIds).containsExactly(newKek.id());
            assertThatThrownBy(() -> db.keyring(oldKek, "contact"))
                    .isInstanceOf(KekMismatchException.class).hasMessageContaining(newKek.id());
            assertThatThrownBy(() -> db.keyring(oldKek, "hr")).isInstanceOf(KekMismatchException.class);
            Keyring restarted = db.keyring(newKek, "contact", "hr");
            assertThat(restarted.keys("contact").detokenize(token)).isEqualTo(VALUE);
            assertThat(restarted.keys("contact").tokenize(VALUE)).isEqualTo(token);
            assertThat(restarted.hashSalt("contact")).isEqualTo(salt);
            // the keyring that rewrapped goes on working, now with the new KEK
            keyring.rotate("contact", KeyKind.ENCRYPT);
            assertThat(db.keyring(newKek, "contact").keys("contact").detokenize(token)).isEqualTo(VALUE);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRewrapWithTheWrongKekChangesNothing(String kind) {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            KeyEncryptionKey kek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            db.keyring(kek, "contact");
            KeyEncryptionKey wrong = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            Keyring stale = new Keyring(db.jdbi(), wrong, List.of("contact"), Clock.systemUTC());

            assertThatThrownBy(() -> stale.rewrap(KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson())))
                    .isInstanceOf(KekMismatchException.class);
            db.keyring(kek, "contact"); // still opens with the original KEK
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theStoreNeverHoldsCleartextKeyMaterial(String kind) throws Exception {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            KeyEncryptionKey kek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            Keyring keyring = db.keyring(kek, "contact");
            keyring.rotate("contact", KeyKind.TOKENIZE);
            List<byte[]> keyBytes = new ArrayList<>();
            for (KeyKind k : KeyKind.values()) {
                KeysetHandle handle = keyring.keysetForTest("contact", k);
                for (int i = 0; i < handle.size(); i++) {
                    Object key = handle.getAt(i).getKey();
                    keyBytes.add(switch (k) {
                        case TOKENIZE -> ((AesSivKey) key).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
                        case ENCRYPT -> ((AesGcmKey) key).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
                        case PSEUDONYMIZE -> ((HmacPrfKey) key).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
                    });
                }
            }
            assertThat(keyBytes).hasSize(4);

            List<Map.Entry<String, String>> rows = db.jdbi().withHandle(h ->
                    h.createQuery("SELECT kind, keyset FROM masking_keyset")
                            .map((rs, ctx) -> Map.entry(rs.getString("kind"), rs.getString("keyset"))).list());
            assertThat(rows).hasSize(3);
            for (Map.Entry<String, String> row : rows) {
                String stored = row.getValue();
                assertThatThrownBy(() -> TinkJsonProtoKeysetFormat.parseKeyset(stored,
                        KeyKind.ofLabel(row.getKey()).configuration(), InsecureSecretKeyAccess.get()))
                        .isInstanceOf(java.security.GeneralSecurityException.class);
                JsonNode json = new ObjectMapper().readTree(stored);
                assertThat(json.has("encryptedKeyset")).isTrue();
                assertThat(json.has("key")).isFalse();
                byte[] sealed = Base64.getDecoder().decode(json.get("encryptedKeyset").asText());
                String sealedLatin1 = new String(sealed, StandardCharsets.ISO_8859_1);
                for (byte[] key : keyBytes) {
                    String raw = new String(key, StandardCharsets.ISO_8859_1);
                    assertThat(sealedLatin1).doesNotContain(raw.substring(0, 16));
                    assertThat(stored).doesNotContain(Base64.getEncoder().encodeToString(key).substring(0, 16))
                            .doesNotContain(Base64.getUrlEncoder().encodeToString(key).substring(0, 16))
                            .doesNotContainIgnoringCase(HexFormat.of().formatHex(key).substring(0, 16));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aKeysetMovedToAnotherPurposesRowDoesNotOpen(String kind) {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            KeyEncryptionKey kek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            db.keyring(kek, "contact", "payments");
            db.jdbi().useHandle(h -> h.execute("UPDATE masking_keyset SET keyset = (SELECT keyset FROM masking_keyset "
                    + "WHERE purpose = 'payments' AND kind = 'tokenize') WHERE purpose = 'contact' AND kind = 'tokenize'"));

            assertThatThrownBy(() -> db.keyring(kek, "contact"))
                    .isInstanceOf(KekMismatchException.class).hasMessageContaining("'contact'").hasMessageContaining("altered");
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void instancesStartingTogetherAgreeOnTheKeys(String kind) throws Exception {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            KeyEncryptionKey kek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<byte[]>> starts = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    starts.add(() -> db.keyring(kek, "contact", "payments").keys("contact").tokenize(VALUE));
                }
                List<byte[]> tokens = new ArrayList<>();
                for (Future<byte[]> f : pool.invokeAll(starts)) {
                    tokens.add(f.get());
                }
                assertThat(tokens).allSatisfy(t -> assertThat(t).isEqualTo(tokens.get(0)));
                assertThat(db.keysetRows()).isEqualTo(6);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theHashSaltIsPerPurposeAndThirtyTwoBytes(String kind) {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            Keyring keyring = db.keyring(KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson()), "contact", "payments");
            byte[] salt = keyring.hashSalt("contact");

            assertThat(salt).hasSize(32);
            assertThat(keyring.hashSalt("contact")).isEqualTo(salt);
            assertThat(keyring.hashSalt("payments")).isNotEqualTo(salt);
            salt[0] ^= 1; // callers get a copy
            assertThat(keyring.hashSalt("contact")).isNotEqualTo(salt);
            assertThatThrownBy(() -> keyring.hashSalt("other")).isInstanceOf(UnknownPurposeException.class);
        }
    }
}
