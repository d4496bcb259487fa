package io.custodian.masking.tokens;

/**
 * A token service call refused for its input; the API answers it as a client error. Messages say
 * which index is bad and why, never a value or token, and carry no cause that could.
 */
public abstract class TokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TokenException(String message) {
        super(message, null, false, false);
    }
}
