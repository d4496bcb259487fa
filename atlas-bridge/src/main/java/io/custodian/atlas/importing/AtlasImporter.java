package io.custodian.atlas.importing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.atlas.AtlasSettings;
import io.custodian.atlas.NamespaceMapping;
import io.custodian.atlas.PushedClassifications;
import io.custodian.atlas.client.AtlasConnection;
import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.DatasetRef;
import io.custodian.catalog.classification.ImportedClassification;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.policy.Taxonomy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.atlas.model.discovery.SearchParameters;
import org.apache.atlas.model.instance.AtlasClassification;
import org.apache.atlas.model.instance.AtlasEntity;
import org.apache.atlas.model.instance.AtlasEntity.AtlasEntityWithExtInfo;
import org.apache.atlas.model.instance.AtlasEntityHeader;

/**
 * Reads Atlas's tables and columns of the mapped namespaces, with their classifications, into the
 * catalog through the normal ingestion path: each table becomes an OpenLineage DatasetEvent with a
 * schema facet (and its description), logged and applied like any producer's, and its columns'
 * classifications are recorded with provenance ATLAS ({@link ClassificationStore#replaceImported}).
 *
 * <p>An event's time is Atlas's last update of the table or its columns, so importing an unchanged
 * table again sends the same event, which the log keeps once, and the latest description of a
 * dataset wins whoever sent it. Custodian's own pushed classifications are not read back. A
 * classification a steward rejected is recorded all the same: the steward's decision is in force
 * and the disagreement shows as the classification's {@code conflict} (and in the report).
 */
public final class AtlasImporter {
    /** The producer URI of the events the import sends. */
    public static final String PRODUCER = "https://custodian.io/atlas-bridge";
    private static final String SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent";
    private static final String SCHEMA_FACET = "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json";
    private static final String DOC_FACET = "https://openlineage.io/spec/facets/1-0-1/DocumentationDatasetFacet.json";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_LISTED = 20;
    private final AtlasSettings settings;
    private final LineageIngestor ingestor;
    private final LineageEventParser parser;
    private final ClassificationStore store;
    private final Supplier<Taxonomy> taxonomy;
    private final Duration timeout;

    public AtlasImporter(AtlasSettings settings, LineageIngestor ingestor, LineageEventParser parser,
            ClassificationStore store, Supplier<Taxonomy> taxonomy, Duration timeout) {
        this.settings = requireNonNull(settings, "settings is null");
        this.ingestor = requireNonNull(ingestor, "ingestor is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.store = requireNonNull(store, "store is null");
        this.taxonomy = requireNonNull(taxonomy, "taxonomy is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    public ImportReport importAll(AtlasConnection atlas) {
        Run run = new Run(atlas, taxonomy.get());
        for (NamespaceMapping mapping : settings.namespaces()) {
            for (int offset = 0; ; offset += settings.pageSize()) {
                SearchParameters search = new SearchParameters();
                search.setTypeName(mapping.model().tableType());
                search.setExcludeDeletedEntities(true);
                search.setAttributes(Set.of("qualifiedName"));
                search.setSortBy("qualifiedName");
                search.setLimit(settings.pageSize());
                search.setOffset(offset);
                List<AtlasEntityHeader> page = atlas.search(search);
                run.page(mapping, page);
                if (page.size() < settings.pageSize()) {
                    break;
                }
            }
        }
        return new ImportReport(run.tablesRead, run.tablesSkipped, run.submitted, run.imported, run.own, run.unmapped,
                run.onTables, run.conflicts.size(), List.copyOf(run.unmappedTypes), run.conflicts.stream().limit(MAX_LISTED).toList());
    }

    /** A table read from Atlas: its dataset, the event describing it, and its columns' classifications. */
    private record Table(String dataset, byte[] event, List<ImportedClassification> classifications) {}

    private final class Run {
        private final AtlasConnection atlas;
        private final Taxonomy types;
        private final Set<String> unmappedTypes = new TreeSet<>();
        private final List<String> conflicts = new ArrayList<>();
        private int tablesRead;
        private int tablesSkipped;
        private int submitted;
        private int imported;
        private int own;
        private int unmapped;
        private int onTables;

        Run(AtlasConnection atlas, Taxonomy types) {
            this.atlas = atlas;
            this.types = types;
        }

        /** Reads a page of tables, ingests them together, then records their classifications. */
        void page(NamespaceMapping mapping, List<AtlasEntityHeader> headers) {
            List<Table> tables = new ArrayList<>();
            for (AtlasEntityHeader header : headers) {
                Object name = header.getAttribute("qualifiedName");
                Optional<String> dataset = name == null ? Optional.empty() : mapping.datasetOf(name.toString());
                if (dataset.isEmpty()) {
                    tablesSkipped++;
                    continue;
                }
                atlas.entity(mapping.model().tableType(), name.toString())
                        .filter(found -> found.getEntity() != null)
                        .ifPresent(found -> tables.add(table(mapping, dataset.get(), found)));
            }
            tablesRead += tables.size();
            List<CompletableFuture<?>> receipts = new ArrayList<>();
            for (Table table : tables) {
                receipts.add(ingestor.submit(parser.parse(table.event())));
            }
            for (CompletableFuture<?> receipt : receipts) {
                await(receipt);
            }
            submitted += receipts.size();
            if (!ingestor.awaitApplied(timeout)) {
                throw new IllegalStateException("the catalog did not apply the tables read from Atlas in time");
            }
            for (Table table : tables) {
                DatasetRef ref = store.dataset(mapping.namespace(), table.dataset())
                        .orElseThrow(() -> new IllegalStateException("a dataset read from Atlas is not in the catalog"));
                imported += store.replaceImported(ref.id(), table.classifications());
                for (Classification c : store.classifications(mapping.namespace(), table.dataset()).orElse(List.of())) {
                    if (c.conflict() != null) {
                        conflicts.add(mapping.namespace() + "/" + table.dataset() + "." + c.field() + " " + c.type());
                    }
                }
            }
        }

        private Table table(NamespaceMapping mapping, String dataset, AtlasEntityWithExtInfo found) {
            AtlasEntity table = found.getEntity();
            String columnType = mapping.model().columnType();
            List<AtlasEntity> columns = new ArrayList<>();
            Map<String, AtlasEntity> referred = found.getReferredEntities();
            if (referred != null) {
                for (AtlasEntity entity : referred.values()) {
                    if (columnType.equals(entity.getTypeName()) && entity.getStatus() != AtlasEntity.Status.DELETED
                            && text(entity, "name") != null) {
                        columns.add(entity);
                    }
                }
            }
            columns.sort(Comparator.comparing((AtlasEntity c) -> position(c)).thenComparing(c -> text(c, "name")));
            onTables += (int) PushedClassifications.direct(table).stream().filter(c -> !PushedClassifications.pushed(c)).count();
            Instant time = updated(table);
            List<ImportedClassification> classifications = new ArrayList<>();
            for (AtlasEntity column : columns) {
                Instant columnTime = updated(column);
                if (columnTime.isAfter(time)) {
                    time = columnTime;
                }
                for (AtlasClassification c : PushedClassifications.direct(column)) {
                    if (PushedClassifications.pushed(c)) {
                        own++;
                        continue;
                    }
                    Optional<String> type = typeOf(c.getTypeName());
                    if (type.isEmpty()) {
                        unmapped++;
                        if (unmappedTypes.size() < MAX_LISTED) {
                            unmappedTypes.add(c.getTypeName());
                        }
                        continue;
                    }
                    classifications.add(new ImportedClassification(text(column, "name"), type.get(),
                            "Atlas " + columnType + " " + text(column, "qualifiedName") + " carries " + c.getTypeName()));
                }
            }
            return new Table(dataset, event(mapping.namespace(), dataset, table, columns, mapping, time), classifications);
        }

        private Optional<String> typeOf(String atlasName) {
            if (atlasName == null) {
                return Optional.empty();
            }
            String alias = settings.importAliases().get(atlasName);
            String name = alias != null ? alias : atlasName;
            return types.contains(name) ? Optional.of(name) : Optional.empty();
        }
    }

    private static byte[] event(String namespace, String dataset, AtlasEntity table, List<AtlasEntity> columns,
            NamespaceMapping mapping, Instant time) {
        ObjectNode event = JSON.objectNode();
        event.put("eventTime", time.toString());
        event.put("producer", PRODUCER);
        event.put("schemaURL", SCHEMA_URL);
        ObjectNode node = event.putObject("dataset");
        node.put("namespace", namespace);
        node.put("name", dataset);
        ObjectNode facets = node.putObject("facets");
        if (!columns.isEmpty()) {
            ObjectNode schema = facets.putObject("schema");
            schema.put("_producer", PRODUCER);
            schema.put("_schemaURL", SCHEMA_FACET);
            ArrayNode fields = schema.putArray("fields");
            for (AtlasEntity column : columns) {
                ObjectNode field = fields.addObject().put("name", text(column, "name"));
                String type = text(column, mapping.model().dataTypeAttribute());
                if (type != null) {
                    field.put("type", type);
                }
                String description = description(column);
                if (description != null) {
                    field.put("description", description);
                }
            }
        }
        String description = description(table);
        if (description != null) {
            ObjectNode doc = facets.putObject("documentation");
            doc.put("_producer", PRODUCER);
            doc.put("_schemaURL", DOC_FACET);
            doc.put("description", description);
        }
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a dataset event", e);
        }
    }

    private static String description(AtlasEntity entity) {
        String description = text(entity, "description");
        return description != null && !description.isBlank() ? description : blankToNull(text(entity, "comment"));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String text(AtlasEntity entity, String attribute) {
        Object value = entity.getAttribute(attribute);
        return value == null ? null : value.toString();
    }

    private static int position(AtlasEntity column) {
        Object value = column.getAttribute("position");
        return value instanceof Number n ? n.intValue() : Integer.MAX_VALUE;
    }

    private static Instant updated(AtlasEntity entity) {
        Date time = entity.getUpdateTime() != null ? entity.getUpdateTime() : entity.getCreateTime();
        return time == null ? Instant.EPOCH : time.toInstant();
    }

    private void await(CompletableFuture<?> receipt) {
        try {
            receipt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the catalog did not take a table read from Atlas in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing from Atlas", e);
        }
    }
}
