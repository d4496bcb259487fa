package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.LineageEdge;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the planner reads from the catalog, as one snapshot: every dataset with its current schema
 * and the classifications in force on it, every column lineage edge in force, what each job reads
 * and writes, and when each dataset was last scanned. The seam lets planning be measured and tested
 * on a catalog of any size.
 */
public interface CatalogFacts {
    /** Every dataset of the catalog. */
    List<DatasetFacts> datasets();

    /** Every column lineage edge in force. */
    List<LineageEdge> columnEdges();

    /** What each job's current version reads and writes. */
    List<JobFacts> jobs();

    /** A dataset as planning sees it. */
    record DatasetFacts(String namespace, String name, List<FieldFacts> fields, List<String> owners,
            Optional<Instant> schemaChanged, Optional<Instant> lastScanned) {
        public DatasetFacts {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
            fields = List.copyOf(fields);
            owners = List.copyOf(owners);
            requireNonNull(schemaChanged, "schemaChanged is null");
            requireNonNull(lastScanned, "lastScanned is null");
        }

        public DatasetKey key() {
            return new DatasetKey(namespace, name);
        }

        public Optional<FieldFacts> field(String fieldName) {
            return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
        }
    }

    /** A field of a dataset's current schema with the classifications in force on it (a rejection hides a type). */
    record FieldFacts(String name, String type, List<Classification> classifications) {
        public FieldFacts {
            requireNonNull(name, "name is null");
            classifications = List.copyOf(classifications);
        }
    }

    /** A job's current inputs and outputs. */
    record JobFacts(String namespace, String name, List<DatasetKey> inputs, List<DatasetKey> outputs) {
        public JobFacts {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }
}
