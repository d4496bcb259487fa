package io.custodian.catalog.lineage;

import io.custodian.catalog.field.FieldRef;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Start fields of a closure that the catalog does not hold: no such dataset, or a field neither
 * in the dataset's current schema nor named by its column lineage.
 */
public final class UnknownFieldsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private static final int NAMED_IN_MESSAGE = 20;
    private final transient List<FieldRef> fields;

    public UnknownFieldsException(List<FieldRef> fields) {
        super("the catalog holds no field named " + fields.stream().limit(NAMED_IN_MESSAGE).map(FieldRef::toString)
                .collect(Collectors.joining(", "))
                + (fields.size() > NAMED_IN_MESSAGE ? " (and " + (fields.size() - NAMED_IN_MESSAGE) + " more)" : ""));
        this.fields = List.copyOf(fields);
    }

    /** Every unknown start field. */
    public List<FieldRef> fields() {
        return fields;
    }
}
