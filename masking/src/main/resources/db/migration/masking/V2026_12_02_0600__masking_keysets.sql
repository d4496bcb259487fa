-- Masking keysets: one Tink keyset per purpose and kind (tokenize, encrypt, pseudonymize), stored
-- only encrypted under the key-encryption key (KEK). The keyset column holds Tink's JSON encrypted
-- keyset format (the encrypted keyset in base64 and the key ids, never key material); its
-- associated data binds the purpose and the kind, so a row copied under another purpose does not
-- open. kek_id is the KEK's fingerprint, which names the key a row needs without revealing it.
CREATE TABLE masking_keyset (
    purpose       VARCHAR(64)              NOT NULL,
    kind          VARCHAR(16)              NOT NULL,
    keyset        ${large_text}            NOT NULL,
    kek_id        VARCHAR(64)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- when a new primary key was last added; null until the first rotation
    rotated_at    TIMESTAMP WITH TIME ZONE,
    -- when the keyset was last re-encrypted under another KEK; null until the first rewrap
    rewrapped_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (purpose, kind)
);
