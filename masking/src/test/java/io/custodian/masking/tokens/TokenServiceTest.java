package io.custodian.masking.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditException;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.masking.keys.KeyEncryptionKey;
import io.custodian.masking.keys.KeyKind;
import io.custodian.masking.keys.Keyring;
import io.custodian.masking.keys.UnknownPurposeException;
import io.custodian.masking.testing.MaskingDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The token service on real keys and a real store. Most tests share one database per kind (each
 * with purposes of its own); those that change every keyset (rewrap) or need two deployments have
 * their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenServiceTest {
    private static final String ACTOR = "steward@example.org";
    private static final String REASON = "ticket SUP-1234: customer asked for their data";
    private static final TokenLimits LIMITS = new TokenLimits(1000, 64, 100);
    private final Map<String, MaskingDatabase> shared = new HashMap<>();
    private final KeyEncryptionKey sharedKek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
    private final AtomicInteger purposes = new AtomicInteger();

    static List<String> kinds() {
        return TestDatabase.kinds();
    }

    @AfterAll
    void closeDatabases() {
        shared.values().forEach(MaskingDatabase::close);
    }

    /** A deployment on the shared database of this kind, with fresh purposes of its own. */
    private final class Deployment {
        final MaskingDatabase db;
        final Keyring keyring;
        final TokenService tokens;
        final String purpose;
        final String other;

        Deployment(String kind) {
            db = shared.computeIfAbsent(kind, MaskingDatabase::new);
            purpose = "contact-" + purposes.incrementAndGet();
            other = "payments-" + purposes.incrementAndGet();
            keyring = db.keyring(sharedKek, purpose, other);
            tokens = db.tokens(keyring, LIMITS);
            db.audited.clear();
            db.auditFailing = false;
        }

        List<AuditEvent> audited() {
            return db.audited;
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void tokensRoundTripAndNullsStayNull(String kind) {
        Deployment d = new Deployment(kind);
        List<String> values = Arrays.asList("alice@example.org", null, "", "Zoë Ødegård", "👩‍💻 δοκιμή", "a,b;'c\"\n\t");

        List<String> tokens = d.tokens.tokenize(ACTOR, d.purpose, values);

        assertThat(tokens).hasSize(values.size());
        assertThat(tokens.get(1)).isNull();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) != null) {
                assertThat(tokens.get(i)).matches("tk1_[A-Za-z0-9_-]+").doesNotContain(values.get(i).isEmpty() ? "\u0000" : values.get(i));
            }
        }
        assertThat(d.tokens.detokenize(ACTOR, d.purpose, tokens, REASON)).isEqualTo(values);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theSameValueGivesTheSameTokenAndAnotherPurposeAnotherToken(String kind) {
        Deployment d = new Deployment(kind);
        List<String> first = d.tokens.tokenize(ACTOR, d.purpose, List.of("alice", "bob", "alice"));
        List<String> again = d.tokens.tokenize(ACTOR, d.purpose, List.of("alice"));
        List<String> otherPurpose = d.tokens.tokenize(ACTOR, d.other, List.of("alice"));

        assertThat(first.get(0)).isEqualTo(first.get(2)).isEqualTo(again.get(0)).isNotEqualTo(first.get(1));
        assertThat(otherPurpose.get(0)).isNotEqualTo(first.get(0));
        assertThat(d.tokens.tokenizer(d.purpose).tokenize("alice")).isEqualTo(first.get(0));
        assertThat(d.tokens.tokenizer(d.purpose).tokenize(null)).isNull();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void encryptionIsRandomisedAndDecrypts(String kind) {
        Deployment d = new Deployment(kind);
        List<String> values = Arrays.asList("alice", "alice", null, "");

        List<String> ciphertexts = d.tokens.encrypt(ACTOR, d.purpose, values);

        assertThat(ciphertexts.get(0)).matches("ec1_[A-Za-z0-9_-]+").isNotEqualTo(ciphertexts.get(1));
        assertThat(ciphertexts.get(2)).isNull();
        assertThat(d.tokens.decrypt(ACTOR, d.purpose, ciphertexts, REASON)).isEqualTo(values);
        assertThatThrownBy(() -> d.tokens.decrypt(ACTOR, d.other, ciphertexts, REASON))
                .isInstanceOfSatisfying(InvalidTokenException.class, e -> assertThat(e.index()).isZero());
        List<String> tokens = d.tokens.tokenize(ACTOR, d.purpose, List.of("alice"));
        assertThatThrownBy(() -> d.tokens.decrypt(ACTOR, d.purpose, tokens, REASON)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> d.tokens.detokenize(ACTOR, d.purpose, ciphertexts.subList(0, 1), REASON))
                .isInstanceOf(InvalidTokenException.class);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void pseudonymsAreStableHexAndPerPurpose(String kind) {
        Deployment d = new Deployment(kind);
        List<String> pseudonyms = d.tokens.pseudonymize(ACTOR, d.purpose, Arrays.asList("alice", null, "alice", "bob"));

        assertThat(pseudonyms.get(0)).matches("ps1_[0-9a-f]{64}").isEqualTo(pseudonyms.get(2)).isNotEqualTo(pseudonyms.get(3));
        assertThat(pseudonyms.get(1)).isNull();
        assertThat(d.tokens.pseudonymize(ACTOR, d.other, List.of("alice")).get(0)).isNotEqualTo(pseudonyms.get(0));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void tokensSurviveKeyRotationAndRetokenizeMovesThemToTheNewKey(String kind) {
        Deployment d = new Deployment(kind);
        List<String> values = List.of("alice", "bob");
        List<String> old = d.tokens.tokenize(ACTOR, d.purpose, values);
        ValueTokenizer fast = d.tokens.tokenizer(d.purpose);
        List<String> oldCiphertexts = d.tokens.encrypt(ACTOR, d.purpose, values);

        d.keyring.rotate(d.purpose, KeyKind.TOKENIZE);
        d.keyring.rotate(d.purpose, KeyKind.ENCRYPT);

        List<String> fresh = d.tokens.tokenize(ACTOR, d.purpose, values);
        assertThat(fresh.get(0)).isNotEqualTo(old.get(0));
        assertThat(fast.tokenize("alice")).isEqualTo(fresh.get(0));
        assertThat(d.tokens.detokenize(ACTOR, d.purpose, old, REASON)).isEqualTo(values);
        assertThat(d.tokens.detokenize(ACTOR, d.purpose, fresh, REASON)).isEqualTo(values);
        assertThat(d.tokens.decrypt(ACTOR, d.purpose, oldCiphertexts, REASON)).isEqualTo(values);
        assertThat(d.tokens.retokenize(ACTOR, d.purpose, old)).isEqualTo(fresh);
        assertThat(d.tokens.retokenize(ACTOR, d.purpose, fresh)).isEqualTo(fresh);
        assertThat(d.audited()).extracting(AuditEvent::action).contains(TokenService.RETOKENIZE);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRotationByAnotherInstanceIsPickedUpWhenItsTokensArrive(String kind) {
        Deployment d = new Deployment(kind);
        d.tokens.tokenize(ACTOR, d.purpose, List.of("warm")); // this instance has loaded its keys
        Keyring otherInstance = d.db.keyring(sharedKek, d.purpose, d.other);
        TokenService otherService = d.db.tokens(otherInstance, LIMITS);
        otherInstance.rotate(d.purpose, KeyKind.TOKENIZE);
        otherInstance.rotate(d.purpose, KeyKind.ENCRYPT);
        List<String> tokens = otherService.tokenize(ACTOR, d.purpose, List.of("alice"));
        List<String> ciphertexts = otherService.encrypt(ACTOR, d.purpose, List.of("alice"));

        assertThat(d.tokens.detokenize(ACTOR, d.purpose, tokens, REASON)).containsExactly("alice");
        assertThat(d.tokens.decrypt(ACTOR, d.purpose, ciphertexts, REASON)).containsExactly("alice");
        // having re-read its keys, this instance tokenizes under the new primary too
        assertThat(d.tokens.tokenize(ACTOR, d.purpose, List.of("alice"))).isEqualTo(tokens);
        assertThat(d.tokens.tokenizer(d.purpose).tokenize("alice")).isEqualTo(tokens.get(0));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void tokensSurviveAKekRotationAndARestartWithTheNewKek(String kind) {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            KeyEncryptionKey oldKek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            KeyEncryptionKey newKek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            Keyring keyring = db.keyring(oldKek, "contact");
            TokenService service = db.tokens(keyring, LIMITS);
            List<String> tokens = service.tokenize(ACTOR, "contact", List.of("alice"));
            List<String> ciphertexts = service.encrypt(ACTOR, "contact", List.of("alice"));
            List<String> pseudonyms = service.pseudonymize(ACTOR, "contact", List.of("alice"));

            keyring.rewrap(newKek);
            TokenService restarted = db.tokens(db.keyring(newKek, "contact"), LIMITS);

            assertThat(restarted.detokenize(ACTOR, "contact", tokens, REASON)).containsExactly("alice");
            assertThat(restarted.decrypt(ACTOR, "contact", ciphertexts, REASON)).containsExactly("alice");
            assertThat(restarted.tokenize(ACTOR, "contact", List.of("alice"))).isEqualTo(tokens);
            assertThat(restarted.pseudonymize(ACTOR, "contact", List.of("alice"))).isEqualTo(pseudonyms);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anInstanceLeftWithTheOldKekAfterARewrapFailsNamingTheNewKekId(String kind) {
        try (MaskingDatabase db = new MaskingDatabase(kind)) {
            KeyEncryptionKey oldKek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            KeyEncryptionKey newKek = KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson());
            TokenService stale = db.tokens(db.keyring(oldKek, "contact"), LIMITS);
            Keyring current = db.keyring(oldKek, "contact");
            current.rotate("contact", KeyKind.TOKENIZE);
            List<String> tokens = db.tokens(current, LIMITS).tokenize(ACTOR, "contact", List.of("alice"));
            current.rewrap(newKek);
            db.audited.clear();

            assertThatThrownBy(() -> stale.detokenize(ACTOR, "contact", tokens, REASON))
                    .isInstanceOf(io.custodian.masking.keys.KekMismatchException.class)
                    .hasMessageContaining(newKek.id());
            assertThat(db.audited).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("failure"));
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void tokensOfAnotherDeploymentAreRefused(String kind) {
        try (MaskingDatabase ours = new MaskingDatabase(kind); MaskingDatabase theirs = new MaskingDatabase("h2")) {
            TokenService us = ours.tokens(ours.keyring(KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson()), "contact"), LIMITS);
            TokenService them = theirs.tokens(theirs.keyring(KeyEncryptionKey.fromJson(KeyEncryptionKey.generateJson()), "contact"), LIMITS);
            List<String> theirTokens = them.tokenize(ACTOR, "contact", List.of("alice"));
            List<String> theirCiphertexts = them.encrypt(ACTOR, "contact", List.of("alice"));

            List<String> batch = new ArrayList<>(us.tokenize(ACTOR, "contact", List.of("bob", "carol")));
            batch.add(theirTokens.get(0));
            assertThatThrownBy(() -> us.detokenize(ACTOR, "contact", batch, REASON))
                    .isInstanceOfSatisfying(InvalidTokenException.class, e -> assertThat(e.index()).isEqualTo(2))
                    .hasMessageContaining("index 2")
                    .hasMessageNotContaining(theirTokens.get(0));
            assertThatThrownBy(() -> us.decrypt(ACTOR, "contact", theirCiphertexts, REASON))
                    .isInstanceOf(InvalidTokenException.class);
            assertThat(us.tokenize(ACTOR, "contact", List.of("alice"))).isNotEqualTo(theirTokens);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void tokensOfAnotherPurposeAreRefused(String kind) {
        Deployment d = new Deployment(kind);
        List<String> theirs = d.tokens.tokenize(ACTOR, d.other, List.of("alice"));

        assertThatThrownBy(() -> d.tokens.detokenize(ACTOR, d.purpose, theirs, REASON))
                .isInstanceOfSatisfying(InvalidTokenException.class, e -> assertThat(e.index()).isZero())
                .hasMessageContaining("'" + d.purpose + "'");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void garbageIsRefusedNamingTheIndexWithoutRepeatingItOrAStackTrace(String kind) {
        Deployment d = new Deployment(kind);
        String good = d.tokens.tokenize(ACTOR, d.purpose, List.of("alice")).get(0);
        Random random = new Random(42);
        byte[] noise = new byte[40];
        random.nextBytes(noise);
        char[] binary = new char[50];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (char) random.nextInt(0x10000);
        }
        String flipped = good.substring(0, good.length() - 3) + (good.charAt(good.length() - 3) == 'A' ? 'B' : 'A')
                + good.substring(good.length() - 2);
        List<String> garbage = List.of("", "tk1_", "tk1_!!!!", "alice", "TK1_" + good.substring(4), "tk2_" + good.substring(4),
                "tk1_" + Base64.getUrlEncoder().withoutPadding().encodeToString(noise), new String(binary),
                "tk1_\u0000\u0001\u0002", flipped, good.substring(0, good.length() - 4), good + "A", good + "==",
                "tk1_" + "A".repeat(10_000), "ec1_" + good.substring(4), "ps1_" + "0".repeat(64), good + " ", " " + good);
        d.audited().clear();

        for (String bad : garbage) {
            assertThatThrownBy(() -> d.tokens.detokenize(ACTOR, d.purpose, Arrays.asList(good, null, bad), REASON))
                    .as("%s", bad)
                    .isInstanceOfSatisfying(InvalidTokenException.class, e -> {
                        assertThat(e.index()).isEqualTo(2);
                        assertThat(e.getStackTrace()).isEmpty();
                        assertThat(e.getCause()).isNull();
                        if (bad.length() > 5) {
                            assertThat(e.getMessage()).doesNotContain(bad.substring(4));
                        }
                    });
        }
        assertThat(d.audited()).noneMatch(e -> e.outcome().equals("success"));
        assertThat(d.audited()).hasSize(garbage.size()).allMatch(e -> e.detail().contains("index 2"));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anOversizedBatchIsRefusedWithoutSideEffects(String kind) {
        Deployment d = new Deployment(kind);
        int rows = d.db.keysetRows();
        List<String> huge = Collections.nCopies(100_000, "alice@example.org");

        assertThatThrownBy(() -> d.tokens.tokenize(ACTOR, d.purpose, huge))
                .isInstanceOf(BatchTooLargeException.class).hasMessageContaining("1000").hasMessageContaining("100000");
        assertThatThrownBy(() -> d.tokens.detokenize(ACTOR, d.purpose, huge, REASON)).isInstanceOf(BatchTooLargeException.class);
        assertThatThrownBy(() -> d.tokens.pseudonymize(ACTOR, d.purpose, huge)).isInstanceOf(BatchTooLargeException.class);

        assertThat(d.audited()).hasSize(3).allMatch(e -> e.outcome().equals("failure") && e.detail().startsWith("count=100000"));
        assertThat(d.db.keysetRows()).isEqualTo(rows);
        assertThat(d.tokens.tokenize(ACTOR, d.purpose, Collections.nCopies(1000, "alice"))).hasSize(1000);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void valuesAreLimitedInUtf8BytesAndMustBeUnicodeText(String kind) {
        Deployment d = new Deployment(kind);
        String fits = "é".repeat(32); // 64 bytes
        String over = "é".repeat(32) + "x"; // 65 bytes, 33 chars

        assertThat(d.tokens.tokenize(ACTOR, d.purpose, List.of(fits, "x".repeat(64)))).hasSize(2);
        assertThatThrownBy(() -> d.tokens.tokenize(ACTOR, d.purpose, List.of("ok", "ok", over)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.index()).isEqualTo(2))
                .hasMessageContaining("64 UTF-8 bytes").hasMessageNotContaining("é");
        assertThatThrownBy(() -> d.tokens.encrypt(ACTOR, d.purpose, List.of("x".repeat(1_000_000))))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.index()).isZero());
        assertThatThrownBy(() -> d.tokens.pseudonymize(ACTOR, d.purpose, List.of("ok", "bad\uD800")))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.index()).isEqualTo(1))
                .hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> d.tokens.tokenizer(d.purpose).tokenize("\uDC00x")).isInstanceOf(InvalidValueException.class);
        // a value of the longest length detokenizes: the token length bound admits every real token
        List<String> tokens = d.tokens.tokenize(ACTOR, d.purpose, List.of("😀".repeat(16)));
        assertThat(d.tokens.detokenize(ACTOR, d.purpose, tokens, REASON)).containsExactly("😀".repeat(16));
        List<String> ciphertexts = d.tokens.encrypt(ACTOR, d.purpose, List.of(fits));
        assertThat(d.tokens.decrypt(ACTOR, d.purpose, ciphertexts, REASON)).containsExactly(fits);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void revealingNeedsAReasonOnOneBoundedLine(String kind) {
        Deployment d = new Deployment(kind);
        List<String> tokens = d.tokens.tokenize(ACTOR, d.purpose, List.of("alice"));
        List<String> ciphertexts = d.tokens.encrypt(ACTOR, d.purpose, List.of("alice"));
        d.audited().clear();

        for (String bad : Arrays.asList(null, "", "   ", "x".repeat(101), "line one\nline two", "tab\there", "nul\u0000")) {
            assertThatThrownBy(() -> d.tokens.detokenize(ACTOR, d.purpose, tokens, bad)).isInstanceOf(InvalidReasonException.class);
            assertThatThrownBy(() -> d.tokens.decrypt(ACTOR, d.purpose, ciphertexts, bad)).isInstanceOf(InvalidReasonException.class);
        }
        assertThat(d.audited()).hasSize(14).allMatch(e -> e.outcome().equals("failure") && !e.detail().contains("reason="));
        assertThat(d.tokens.detokenize(ACTOR, d.purpose, tokens, "x".repeat(100))).containsExactly("alice");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyCallIsAuditedWithCountsAndReasonsButNeverValues(String kind) {
        Deployment d = new Deployment(kind);
        List<String> values = Arrays.asList("alice@mail.test", null, "bob@mail.test");
        List<String> tokens = d.tokens.tokenize(ACTOR, d.purpose, values);
        d.tokens.detokenize(ACTOR, d.purpose, tokens, REASON);
        List<String> ciphertexts = d.tokens.encrypt(ACTOR, d.purpose, values);
        d.tokens.decrypt(ACTOR, d.purpose, ciphertexts, REASON);
        List<String> pseudonyms = d.tokens.pseudonymize(ACTOR, d.purpose, values);

        assertThat(d.audited()).extracting(AuditEvent::action).containsExactly(TokenService.TOKENIZE,
                TokenService.DETOKENIZE, TokenService.ENCRYPT, TokenService.DECRYPT, TokenService.PSEUDONYMIZE);
        assertThat(d.audited()).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo(ACTOR);
            assertThat(e.target()).isEqualTo(d.purpose);
            assertThat(e.outcome()).isEqualTo("success");
            assertThat(e.detail()).startsWith("count=3");
            String all = e.toString();
            for (List<String> secrets : List.of(values, tokens, ciphertexts, pseudonyms)) {
                for (String secret : secrets) {
                    if (secret != null) {
                        assertThat(all).doesNotContain(secret).doesNotContain(secret.substring(4, 10));
                    }
                }
            }
        });
        assertThat(d.audited().get(1).detail()).isEqualTo("count=3; reason=" + REASON);
        assertThat(d.audited().get(3).detail()).isEqualTo("count=3; reason=" + REASON);
        assertThat(d.audited().get(0).detail()).isEqualTo("count=3");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void whenTheAuditFailsNothingIsRevealed(String kind) {
        Deployment d = new Deployment(kind);
        List<String> tokens = d.tokens.tokenize(ACTOR, d.purpose, List.of("alice"));
        List<String> ciphertexts = d.tokens.encrypt(ACTOR, d.purpose, List.of("alice"));
        d.db.auditFailing = true;

        assertThatThrownBy(() -> d.tokens.detokenize(ACTOR, d.purpose, tokens, REASON)).isInstanceOf(AuditException.class);
        assertThatThrownBy(() -> d.tokens.decrypt(ACTOR, d.purpose, ciphertexts, REASON)).isInstanceOf(AuditException.class);
        assertThatThrownBy(() -> d.tokens.tokenize(ACTOR, d.purpose, List.of("alice"))).isInstanceOf(AuditException.class);
        // a refused call still fails with its own reason, the audit failure attached
        assertThatThrownBy(() -> d.tokens.detokenize(ACTOR, d.purpose, List.of("garbage"), REASON))
                .isInstanceOf(InvalidTokenException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasOnlyElementsOfType(AuditException.class));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anUnknownPurposeIsRefusedAndRecorded(String kind) {
        Deployment d = new Deployment(kind);

        assertThatThrownBy(() -> d.tokens.tokenize(ACTOR, "unknown", List.of("alice"))).isInstanceOf(UnknownPurposeException.class);
        assertThatThrownBy(() -> d.tokens.detokenize(ACTOR, "Robert'); DROP TABLE x;--", List.of("tk1_AA"), REASON))
                .isInstanceOf(UnknownPurposeException.class).hasMessageNotContaining("DROP");
        assertThatThrownBy(() -> d.tokens.tokenizer("unknown")).isInstanceOf(UnknownPurposeException.class);

        assertThat(d.audited()).hasSize(2).allMatch(e -> e.outcome().equals("failure"));
        assertThat(d.audited().get(0).target()).isEqualTo("unknown");
        assertThat(d.audited().get(1).target()).isNull();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void tokenTextIsSafeInSqlAndCsv(String kind) {
        Deployment d = new Deployment(kind);
        List<String> values = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            values.add(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        List<String> out = new ArrayList<>(d.tokens.tokenize(ACTOR, d.purpose, values));
        out.addAll(d.tokens.encrypt(ACTOR, d.purpose, values));
        out.addAll(d.tokens.pseudonymize(ACTOR, d.purpose, values));

        assertThat(out).allMatch(t -> t.matches("(tk1|ec1|ps1)_[A-Za-z0-9_-]+"));
        assertThat(d.tokens.detokenize(ACTOR, d.purpose, out.subList(0, 500), REASON)).isEqualTo(values);
    }
}
