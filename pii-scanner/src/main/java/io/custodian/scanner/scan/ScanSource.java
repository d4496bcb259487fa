package io.custodian.scanner.scan;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A database the scanner may sample: how to reach it, which OpenLineage namespace its tables live
 * in, and how hard to work on it. {@link #toString()} never shows the password or the URL's
 * query (where drivers also accept credentials).
 *
 * @param namespace the OpenLineage namespace of its datasets, such as {@code postgres://db:5432}
 * @param datasetNamePrefix put before {@code schema.table} in dataset names, such as the database
 *     name for OpenLineage's {@code database.schema.table}; empty for {@code schema.table}
 * @param sampleSize values sampled per column (rows per table)
 * @param concurrency tables sampled at once
 * @param tableTimeout how long one table may take, from connecting to the last row
 */
public record ScanSource(String name, String jdbcUrl, String user, String password, String namespace,
        Optional<String> datasetNamePrefix, int sampleSize, int concurrency, Duration tableTimeout) {
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    public static final int MAX_SAMPLE_SIZE = 100_000;
    public static final int MAX_CONCURRENCY = 64;

    public ScanSource {
        requireNonNull(name, "name is null");
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(datasetNamePrefix, "datasetNamePrefix is null");
        requireNonNull(tableTimeout, "tableTimeout is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a source name is letters, digits, _ . - (at most 128): " + name);
        }
        if (!jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("source " + name + ": the URL must be a JDBC URL (jdbc:...)");
        }
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("source " + name + ": a namespace is required");
        }
        if (sampleSize < 1 || sampleSize > MAX_SAMPLE_SIZE) {
            throw new IllegalArgumentException("source " + name + ": sampleSize must be 1.." + MAX_SAMPLE_SIZE);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("source " + name + ": concurrency must be 1.." + MAX_CONCURRENCY);
        }
        if (tableTimeout.isNegative() || tableTimeout.isZero()) {
            throw new IllegalArgumentException("source " + name + ": tableTimeout must be positive");
        }
    }

    /** The dataset name of a table: {@code [prefix.]schema.table}, or {@code [prefix.]table} without a schema. */
    public String datasetName(String schema, String table) {
        String local = schema == null || schema.isEmpty() ? table : schema + "." + table;
        return datasetNamePrefix.map(prefix -> prefix + "." + local).orElse(local);
    }

    /** The JDBC URL without its query part, which may hold credentials. */
    public String redactedUrl() {
        int query = jdbcUrl.indexOf('?');
        int semicolon = jdbcUrl.indexOf(';');
        int cut = query < 0 ? semicolon : semicolon < 0 ? query : Math.min(query, semicolon);
        return cut < 0 ? jdbcUrl : jdbcUrl.substring(0, cut) + "?...";
    }

    @Override
    public String toString() {
        return "ScanSource[name=" + name + ", url=" + redactedUrl() + ", user=" + user + ", password=***, namespace="
                + namespace + ", sampleSize=" + sampleSize + ", concurrency=" + concurrency + ", tableTimeout="
                + tableTimeout + "]";
    }
}
