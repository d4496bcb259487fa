package io.custodian.masking.tokens;

/** A value that cannot be tokenized, encrypted or pseudonymized: too long, or not valid Unicode text. */
public final class InvalidValueException extends TokenException {
    private static final long serialVersionUID = 1L;
    private final int index;

    InvalidValueException(int index, String why) {
        super("the value at index " + index + " " + why);
        this.index = index;
    }

    /** The index of the first bad value in the batch. */
    public int index() {
        return index;
    }
}
