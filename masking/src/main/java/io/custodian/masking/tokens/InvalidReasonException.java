package io.custodian.masking.tokens;

/** Detokenize and decrypt need a stated reason: present, not blank, bounded, on one line. */
public final class InvalidReasonException extends TokenException {
    private static final long serialVersionUID = 1L;

    InvalidReasonException(String why) {
        super("a reason is required to reveal values: " + why);
    }
}
