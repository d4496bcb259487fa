package io.custodian.bench.closure;

import io.custodian.catalog.store.CatalogDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throwaway catalog (embedded H2, or a fresh PostgreSQL schema) holding a layered warehouse
 * written by SQL, the rows the applier would write (faster than ingesting events): 50 layers of
 * 100 datasets ({@code l<L>_d<D>}), 10 fields each ({@code c0..c9}, a current schema), and
 * 100,000 producer column edges. Every field of a dataset of layer L > 0 has two inputs in layer
 * L-1: the field of the same name of a random dataset, and a random field of another random
 * dataset; 2,000 more edges give random fields a third. With two inputs a field, closures grow to most of the
 * warehouse within a few layers: the heavy end of what erasure planning may meet. Seeded: every
 * run builds the same graph.
 */
public final class ClosureStore {
    public static final int LAYERS = 50;
    public static final int PER_LAYER = 100;
    public static final int FIELDS = 10;
    static final int EXTRA_EDGES = 2_000;
    public static final String NAMESPACE = "bench";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final CatalogDatabase database;
    private final Runnable cleanup;
    private final UUID namespaceId = UUID.randomUUID();

    private ClosureStore(CatalogDatabase database, Runnable cleanup) {
        this.database = database;
        this.cleanup = cleanup;
    }

    public static String dataset(int layer, int index) {
        return "l" + layer + "_d" + index;
    }

    /** {@code h2} (an H2 file database in a temporary folder) or {@code postgresql} (CUSTODIAN_TEST_PG_URL). */
    public static ClosureStore create(String kind) throws Exception {
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
            return new ClosureStore(CatalogDatabase.migrate(dataSource), () -> {
                try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("could not drop " + schema, e);
                }
            });
        }
        Path dir = Files.createTempDirectory("custodian-closure-bench-");
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dir.resolve("catalog").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return new ClosureStore(CatalogDatabase.migrate(dataSource), () -> {
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

    public CatalogDatabase database() {
        return database;
    }

    public void close() {
        cleanup.run();
    }

    /** Writes the warehouse; returns the number of column edges written. */
    public int fill() {
        Random random = new Random(42);
        int[] edgeCount = {0};
        database.jdbi().useTransaction(h -> {
            h.execute("INSERT INTO namespace (id, name, created_at) VALUES (?, ?, ?)", namespaceId, NAMESPACE, T0);
            PreparedBatch datasets = h.prepareBatch("""
                    INSERT INTO dataset (id, namespace_id, name, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?)""");
            PreparedBatch versions = h.prepareBatch("""
                    INSERT INTO dataset_version (id, dataset_id, schema_hash, created_at, field_count)
                    VALUES (?, ?, ?, ?, ?)""");
            PreparedBatch fields = h.prepareBatch(
                    "INSERT INTO dataset_field (version_id, ordinal, name, type) VALUES (?, ?, ?, 'text')");
            for (int layer = 0; layer < LAYERS; layer++) {
                for (int d = 0; d < PER_LAYER; d++) {
                    UUID id = id(layer, d);
                    UUID version = idOf("version:" + dataset(layer, d));
                    datasets.bind(0, id).bind(1, namespaceId).bind(2, dataset(layer, d)).bind(3, T0).bind(4, T0).add();
                    versions.bind(0, version).bind(1, id).bind(2, "0".repeat(64)).bind(3, T0).bind(4, FIELDS).add();
                    for (int f = 0; f < FIELDS; f++) {
                        fields.bind(0, version).bind(1, f).bind(2, "c" + f).add();
                    }
                }
            }
            datasets.execute();
            versions.execute();
            fields.execute();
            h.execute("UPDATE dataset SET current_version_id = (SELECT v.id FROM dataset_version v "
                    + "WHERE v.dataset_id = dataset.id)");
            PreparedBatch origins = h.prepareBatch("""
                    INSERT INTO column_lineage_origin (id, output_dataset_id, job_id, origin_key, provenance,
                                                       event_time, facet_hash)
                    VALUES (?, ?, NULL, ?, 'PRODUCER', ?, ?)""");
            PreparedBatch edges = edgeBatch(h);
            int[] ordinals = new int[LAYERS * PER_LAYER];
            for (int layer = 1; layer < LAYERS; layer++) {
                for (int d = 0; d < PER_LAYER; d++) {
                    UUID origin = origin(layer, d);
                    origins.bind(0, origin).bind(1, id(layer, d)).bind(2, id(layer, d)).bind(3, T0)
                            .bind(4, "0".repeat(64)).add();
                    for (int f = 0; f < FIELDS; f++) {
                        edges.bind(0, origin).bind(1, ordinals[layer * PER_LAYER + d]++).bind(2, "c" + f)
                                .bind(3, id(layer - 1, random.nextInt(PER_LAYER))).bind(4, "c" + f)
                                .bind(5, "IDENTITY").add();
                        edges.bind(0, origin).bind(1, ordinals[layer * PER_LAYER + d]++).bind(2, "c" + f)
                                .bind(3, id(layer - 1, random.nextInt(PER_LAYER)))
                                .bind(4, "c" + random.nextInt(FIELDS)).bind(5, "TRANSFORMATION").add();
                        edgeCount[0] += 2;
                    }
                }
            }
            for (int i = 0; i < EXTRA_EDGES; i++) {
                int layer = 1 + random.nextInt(LAYERS - 1);
                int d = random.nextInt(PER_LAYER);
                int f = random.nextInt(FIELDS);
                edges.bind(0, origin(layer, d)).bind(1, ordinals[layer * PER_LAYER + d]++).bind(2, "c" + f)
                        .bind(3, id(layer - 1, random.nextInt(PER_LAYER))).bind(4, "c" + random.nextInt(FIELDS))
                        .bind(5, "AGGREGATION").add();
                edgeCount[0]++;
            }
            origins.execute();
            edges.execute();
        });
        return edgeCount[0];
    }

    private static PreparedBatch edgeBatch(Handle h) {
        return h.prepareBatch("""
                INSERT INTO column_lineage_edge (origin_id, ordinal, output_field, input_dataset_id, input_field,
                                                 transformation_type, transformation_subtype)
                VALUES (?, ?, ?, ?, ?, 'DIRECT', ?)""");
    }

    private static UUID origin(int layer, int d) {
        return idOf("origin:" + dataset(layer, d));
    }

    public static UUID id(int layer, int d) {
        return idOf(dataset(layer, d));
    }

    private static UUID idOf(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
