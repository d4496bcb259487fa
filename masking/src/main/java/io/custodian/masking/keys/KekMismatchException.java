package io.custodian.masking.keys;

/**
 * The configured key-encryption key does not open the stored keysets. Names the id of the key
 * they need and of the key configured, never a key.
 */
public final class KekMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String expectedKekId;
    private final String configuredKekId;

    KekMismatchException(String expectedKekId, String configuredKekId, String purpose, KeyKind kind) {
        super("the stored masking keyset (purpose '" + purpose + "', " + kind.label()
                + ") is encrypted under key-encryption key id " + expectedKekId
                + ", and the configured key-encryption key (id " + configuredKekId
                + ") cannot open it: configure the key-encryption key with id " + expectedKekId
                + " (to change keys, rewrap with the old key configured; if that is the key configured,"
                + " the stored row was altered)");
        this.expectedKekId = expectedKekId;
        this.configuredKekId = configuredKekId;
    }

    /** The id of the key-encryption key the stored keysets were encrypted under. */
    public String expectedKekId() {
        return expectedKekId;
    }

    /** The id of the key-encryption key that was configured. */
    public String configuredKekId() {
        return configuredKekId;
    }
}
