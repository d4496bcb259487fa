package io.custodian.catalog.ingest;

import static java.util.Objects.requireNonNull;

import io.custodian.lineage.sql.AnalysisBudget;
import io.custodian.lineage.sql.ColumnLineage;
import io.custodian.lineage.sql.LineageEdge;
import io.custodian.lineage.sql.SchemaProvider;
import io.custodian.lineage.sql.ScriptLineage;
import io.custodian.lineage.sql.SourceColumn;
import io.custodian.lineage.sql.SqlDefaults;
import io.custodian.lineage.sql.SqlLineageExtractor;
import io.custodian.lineage.sql.StatementKind;
import io.custodian.lineage.sql.StatementLineage;
import io.custodian.lineage.sql.TableMatch;
import io.custodian.lineage.sql.TableName;
import io.custodian.lineage.sql.dialect.SqlDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Column lineage derived from a job's SQL ({@code sql} job facet) for the outputs whose producer
 * sent no {@code columnLineage} facet. SQL table names are matched to the event's input and output
 * datasets by name (ignoring case; a shorter name matches a longer one's trailing parts when only
 * one dataset fits); their columns come from the event's schema facets, else from the catalog's
 * current version of the dataset. Sources that match no dataset of the event are left out.
 *
 * <p>Derivation runs after the event is applied, on its own thread ({@link SqlDerivationLoop}),
 * within an {@link AnalysisBudget}: no SQL can delay applying events. It never fails the event: a
 * problem yields no derived lineage and an outcome saying why, without quoting the SQL.
 */
public final class SqlLineageDeriver {
    /** Dialect assumed when the {@code sql} facet names none (or one Custodian does not know). */
    static final SqlDialect DEFAULT_DIALECT = SqlDialect.POSTGRES;
    private static final Logger log = LoggerFactory.getLogger(SqlLineageDeriver.class);

    private final SqlLineageExtractor extractor;
    private final AnalysisBudget budget;
    private final AtomicLong failures = new AtomicLong();

    public SqlLineageDeriver(SqlLineageExtractor extractor, AnalysisBudget budget) {
        this.extractor = requireNonNull(extractor, "extractor is null");
        this.budget = requireNonNull(budget, "budget is null");
    }

    /** How many events' SQL could not be turned into lineage, or not all of it, since start. */
    public long failures() {
        return failures.get();
    }

    /** Whether an event's job SQL is for this deriver: SQL, and an output without a producer facet. */
    static boolean wants(String sql, List<DatasetSpec> outputs) {
        return sql != null && !sql.isBlank() && outputs.stream().anyMatch(o -> o.columnLineage().isEmpty());
    }

    /** How a derivation ended. */
    enum Status {
        /** Every statement was analysed (the lineage may still be empty). */
        DONE,
        /** A statement was over the analysis budget; the others' lineage is kept. */
        SKIPPED,
        /** No statement could be analysed, or the analysis failed. */
        FAILED
    }

    /**
     * The lineage derived per output index, how the derivation ended and why (never quoting the
     * SQL: its literals may be personal data).
     */
    record Outcome(Map<Integer, ColumnLineageSpec> lineage, Status status, String reason) {
        Outcome {
            lineage = Map.copyOf(lineage);
            requireNonNull(status, "status is null");
            if (reason != null && reason.length() > 1000) {
                reason = reason.substring(0, 1000);
            }
        }
    }

    /**
     * Derived lineage per output index, for the outputs without a producer facet; empty when the
     * job has no SQL or nothing could be derived.
     *
     * @param storedFields a dataset's (namespace, name) to its current fields in the catalog
     */
    public Outcome derive(String sql, String dialectName, List<DatasetSpec> inputs,
            List<DatasetSpec> outputs, BiFunction<String, String, Optional<List<String>>> storedFields) {
        if (!wants(sql, outputs)) {
            return new Outcome(Map.of(), Status.DONE, null);
        }
        try {
            return deriveUnchecked(sql, dialectName, inputs, outputs, storedFields);
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            // The type only: messages about SQL can quote its literals, which may be personal data.
            log.warn("could not derive column lineage from a job's SQL: {}", e.getClass().getName());
            return new Outcome(Map.of(), Status.FAILED, "analysis failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The database and schema that unqualified names in a job's SQL most likely mean: the prefix
     * every qualified dataset the event names shares ({@code prod.sales.orders} and
     * {@code prod.sales.customers}: database {@code prod}, schema {@code sales}); none when they differ.
     */
    static SqlDefaults defaults(List<DatasetSpec> datasets) {
        List<String> prefix = null;
        for (DatasetSpec dataset : datasets) {
            List<String> parts = List.of(dataset.name().split("\\.", -1));
            if (parts.size() < 2 || parts.size() > 3 || dataset.name().indexOf('/') >= 0
                    || dataset.name().indexOf(':') >= 0) { // a path, not database.schema.table
                continue;
            }
            List<String> own = parts.subList(0, parts.size() - 1);
            if (prefix == null) {
                prefix = own;
            } else if (!prefix.equals(own)) {
                return SqlDefaults.NONE;
            }
        }
        if (prefix == null) {
            return SqlDefaults.NONE;
        }
        return prefix.size() == 2 ? SqlDefaults.of(prefix.get(0), prefix.get(1)) : SqlDefaults.of(null, prefix.get(0));
    }

    private Outcome deriveUnchecked(String sql, String dialectName, List<DatasetSpec> inputs,
            List<DatasetSpec> outputs, BiFunction<String, String, Optional<List<String>>> storedFields) {
        SqlDialect dialect = SqlDialect.named(dialectName).orElse(DEFAULT_DIALECT);
        List<DatasetSpec> datasets = new ArrayList<>(inputs);
        datasets.addAll(outputs);
        EventSchemas schemas = new EventSchemas(datasets, storedFields);
        ScriptLineage lineage = extractor.extract(sql, dialect, defaults(datasets), schemas, budget);
        Optional<StatementLineage> skipped = lineage.statements().stream()
                .filter(s -> s.kind() == StatementKind.SKIPPED).findFirst();
        if (lineage.statements().stream().allMatch(s -> s.error().isPresent())) {
            failures.incrementAndGet();
            if (skipped.isPresent()) {
                String reason = skippedReason(skipped.get());
                log.warn("job SQL not analysed: {}", reason);
                return new Outcome(Map.of(), Status.SKIPPED, reason);
            }
            // Where, not what: parser messages quote the SQL's tokens, which may be personal data.
            String reason = lineage.statements().isEmpty() ? "no statement"
                    : "statement 1 fails at line " + lineage.statements().get(0).error().orElseThrow().line()
                            + ", column " + lineage.statements().get(0).error().orElseThrow().column();
            log.warn("job SQL not analysed: {}", reason);
            return new Outcome(Map.of(), Status.FAILED, reason);
        }
        Map<Integer, List<ColumnEdgeSpec>> edges = new LinkedHashMap<>();
        for (StatementLineage statement : lineage.statements()) {
            if (statement.error().isPresent()) {
                continue;
            }
            Optional<Integer> output = statement.target().isPresent()
                    ? schemas.outputIndex(statement.target().get(), inputs.size())
                    : (outputs.size() == 1 ? Optional.of(0) : Optional.empty()); // a SELECT the job writes out
            if (output.isEmpty() || outputs.get(output.get()).columnLineage().isPresent()) {
                continue;
            }
            List<ColumnEdgeSpec> list = edges.computeIfAbsent(output.get(), k -> new ArrayList<>());
            Set<ColumnEdgeSpec> seen = new LinkedHashSet<>(list);
            for (ColumnLineage column : statement.columns()) {
                for (LineageEdge edge : column.sources()) {
                    schemas.dataset(edge.source().table()).ifPresent(d -> seen.add(edge(column.target().column(),
                            d, edge)));
                }
            }
            for (LineageEdge edge : statement.indirect()) {
                schemas.dataset(edge.source().table()).ifPresent(d -> seen.add(edge(null, d, edge)));
            }
            list.clear();
            list.addAll(seen);
        }
        Map<Integer, ColumnLineageSpec> result = new LinkedHashMap<>();
        edges.forEach((index, list) -> {
            if (!list.isEmpty()) {
                result.put(index, new ColumnLineageSpec(list, hash(list)));
            }
        });
        if (skipped.isPresent()) {
            failures.incrementAndGet();
            return new Outcome(result, Status.SKIPPED, skippedReason(skipped.get()));
        }
        return new Outcome(result, Status.DONE, null);
    }

    /** The budget's own words (they never quote the SQL), and which statement. */
    private static String skippedReason(StatementLineage statement) {
        return "statement " + (statement.index() + 1) + " skipped: " + statement.error().orElseThrow().message();
    }

    private static ColumnEdgeSpec edge(String outputField, DatasetSpec input, LineageEdge edge) {
        SourceColumn source = edge.source();
        return new ColumnEdgeSpec(outputField, input.namespace(), input.name(), source.column(), edge.type().name(),
                edge.subtype().name(), null, null);
    }

    private static String hash(List<ColumnEdgeSpec> edges) {
        Hashing hashing = Hashing.sha256().add("derived-sql");
        for (ColumnEdgeSpec e : edges) {
            hashing.add(e.outputField()).add(e.inputNamespace()).add(e.inputName()).add(e.inputField())
                    .add(e.transformationType()).add(e.transformationSubtype());
        }
        return hashing.hex();
    }

    /** The event's datasets as the extractor's schemas, matched by name. */
    private static final class EventSchemas implements SchemaProvider {
        private final List<DatasetSpec> datasets;
        private final List<TableName> names = new ArrayList<>();
        private final BiFunction<String, String, Optional<List<String>>> storedFields;
        private final Map<Integer, Optional<List<String>>> columns = new LinkedHashMap<>();

        EventSchemas(List<DatasetSpec> datasets, BiFunction<String, String, Optional<List<String>>> storedFields) {
            this.datasets = datasets;
            this.storedFields = storedFields;
            for (DatasetSpec d : datasets) {
                names.add(TableName.parse(d.name()));
            }
        }

        @Override
        public Optional<TableSchema> table(TableName name) {
            return index(name).flatMap(i -> columns(i).map(c -> new TableSchema(names.get(i), c)));
        }

        private Optional<List<String>> columns(int i) {
            return columns.computeIfAbsent(i, k -> {
                DatasetSpec d = datasets.get(k);
                if (d.schema().isPresent() && !d.schema().get().fields().isEmpty()) {
                    return Optional.of(d.schema().get().fields().stream().map(FieldSpec::name).toList());
                }
                return storedFields.apply(d.namespace(), d.name()).filter(f -> !f.isEmpty());
            });
        }

        Optional<DatasetSpec> dataset(TableName name) {
            return index(name).map(datasets::get);
        }

        Optional<Integer> outputIndex(TableName name, int inputCount) {
            return index(name).filter(i -> i >= inputCount).map(i -> i - inputCount);
        }

        /** The one dataset the name means, by {@link TableMatch}'s rule. */
        private Optional<Integer> index(TableName name) {
            return TableMatch.find(name, indexes(), names::get).match();
        }

        @Override
        public List<TableName> ambiguous(TableName name) {
            return TableMatch.find(name, indexes(), names::get).ambiguous().stream().map(names::get).toList();
        }

        private List<Integer> indexes() {
            return java.util.stream.IntStream.range(0, names.size()).boxed().toList();
        }
    }
}
