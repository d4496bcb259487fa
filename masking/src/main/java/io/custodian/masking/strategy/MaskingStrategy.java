package io.custodian.masking.strategy;

import io.custodian.masking.MaskingDialect;
import java.util.Optional;

/**
 * One masking strategy with its parameters: a Java function on a value, and an SQL expression per
 * dialect that computes the same thing where the data lives. Both return values of the column's
 * declared type; both keep NULL as NULL, except the constant strategies (REDACT, DEFAULT_VALUE and
 * NULLIFY), whose result is the same for every row. Get one from {@link MaskingStrategies}.
 */
public interface MaskingStrategy {
    MaskingSpec spec();

    default StrategyKind kind() {
        return spec().kind();
    }

    /**
     * Why the strategy cannot compute an SQL expression for a column of this type in this dialect
     * (HASH of a date, TOKENIZE without a UDF), or empty when it can.
     */
    Optional<String> unsupported(ColumnType type, MaskingDialect dialect);

    /**
     * The expression to read in place of the column.
     *
     * @param column the column's name, already quoted for the dialect
     * @throws IllegalStateException when {@link #unsupported} gives a reason
     */
    String sql(String column, ColumnType type, MaskingDialect dialect);

    /** Why the strategy has no Java form for this type, or empty when it has. */
    Optional<String> javaUnsupported(ColumnType type);

    /**
     * The masked value: the Java form of the strategy. Values are as JDBC reads them (strings,
     * numbers, booleans, {@link java.time.LocalDate}/{@link java.sql.Date}, timestamps, byte arrays).
     *
     * @throws IllegalStateException when {@link #javaUnsupported} gives a reason
     */
    Object apply(Object value, ColumnType type);
}
