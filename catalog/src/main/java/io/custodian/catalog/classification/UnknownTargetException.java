package io.custodian.catalog.classification;

/** A classification names a dataset or field the catalog does not hold. */
public final class UnknownTargetException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String what;
    private final String name;

    public UnknownTargetException(String what, String name) {
        super("no " + what + " named " + name);
        this.what = what;
        this.name = name;
    }

    /** "dataset" or "field". */
    public String what() {
        return what;
    }

    public String name() {
        return name;
    }
}
