package io.custodian.sources;

/** Thrown when a change is asked of a source configured without a write user. */
public final class ReadOnlySourceException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ReadOnlySourceException(String name) {
        super("source " + name + " is read-only: it has no writeUser (and writePassword) configured");
    }
}
