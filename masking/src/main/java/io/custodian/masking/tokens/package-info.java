/**
 * Tokens: tokenize and detokenize, encrypt and decrypt, pseudonymize values of a purpose in
 * batches, each call recorded in the audit trail, with the keys of the
 * {@link io.custodian.masking.keys.Keyring}. There is no mapping table: the key is the vault.
 */
package io.custodian.masking.tokens;
