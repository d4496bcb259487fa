package io.custodian.masking.tokens;

/**
 * Text that is not a token (or ciphertext) of this purpose in this deployment: garbage, truncated
 * or altered, made for another purpose, or by another deployment's keys.
 */
public final class InvalidTokenException extends TokenException {
    private static final long serialVersionUID = 1L;
    private final int index;

    InvalidTokenException(int index, TokenForm form, String purpose) {
        super("the value at index " + index + " is not a " + (form == TokenForm.TOKEN ? "token" : "ciphertext")
                + " of purpose '" + purpose + "' in this deployment");
        this.index = index;
    }

    /** The index of the first bad token in the batch. */
    public int index() {
        return index;
    }
}
