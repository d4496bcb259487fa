package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import io.custodian.erasure.policy.ErasureAction;
import io.custodian.masking.strategy.ColumnType;
import io.custodian.masking.strategy.MaskingKeys;
import io.custodian.masking.strategy.MaskingSpec;
import io.custodian.masking.strategy.MaskingStrategies;
import io.custodian.masking.strategy.MaskingStrategy;
import io.custodian.masking.strategy.StrategyKind;
import io.custodian.sources.TableRef;
import io.custodian.sources.dialect.Assignment;
import io.custodian.sources.dialect.Predicate;
import io.custodian.sources.dialect.SqlDialect;
import io.custodian.sources.dialect.SqlStatement;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statements of one step for one subject, in the source's dialect: the one place where a
 * step's locators and the subject's values become SQL, for planning (estimates, previews) and for
 * execution alike. The subject's rows are those where any locator column holds any of the
 * subject's values of its type; values are bound as parameters, as numbers for an integer or
 * decimal column (a value that is not a number cannot be in such a column and is left out).
 *
 * <p>A retention purge's step has one {@link Locator.Match#BEFORE} locator and no subject: its rows
 * are those whose time column is before the cutoff, bound as the column's kind of time (see
 * {@link #cutoff}). For ANONYMIZE they are further only the rows that still hold something other
 * than its constant in a rewritten column, so the UPDATE skips rows already rewritten and the
 * COUNT afterwards (the verification) finds none.
 */
public final class StepStatements {
    /** At most this many values in one {@code IN} list. */
    static final int MAX_IN_LIST = 500;
    // Only constant strategies are made here; they use no keys.
    private static final MaskingStrategies CONSTANTS = new MaskingStrategies(new MaskingKeys() {
        @Override
        public byte[] hashSalt(String purpose) {
            throw new IllegalStateException("anonymization writes constants; it has no hash salt");
        }

        @Override
        public String tokenize(String purpose, String value) {
            throw new IllegalStateException("anonymization writes constants; it makes no tokens");
        }
    }, Map.of());
    private final SqlDialect dialect;
    private final TableRef table;
    private final PlannedStep step;
    private final Optional<Predicate> subjectRows;
    // The identifier type and value behind each bound value, to describe parameters in previews.
    private final Map<Object, String> labels = new IdentityHashMap<>();

    public StepStatements(SqlDialect dialect, PlannedStep step, SubjectIdentifiers subject, SubjectHasher hasher) {
        this.dialect = requireNonNull(dialect, "dialect is null");
        this.step = requireNonNull(step, "step is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(hasher, "hasher is null");
        this.table = new TableRef(null, step.schema().orElse(null), step.table().orElseThrow(() ->
                new IllegalArgumentException("no source table serves " + step.datasetKey())));
        List<Predicate> terms = new ArrayList<>();
        Optional<Locator> purge = step.locators().stream().filter(l -> l.match() == Locator.Match.BEFORE).findFirst();
        if (purge.isPresent()) {
            if (step.locators().size() > 1) {
                throw new IllegalArgumentException("a retention step finds its rows by one time column, but "
                        + step.datasetKey() + " has " + step.locators().size() + " locators");
            }
            this.subjectRows = Optional.of(olderRows(purge.get()));
            return;
        }
        for (Locator locator : step.locators()) {
            List<Object> bound = new ArrayList<>();
            String type = SubjectIdentifiers.baseType(locator.identifierType());
            for (String value : subject.forLocator(locator.identifierType(), step.namespace())) {
                Optional<Object> typed = typed(value, locator.columnType());
                if (typed.isPresent()) {
                    Object parameter = typed.get();
                    labels.put(parameter, type + " " + hasher.hash(type, value));
                    bound.add(parameter);
                }
            }
            if (locator.match() == Locator.Match.IGNORE_CASE) {
                bound.forEach(value -> terms.add(value instanceof String text
                        ? Predicate.eqIgnoreCase(locator.column(), text) : Predicate.eq(locator.column(), value)));
            } else {
                for (int from = 0; from < bound.size(); from += MAX_IN_LIST) {
                    List<Object> chunk = bound.subList(from, Math.min(bound.size(), from + MAX_IN_LIST));
                    terms.add(chunk.size() == 1 ? Predicate.eq(locator.column(), chunk.get(0))
                            : Predicate.in(locator.column(), chunk));
                }
            }
        }
        this.subjectRows = terms.isEmpty() ? Optional.empty() : Optional.of(Predicate.or(terms));
    }

    /** A retention step's rows: older than the cutoff and, for ANONYMIZE, not yet rewritten. */
    private Predicate olderRows(Locator locator) {
        Object cutoff = cutoff(locator.before().orElseThrow(), locator.columnType());
        labels.put(cutoff, "retention cutoff " + locator.before().orElseThrow());
        Predicate older = Predicate.before(locator.column(), cutoff);
        if (step.action() != ErasureAction.ANONYMIZE) {
            return older;
        }
        List<Predicate> unwritten = new ArrayList<>();
        for (Assignment assignment : assignments()) {
            unwritten.add(Predicate.differs(assignment.column(), assignment.value()));
        }
        return Predicate.and(older, Predicate.or(unwritten));
    }

    /**
     * The cutoff as the column's kind of time binds it, so that no database converts it in the
     * session's time zone: a {@code LocalDate} (UTC) for a date, an {@code OffsetDateTime} (UTC)
     * for a timestamp with time zone, and a {@code LocalDateTime} in UTC for a timestamp without
     * one (or of an unknown type): such a column is read as holding UTC times.
     */
    static Object cutoff(Instant cutoff, String columnType) {
        Optional<ColumnType> type = parse(columnType);
        if (type.isPresent() && type.get().family() == ColumnType.Family.DATE) {
            return cutoff.atOffset(ZoneOffset.UTC).toLocalDate();
        }
        if (type.isPresent() && type.get().zoned()) {
            return cutoff.atOffset(ZoneOffset.UTC);
        }
        return cutoff.atOffset(ZoneOffset.UTC).toLocalDateTime();
    }

    /** The condition that finds the subject's rows; empty when no value of the subject can be in any locator column. */
    public Optional<Predicate> subjectRows() {
        return subjectRows;
    }

    public TableRef table() {
        return table;
    }

    /** {@code SELECT COUNT(*)} of the subject's rows: the estimate, and the verification afterwards. */
    public Optional<SqlStatement> count() {
        return subjectRows.map(where -> dialect.count(table, where));
    }

    /** {@code DELETE} of the subject's rows. */
    public Optional<SqlStatement> delete() {
        return subjectRows.map(where -> dialect.delete(table, where));
    }

    /**
     * {@code DELETE} of at most {@code limit} of the subject's rows, for deleting in short
     * transactions; empty when there are no values to look for or the dialect has no bounded
     * DELETE (then {@link #delete()} runs once).
     */
    public Optional<SqlStatement> deleteChunk(int limit) {
        return subjectRows.flatMap(where -> dialect.deleteChunk(table, where, limit));
    }

    /** {@code UPDATE} of the subject's rows, writing each rewrite's constant. */
    public Optional<SqlStatement> anonymize() {
        if (step.rewrites().isEmpty()) {
            return Optional.empty();
        }
        return subjectRows.map(where -> dialect.update(table, assignments(), where));
    }

    /** {@code SELECT} of the subject's rows, every column the catalog knows: an access export. */
    public Optional<SqlStatement> export() {
        if (step.columns().isEmpty()) {
            return Optional.empty();
        }
        return subjectRows.map(where -> dialect.select(table, step.columns(), where));
    }

    /** The UPDATE's assignments: each rewritten column set to its constant. */
    public List<Assignment> assignments() {
        List<Assignment> set = new ArrayList<>();
        for (ColumnRewrite rewrite : step.rewrites()) {
            Object value = replacement(rewrite.replacement(), rewrite.columnType());
            if (value != null) {
                labels.put(value, rewrite.replacement().kind() + " replacement");
            }
            set.add(new Assignment(rewrite.column(), value));
        }
        return set;
    }

    /** The statements of the step's action, as a reviewer reads them (parameters described, never shown). */
    public List<StatementPreview> previews(boolean export) {
        List<StatementPreview> out = new ArrayList<>();
        count().ifPresent(statement -> out.add(preview("COUNT", statement)));
        if (export) {
            export().ifPresent(statement -> out.add(preview("SELECT", statement)));
        } else {
            switch (step.action()) {
                case DELETE_ROWS -> delete().ifPresent(statement -> out.add(preview("DELETE", statement)));
                case ANONYMIZE -> anonymize().ifPresent(statement -> out.add(preview("UPDATE", statement)));
                default -> { }
            }
        }
        return out;
    }

    private StatementPreview preview(String purpose, SqlStatement statement) {
        List<String> parameters = new ArrayList<>();
        for (Object parameter : statement.parameters()) {
            parameters.add(parameter == null ? "NULL replacement" : labels.getOrDefault(parameter, "value"));
        }
        return new StatementPreview(purpose, statement.sql(), parameters);
    }

    /**
     * The constant a strategy writes into a column of this type, from the strategy's own Java form
     * (REDACT's text for a text column and NULL for others, DEFAULT_VALUE's neutral value, NULL).
     */
    static Object replacement(MaskingSpec spec, String columnType) {
        if (spec.kind() == StrategyKind.NULLIFY) {
            return null;
        }
        ColumnType type = parse(columnType).orElseGet(() -> ColumnType.parse("varchar"));
        MaskingStrategy strategy = CONSTANTS.of(spec);
        strategy.javaUnsupported(type).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        return strategy.apply(null, type);
    }

    /** A value as the column's type binds it: a number for a numeric column, else text; empty when it cannot be one. */
    static Optional<Object> typed(String value, String columnType) {
        ColumnType.Family family = family(columnType);
        try {
            return switch (family) {
                case INTEGER -> Optional.of(Long.parseLong(value.strip()));
                case DECIMAL, FLOAT -> Optional.of(new BigDecimal(value.strip()));
                default -> Optional.of(value);
            };
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ColumnType.Family family(String columnType) {
        return parse(columnType).map(ColumnType::family).orElse(ColumnType.Family.OTHER);
    }

    private static Optional<ColumnType> parse(String columnType) {
        if (columnType == null || columnType.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ColumnType.parse(columnType));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
