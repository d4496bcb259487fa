package io.custodian.masking.keys;

import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig2026;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import com.google.crypto.tink.prf.PrfConfig2026;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import java.util.Locale;

/** What a purpose's keyset is for; each purpose has one keyset of each kind. */
public enum KeyKind {
    /** Deterministic tokens (AES-SIV, 512-bit key): the same value gives the same token, so joins still work. */
    TOKENIZE(PredefinedDeterministicAeadParameters.AES256_SIV, DeterministicAeadConfig2026.get()),
    /** Randomised encryption (AES-256-GCM): equal values give different ciphertexts. */
    ENCRYPT(PredefinedAeadParameters.AES256_GCM, AeadConfig2026.get()),
    /** One-way pseudonyms and SQL hash salts (HMAC-SHA256 PRF). */
    PSEUDONYMIZE(PredefinedPrfParameters.HMAC_SHA256_PRF, PrfConfig2026.get());

    private final Parameters parameters;
    private final Configuration configuration;

    KeyKind(Parameters parameters, Configuration configuration) {
        this.parameters = parameters;
        this.configuration = configuration;
    }

    /**
     * Tink's self-contained configuration for this kind's keys (creation, serialization and
     * primitives): no global registry is involved.
     */
    Configuration configuration() {
        return configuration;
    }

    /** The parameters new keys of this kind are generated with. */
    Parameters parameters() {
        return parameters;
    }

    /** The kind as stored and as written in configuration and APIs: {@code tokenize}, {@code encrypt}, {@code pseudonymize}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this label. */
    public static KeyKind ofLabel(String label) {
        for (KeyKind kind : values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown key kind (expected tokenize, encrypt or pseudonymize)");
    }
}
