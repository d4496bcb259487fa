package io.custodian.scanner.scan;

import java.util.UUID;

/** Finds a scanned table's dataset in the catalog, creating it when the catalog does not know it yet. */
public interface DatasetRegistrar {
    /** The catalog id of the dataset {@code namespace}/{@code name}, which then has {@code table}'s columns as its schema when it had none. */
    UUID ensure(String namespace, String name, SourceTable table);
}
