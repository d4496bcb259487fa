/**
 * Masking keys: one Tink keyset per purpose and {@link io.custodian.masking.keys.KeyKind kind},
 * stored only encrypted under a {@link io.custodian.masking.keys.KeyEncryptionKey key-encryption
 * key}, loaded and rotated by the {@link io.custodian.masking.keys.Keyring}.
 */
package io.custodian.masking.keys;
