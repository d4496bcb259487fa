package io.custodian.scanner.scan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.DatasetRef;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.scanner.scan.SourceTable.SourceColumn;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates catalog datasets for scanned tables the way every other dataset is made: an OpenLineage
 * DatasetEvent with a schema facet, through the ingestor (event log, then the applier), so the
 * catalog has one write path. A dataset that exists with a schema is left as its producers
 * described it.
 */
public final class IngestingRegistrar implements DatasetRegistrar {
    /** The producer URI of the events the scanner sends. */
    public static final String PRODUCER = "https://custodian.io/scanner";
    private static final String SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final ClassificationStore store;
    private final LineageIngestor ingestor;
    private final LineageEventParser parser;
    private final Clock clock;
    private final Duration timeout;

    public IngestingRegistrar(ClassificationStore store, LineageIngestor ingestor, LineageEventParser parser,
            Clock clock, Duration timeout) {
        this.store = requireNonNull(store, "store is null");
        this.ingestor = requireNonNull(ingestor, "ingestor is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    @Override
    public UUID ensure(String namespace, String name, SourceTable table) {
        Optional<DatasetRef> known = store.dataset(namespace, name);
        if (known.isPresent() && !store.currentFields(known.get().id()).isEmpty()) {
            return known.get().id();
        }
        byte[] event = datasetEvent(namespace, name, table).toString().getBytes(StandardCharsets.UTF_8);
        try {
            ingestor.submit(parser.parse(event)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the catalog did not take the dataset's schema in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while registering the dataset", e);
        }
        if (!ingestor.awaitApplied(timeout)) {
            throw new IllegalStateException("the catalog did not apply the dataset's schema in time");
        }
        return store.dataset(namespace, name)
                .orElseThrow(() -> new IllegalStateException("the dataset is not in the catalog after ingestion"))
                .id();
    }

    private ObjectNode datasetEvent(String namespace, String name, SourceTable table) {
        ObjectNode event = JSON.objectNode();
        event.put("eventTime", clock.instant().toString());
        event.put("producer", PRODUCER);
        event.put("schemaURL", SCHEMA_URL);
        ObjectNode dataset = event.putObject("dataset");
        dataset.put("namespace", namespace);
        dataset.put("name", name);
        ObjectNode schema = dataset.putObject("facets").putObject("schema");
        schema.put("_producer", PRODUCER);
        schema.put("_schemaURL", "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json");
        ArrayNode fields = schema.putArray("fields");
        for (SourceColumn column : table.columns()) {
            ObjectNode field = fields.addObject().put("name", column.name());
            if (column.typeName() != null) {
                field.put("type", column.typeName());
            }
        }
        return event;
    }
}
