package io.custodian.masking.keys;

/** A purpose that this deployment has no keys for; the API answers it as a client error. */
public final class UnknownPurposeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String purpose;

    UnknownPurposeException(String purpose) {
        super(Purposes.isValid(purpose)
                ? "unknown purpose '" + purpose + "': it is not among the configured purposes"
                : "unknown purpose: not a valid purpose name");
        this.purpose = Purposes.isValid(purpose) ? purpose : null;
    }

    /** The purpose asked for, or null when it was not even a valid name (and so is not repeated). */
    public String purpose() {
        return purpose;
    }
}
