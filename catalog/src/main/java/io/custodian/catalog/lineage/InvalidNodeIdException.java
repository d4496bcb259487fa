package io.custodian.catalog.lineage;

/** A node id that is not of the form {@code dataset:NS:NAME}, {@code job:NS:NAME} or {@code datasetField:NS:NAME:FIELD}. */
public final class InvalidNodeIdException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidNodeIdException(String message) {
        super(message);
    }
}
