package io.custodian.sources;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of connections (HikariCP) per source and purpose: one read-only pool for reading (the
 * scanner's samples, erasure's checks) and, where a write user is configured, one for writing.
 * Pools open on first use after {@link #start()}, so a source that is down does not keep the
 * service from starting; they hold no idle connection for long, and all close at {@link #stop()}.
 */
public final class DataSources implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DataSources.class);
    private final Sources sources;
    private final Map<String, HikariDataSource> pools = new HashMap<>();
    private boolean started;
    private boolean stopped;

    public DataSources(Sources sources) {
        this.sources = requireNonNull(sources, "sources is null");
    }

    public Sources sources() {
        return sources;
    }

    /** From now on, pools open when first asked for. */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("the data sources were stopped");
        }
        started = true;
    }

    /**
     * The read-only pool of a source: its connections are marked read-only and use {@code user}.
     *
     * @throws UnknownSourceException when no source has that name
     */
    public DataSource reader(String name) {
        return pool(sources.get(name), false);
    }

    /**
     * The pool erasure writes through, as the source's {@code writeUser}.
     *
     * @throws UnknownSourceException when no source has that name
     * @throws ReadOnlySourceException when the source has no write user
     */
    public DataSource writer(String name) {
        SourceSettings source = sources.get(name);
        if (!source.writable()) {
            throw new ReadOnlySourceException(name);
        }
        return pool(source, true);
    }

    private synchronized DataSource pool(SourceSettings source, boolean write) {
        if (!started || stopped) {
            throw new IllegalStateException("the data sources are " + (stopped ? "stopped" : "not started"));
        }
        String key = source.name() + (write ? "/write" : "/read");
        return pools.computeIfAbsent(key, k -> open(source, write));
    }

    private static HikariDataSource open(SourceSettings source, boolean write) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("source-" + source.name() + (write ? "-write" : "-read"));
        config.setJdbcUrl(source.url());
        config.setUsername(write ? source.writeUser().orElseThrow() : emptyToNull(source.user()));
        config.setPassword(write ? emptyToNull(source.writePassword()) : emptyToNull(source.password()));
        config.setReadOnly(!write);
        config.setMaximumPoolSize(source.maxConnections());
        // No connections held for a source nobody is using; none opened before the first request.
        config.setMinimumIdle(0);
        config.setIdleTimeout(60_000);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(source.connectTimeout().toMillis());
        if (source.url().startsWith("jdbc:postgresql:")) {
            // Bound opening a connection too: an unreachable host must not hold a caller past the timeout.
            long seconds = Math.max(1, source.connectTimeout().toSeconds());
            config.addDataSourceProperty("connectTimeout", Long.toString(seconds));
            config.addDataSourceProperty("loginTimeout", Long.toString(seconds));
            config.addDataSourceProperty("ApplicationName", write ? "custodian-erasure" : "custodian");
            if (!write) {
                // pgjdbc applies read-only only to explicit transactions unless told otherwise.
                config.addDataSourceProperty("readOnlyMode", "always");
            }
        }
        log.info("opening the {} pool of source {} ({}, at most {} connections)", write ? "write" : "read",
                source.name(), source.redactedUrl(), source.maxConnections());
        return new HikariDataSource(config);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** Closes every pool; connections in use are closed as they are returned. */
    public synchronized void stop() {
        stopped = true;
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
    }

    @Override
    public void close() {
        stop();
    }
}
