package io.custodian.sources;

import static java.util.Objects.requireNonNull;

import io.custodian.sources.dialect.SqlDialect;
import io.custodian.sources.dialect.SqlDialects;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One data system Custodian reaches through JDBC: how to connect, which OpenLineage namespace its
 * tables live in and how their dataset names are built, and which SQL dialect it speaks.
 * {@link #toString()} never shows a password or the URL's query (where drivers also accept
 * credentials); passwords reach this value only from the environment, through configuration.
 *
 * @param namespace the OpenLineage namespace of its tables, such as {@code postgres://db:5432}
 * @param datasetNamePrefix put before {@code schema.table} in dataset names (the database name, for
 *     OpenLineage's {@code database.schema.table}); empty for {@code schema.table}
 * @param dialect null to detect it from the URL
 * @param maxConnections the most connections open at once, per pool (reading and writing each have one)
 * @param connectTimeout how long to wait for a connection, including opening one
 * @param writeUser the user erasure writes as; empty: the source is read-only, and erasure can only
 *     report what it would change there
 */
public record SourceSettings(String name, String url, String user, String password, String namespace,
        Optional<String> datasetNamePrefix, SqlDialect dialect, int maxConnections, Duration connectTimeout,
        Optional<String> writeUser, String writePassword) {
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    public static final int DEFAULT_MAX_CONNECTIONS = 4;
    public static final int MAX_CONNECTIONS = 64;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** HikariCP's floor for waiting on a connection. */
    public static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(250);

    public SourceSettings {
        requireNonNull(name, "name is null");
        requireNonNull(url, "url is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(datasetNamePrefix, "datasetNamePrefix is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(writeUser, "writeUser is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a source name is letters, digits, _ . - (at most 128): " + name);
        }
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("source " + name + ": the url must be a JDBC URL (jdbc:...)");
        }
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("source " + name + ": a namespace is required");
        }
        datasetNamePrefix = datasetNamePrefix.filter(p -> !p.isBlank());
        if (dialect == null) {
            String shown = redact(url);
            dialect = SqlDialects.forJdbcUrl(url).orElseThrow(() -> new IllegalArgumentException("source " + name
                    + ": cannot tell the SQL dialect from the url " + shown + "; set dialect to one of "
                    + SqlDialects.names()));
        }
        if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("source " + name + ": maxConnections must be 1.." + MAX_CONNECTIONS);
        }
        if (connectTimeout.compareTo(MIN_CONNECT_TIMEOUT) < 0) {
            throw new IllegalArgumentException("source " + name + ": connectTimeout must be at least 250ms");
        }
        writeUser = writeUser.filter(u -> !u.isBlank());
        if (writeUser.isEmpty() && writePassword != null && !writePassword.isEmpty()) {
            throw new IllegalArgumentException("source " + name + ": a writePassword without a writeUser");
        }
    }

    /** A read-only source with the default dialect detection, pool size and timeout. */
    public static SourceSettings of(String name, String url, String user, String password, String namespace,
            Optional<String> datasetNamePrefix) {
        return new SourceSettings(name, url, user, password, namespace, datasetNamePrefix, null,
                DEFAULT_MAX_CONNECTIONS, DEFAULT_CONNECT_TIMEOUT, Optional.empty(), null);
    }

    /** These settings with another pool size and connection timeout. */
    public SourceSettings withPool(int maxConnections, Duration connectTimeout) {
        return new SourceSettings(name, url, user, password, namespace, datasetNamePrefix, dialect, maxConnections,
                connectTimeout, writeUser, writePassword);
    }

    /** These settings with a user that erasure may write as. */
    public SourceSettings withWriter(String writeUser, String writePassword) {
        return new SourceSettings(name, url, user, password, namespace, datasetNamePrefix, dialect, maxConnections,
                connectTimeout, Optional.ofNullable(writeUser), writePassword);
    }

    /** Whether erasure may change data here (a write user is configured). */
    public boolean writable() {
        return writeUser.isPresent();
    }

    /** How the source's tables are named as datasets. */
    public DatasetNaming naming() {
        return new DatasetNaming(datasetNamePrefix);
    }

    /** The table a dataset name of this source denotes; empty when it is not {@code [prefix.]schema.table}. */
    public Optional<TableRef> table(String datasetName) {
        return naming().table(datasetName);
    }

    /** The dataset name of one of the source's tables. */
    public String datasetName(TableRef table) {
        return naming().datasetName(table);
    }

    /** The JDBC URL without its query part, which may hold credentials. */
    public String redactedUrl() {
        return redact(url);
    }

    static String redact(String url) {
        int query = url.indexOf('?');
        int semicolon = url.indexOf(';');
        int cut = query < 0 ? semicolon : semicolon < 0 ? query : Math.min(query, semicolon);
        return cut < 0 ? url : url.substring(0, cut) + "?...";
    }

    @Override
    public String toString() {
        return "SourceSettings[name=" + name + ", url=" + redactedUrl() + ", user=" + user + ", password=***"
                + ", namespace=" + namespace + ", datasetNamePrefix=" + datasetNamePrefix.orElse("") + ", dialect="
                + dialect.name() + ", maxConnections=" + maxConnections + ", connectTimeout=" + connectTimeout
                + ", writeUser=" + writeUser.orElse("(read-only)") + "]";
    }
}
