package io.custodian.bench.lineagegraph;

import io.custodian.catalog.store.CatalogDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway catalog (embedded H2, or a fresh PostgreSQL schema) filled with lineage shapes by SQL (faster than ingesting events,
 * and the rows are the ones the applier writes): chains and fan-outs of datasets, jobs and column
 * lineage.
 */
final class LineageGraphStore {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final CatalogDatabase database;
    private final Runnable cleanup;
    private final UUID namespaceId = UUID.randomUUID();

    private LineageGraphStore(CatalogDatabase database, Runnable cleanup) {
        this.database = database;
        this.cleanup = cleanup;
        database.jdbi().useHandle(h -> h.execute(
                "INSERT INTO namespace (id, name, created_at) VALUES (?, 'bench', ?)", namespaceId, T0));
    }

    /**
     * {@code h2}: an embedded H2 file database in a temporary folder. {@code postgresql}: a fresh
     * schema in the database named by {@code CUSTODIAN_TEST_PG_URL} (with {@code _USER} and
     * {@code _PASSWORD}), as the tests use.
     */
    static LineageGraphStore create(String kind) throws Exception {
        if (kind.equals("postgresql")) {
            String url = System.getenv("CUSTODIAN_TEST_PG_URL");
            if (url == null || url.isBlank()) {
                throw new IllegalStateException("set CUSTODIAN_TEST_PG_URL to benchmark on PostgreSQL");
            }
            String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            PGSimpleDataSource admin = new PGSimpleDataSource();
            admin.setUrl(url);
            admin.setUser(System.getenv("CUSTODIAN_TEST_PG_USER"));
            admin.setPassword(System.getenv("CUSTODIAN_TEST_PG_PASSWORD"));
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
            dataSource.setUser(admin.getUser());
            dataSource.setPassword(admin.getPassword());
            return new LineageGraphStore(CatalogDatabase.migrate(dataSource), () -> {
                try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("could not drop " + schema, e);
                }
            });
        }
        Path dir = Files.createTempDirectory("custodian-lineage-bench-");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return new LineageGraphStore(CatalogDatabase.migrate(dataSource), () -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (java.sql.SQLException alreadyClosed) {
                // nothing to shut down
            }
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException e) {
                // a temporary folder: best effort
            }
        });
    }

    /** Drops the PostgreSQL schema, or shuts H2 down and deletes its folder. */
    void close() {
        cleanup.run();
    }

    CatalogDatabase database() {
        return database;
    }

    /** Datasets chain_0..chain_(n-1); column x of each comes from x of the one before (a chain). */
    void columnChain(int n) {
        database.jdbi().useTransaction(h -> {
            datasets(h, "chain", n);
            PreparedBatch origins = originBatch(h);
            PreparedBatch edges = edgeBatch(h);
            for (int i = 1; i < n; i++) {
                UUID origin = UUID.randomUUID();
                origins.bind(0, origin).bind(1, id("chain", i)).bind(2, UUID.randomUUID()).bind(3, T0).add();
                edges.bind(0, origin).bind(1, id("chain", i - 1)).add();
            }
            origins.execute();
            edges.execute();
        });
    }

    /** One source field fanned out: fan_i.x comes from fan_source.x for i in 0..n-1. */
    void columnFanOut(int n) {
        database.jdbi().useTransaction(h -> {
            datasets(h, "fan", n);
            insertDataset(h, "fan_source");
            PreparedBatch origins = originBatch(h);
            PreparedBatch edges = edgeBatch(h);
            for (int i = 0; i < n; i++) {
                UUID origin = UUID.randomUUID();
                origins.bind(0, origin).bind(1, id("fan", i)).bind(2, UUID.randomUUID()).bind(3, T0).add();
                edges.bind(0, origin).bind(1, idOf("fan_source")).add();
            }
            origins.execute();
            edges.execute();
        });
    }

    /** Datasets jc_0..jc_(n-1) and jobs jcjob_1..: job i reads jc_(i-1) and writes jc_i. */
    void jobChain(int n) {
        database.jdbi().useTransaction(h -> {
            datasets(h, "jc", n);
            for (int i = 1; i < n; i++) {
                job(h, "jcjob_" + i, id("jc", i - 1), id("jc", i));
            }
        });
    }

    private void job(Handle h, String name, UUID input, UUID output) {
        UUID job = idOf("job:" + name);
        UUID version = idOf("jobversion:" + name);
        h.execute("INSERT INTO job (id, namespace_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                job, namespaceId, name, T0, T0);
        h.execute("INSERT INTO job_version (id, job_id, version_hash, created_at) VALUES (?, ?, ?, ?)",
                version, job, "0".repeat(64), T0);
        h.execute("UPDATE job SET current_version_id = ? WHERE id = ?", version, job);
        h.execute("INSERT INTO job_version_io (job_version_id, dataset_id, io_type) VALUES (?, ?, 'INPUT')",
                version, input);
        h.execute("INSERT INTO job_version_io (job_version_id, dataset_id, io_type) VALUES (?, ?, 'OUTPUT')",
                version, output);
    }

    private void datasets(Handle h, String prefix, int n) {
        PreparedBatch batch = h.prepareBatch(
                "INSERT INTO dataset (id, namespace_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)");
        for (int i = 0; i < n; i++) {
            batch.bind(0, id(prefix, i)).bind(1, namespaceId).bind(2, prefix + "_" + i).bind(3, T0).bind(4, T0).add();
        }
        batch.execute();
    }

    private void insertDataset(Handle h, String name) {
        h.execute("INSERT INTO dataset (id, namespace_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                idOf(name), namespaceId, name, T0, T0);
    }

    private static PreparedBatch originBatch(Handle h) {
        return h.prepareBatch("""
                INSERT INTO column_lineage_origin (id, output_dataset_id, job_id, origin_key, provenance, event_time,
                                                   facet_hash)
                VALUES (?, ?, NULL, ?, 'PRODUCER', ?, '%s')""".formatted("0".repeat(64)));
    }

    private static PreparedBatch edgeBatch(Handle h) {
        return h.prepareBatch("""
                INSERT INTO column_lineage_edge (origin_id, ordinal, output_field, input_dataset_id, input_field,
                                                 transformation_type, transformation_subtype)
                VALUES (?, 0, 'x', ?, 'x', 'DIRECT', 'IDENTITY')""");
    }

    static UUID id(String prefix, int i) {
        return idOf(prefix + "_" + i);
    }

    static UUID idOf(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
