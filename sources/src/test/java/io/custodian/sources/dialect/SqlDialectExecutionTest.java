package io.custodian.sources.dialect;

import static io.custodian.sources.dialect.Predicate.and;
import static io.custodian.sources.dialect.Predicate.eq;
import static io.custodian.sources.dialect.Predicate.eqIgnoreCase;
import static io.custodian.sources.dialect.Predicate.in;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.sources.DataSources;
import io.custodian.sources.SourceSettings;
import io.custodian.sources.Sources;
import io.custodian.sources.TableRef;
import io.custodian.sources.testing.TargetDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rendered statements run on real H2 and PostgreSQL against a table whose every name is awkward. */
class SqlDialectExecutionTest {
    private static final String SCHEMA = "Odd \"schema\" ü";
    private static final String TABLE = "order items; -- \"x\"";
    private static final String ID = "id";
    private static final String RESERVED = "Select";
    private static final String EMAIL = "e-mail";
    private static final String UNICODE = "naïve 名前";
    private static final String QUESTION = "a?b";
    private static final TableRef T = TableRef.of(SCHEMA, TABLE);

    static List<String> databases() {
        return TargetDatabase.kinds();
    }

    private static DataSources open(TargetDatabase db) {
        SourceSettings settings = SourceSettings.of("target", db.url, db.user, db.password, "test://target",
                Optional.empty()).withWriter(db.user, db.password);
        DataSources sources = new DataSources(new Sources(List.of(settings)));
        sources.start();
        return sources;
    }

    private static void plant(TargetDatabase db, SqlDialect d, int rows) throws SQLException {
        String q = d.qualified(T);
        db.execute("CREATE SCHEMA " + d.quote(SCHEMA), "CREATE TABLE " + q + " (" + d.quote(ID) + " INTEGER, "
                + d.quote(RESERVED) + " VARCHAR(100), " + d.quote(EMAIL) + " VARCHAR(100), " + d.quote(UNICODE)
                + " VARCHAR(100), " + d.quote(QUESTION) + " VARCHAR(100))");
        db.dropOnClose(d.quote(SCHEMA));
        try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement("INSERT INTO " + q
                + " VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= rows; i++) {
                insert.setInt(1, i);
                insert.setString(2, i % 2 == 0 ? "even" : "odd");
                insert.setString(3, "User" + i + "@Example.com");
                insert.setString(4, "名前 " + i);
                insert.setString(5, "q" + i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static List<List<Object>> rows(Connection c, SqlStatement statement) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = statement.prepare(c); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static long count(Connection c, SqlDialect d, Predicate where) throws SQLException {
        return ((Number) rows(c, d.count(T, where)).get(0).get(0)).longValue();
    }

    private static int update(Connection c, SqlStatement statement) throws SQLException {
        try (PreparedStatement ps = statement.prepare(c)) {
            return ps.executeUpdate();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void selectCountUpdateAndDeleteTouchExactlyTheRowsAsked(String kind) throws SQLException {
        try (TargetDatabase db = TargetDatabase.create(kind); DataSources sources = open(db)) {
            SqlDialect d = sources.sources().get("target").dialect();
            plant(db, d, 20);
            try (Connection c = sources.writer("target").getConnection()) {
                assertThat(rows(c, d.select(T, List.of(ID, UNICODE, QUESTION), and(eq(RESERVED, "even"),
                        in(ID, List.of(2, 3, 4))))))
                        .containsExactlyInAnyOrder(List.of(2, "名前 2", "q2"), List.of(4, "名前 4", "q4"));
                assertThat(count(c, d, Predicate.all())).isEqualTo(20);
                assertThat(count(c, d, eq(RESERVED, "odd"))).isEqualTo(10);
                assertThat(count(c, d, eq(RESERVED, "x' OR '1'='1"))).isZero();

                assertThat(update(c, d.update(T, List.of(new Assignment(EMAIL, null), new Assignment(UNICODE, "—")),
                        in(ID, List.of(1, 2, 3))))).isEqualTo(3);
                assertThat(rows(c, d.select(T, List.of(EMAIL, UNICODE), eq(ID, 2))))
                        .containsExactly(java.util.Arrays.asList(null, "—"));

                assertThat(update(c, d.delete(T, eqIgnoreCase(EMAIL, "user7@example.COM")))).isEqualTo(1);
                assertThat(update(c, d.delete(T, and(eq(RESERVED, "odd"), in(ID, List.of(9, 11, 12)))))).isEqualTo(2);
                assertThat(count(c, d, Predicate.all())).isEqualTo(17);
                assertThat(update(c, d.deleteAll(T))).isEqualTo(17);
                assertThat(count(c, d, Predicate.all())).isZero();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void chunkedDeletesRemoveAtMostTheirLimitAndOnlyMatchingRows(String kind) throws SQLException {
        try (TargetDatabase db = TargetDatabase.create(kind); DataSources sources = open(db)) {
            SqlDialect d = sources.sources().get("target").dialect();
            // A schema of its own: the PostgreSQL database is shared with other tests.
            TableRef t = TableRef.of("chunks " + UUID.randomUUID(), TABLE);
            db.execute("CREATE SCHEMA " + d.quote(t.schema()), "CREATE TABLE " + d.qualified(t) + " ("
                    + d.quote(ID) + " INTEGER, " + d.quote(RESERVED) + " VARCHAR(10))");
            db.dropOnClose(d.quote(t.schema()));
            try (Connection c = sources.writer("target").getConnection();
                    PreparedStatement insert = c.prepareStatement("INSERT INTO " + d.qualified(t) + " VALUES (?, ?)")) {
                for (int i = 1; i <= 25; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, i <= 23 ? "gone" : "kept");
                    insert.addBatch();
                }
                insert.executeBatch();
                Predicate where = in(RESERVED, List.of("gone", "x' OR '1'='1"));
                List<Integer> chunks = new ArrayList<>();
                int deleted;
                do {
                    deleted = update(c, d.deleteChunk(t, where, 10).orElseThrow());
                    chunks.add(deleted);
                } while (deleted == 10);
                assertThat(chunks).containsExactly(10, 10, 3);
                assertThat(rows(c, d.select(t, List.of(ID), Predicate.all())))
                        .containsExactlyInAnyOrder(List.of(24), List.of(25));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void beforeFindsTheRowsOlderThanTheCutoffInEachKindOfTimeColumn(String kind) throws SQLException {
        try (TargetDatabase db = TargetDatabase.create(kind); DataSources sources = open(db)) {
            SqlDialect d = sources.sources().get("target").dialect();
            TableRef t = TableRef.of("before " + UUID.randomUUID(), "events");
            db.execute("CREATE SCHEMA " + d.quote(t.schema()), "CREATE TABLE " + d.qualified(t) + " (" + d.quote("id")
                    + " INTEGER, " + d.quote("at_local") + " TIMESTAMP, " + d.quote("at_zoned")
                    + " TIMESTAMP WITH TIME ZONE, " + d.quote("on_day") + " DATE)");
            db.dropOnClose(d.quote(t.schema()));
            LocalDateTime cutoff = LocalDateTime.of(2026, 9, 3, 12, 0);
            try (Connection c = sources.writer("target").getConnection();
                    PreparedStatement insert = c.prepareStatement("INSERT INTO " + d.qualified(t)
                            + " VALUES (?, ?, ?, ?)")) {
                // Rows a second, an hour and a day either side of the cutoff, and one without a time.
                long[] offsets = {-86_400, -3_600, -1, 0, 1, 3_600, 86_400};
                for (int i = 0; i < offsets.length; i++) {
                    LocalDateTime at = cutoff.plusSeconds(offsets[i]);
                    insert.setInt(1, i);
                    insert.setObject(2, at);
                    insert.setObject(3, at.atOffset(ZoneOffset.UTC));
                    insert.setObject(4, at.toLocalDate());
                    insert.addBatch();
                }
                insert.setInt(1, 99);
                insert.setObject(2, null);
                insert.setObject(3, null);
                insert.setObject(4, null);
                insert.addBatch();
                insert.executeBatch();
            }
            try (Connection c = sources.writer("target").getConnection()) {
                assertThat(count(c, d, t, Predicate.before("at_local", cutoff))).isEqualTo(3);
                assertThat(count(c, d, t, Predicate.before("at_zoned", cutoff.atOffset(ZoneOffset.UTC)))).isEqualTo(3);
                // The same instant written at another offset is the same cutoff.
                OffsetDateTime elsewhere = cutoff.atOffset(ZoneOffset.UTC).withOffsetSameInstant(ZoneOffset.ofHours(-7));
                assertThat(count(c, d, t, Predicate.before("at_zoned", elsewhere))).isEqualTo(3);
                assertThat(count(c, d, t, Predicate.before("at_zoned", elsewhere.toInstant()))).isEqualTo(3);
                assertThat(count(c, d, t, Predicate.before("on_day", LocalDate.of(2026, 9, 3)))).isEqualTo(1);
                assertThat(update(c, d.deleteChunk(t, Predicate.before("at_local", cutoff), 2).orElseThrow()))
                        .isEqualTo(2);
                assertThat(update(c, d.delete(t, Predicate.before("at_local", cutoff)))).isEqualTo(1);
                assertThat(rows(c, d.select(t, List.of("id"), Predicate.all())))
                        .containsExactlyInAnyOrder(List.of(3), List.of(4), List.of(5), List.of(6), List.of(99));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void differsCountsRowsHoldingAnythingButTheValueAndNeverNulls(String kind) throws SQLException {
        try (TargetDatabase db = TargetDatabase.create(kind); DataSources sources = open(db)) {
            SqlDialect d = sources.sources().get("target").dialect();
            TableRef t = TableRef.of("differs " + UUID.randomUUID(), "people");
            db.execute("CREATE SCHEMA " + d.quote(t.schema()), "CREATE TABLE " + d.qualified(t) + " (" + d.quote("id")
                    + " INTEGER, " + d.quote("email") + " VARCHAR(100), " + d.quote("card") + " VARCHAR(30))",
                    "INSERT INTO " + d.qualified(t) + " VALUES (1, 'a@x.org', '4111'), (2, 'erased', NULL), "
                            + "(3, NULL, '5500'), (4, 'erased', NULL), (5, NULL, NULL)");
            db.dropOnClose(d.quote(t.schema()));
            try (Connection c = sources.reader("target").getConnection()) {
                assertThat(count(c, d, t, Predicate.differs("email", "erased"))).isEqualTo(1);
                assertThat(count(c, d, t, Predicate.differs("card", null))).isEqualTo(2);
                assertThat(rows(c, d.select(t, List.of("id"), Predicate.or(List.of(Predicate.differs("email", "erased"),
                        Predicate.differs("card", null)))))).containsExactlyInAnyOrder(List.of(1), List.of(3));
            }
        }
    }

    private static long count(Connection c, SqlDialect d, TableRef t, Predicate where) throws SQLException {
        return ((Number) rows(c, d.count(t, where)).get(0).get(0)).longValue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSampleReadsAtMostItsLimitOfRealRows(String kind) throws SQLException {
        try (TargetDatabase db = TargetDatabase.create(kind); DataSources sources = open(db)) {
            SqlDialect d = sources.sources().get("target").dialect();
            plant(db, d, 200);
            try (Connection c = sources.reader("target").getConnection()) {
                List<List<Object>> sample = rows(c, d.sample(T, List.of(ID, QUESTION), 15, OptionalLong.empty()));
                assertThat(sample).hasSize(15).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("q" + row.get(0)));

                OptionalLong estimate = OptionalLong.empty();
                if (d.rowEstimate(T).isPresent()) {
                    db.execute("ANALYZE " + d.qualified(T));
                    Object reltuples = rows(c, d.rowEstimate(T).get()).get(0).get(0);
                    estimate = OptionalLong.of(((Number) reltuples).longValue());
                    assertThat(estimate.getAsLong()).isEqualTo(200);
                }
                // With an estimate above ten times the limit, PostgreSQL samples with TABLESAMPLE.
                List<List<Object>> byEstimate = rows(c, d.sample(T, List.of(ID), 15, estimate));
                assertThat(byEstimate.size()).isBetween(0, 15);
                assertThat(byEstimate).allSatisfy(row -> assertThat(((Number) row.get(0)).intValue()).isBetween(1, 200));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theDialectOfALiveConnectionIsTheOneItsUrlNames(String kind) throws SQLException {
        try (TargetDatabase db = TargetDatabase.create(kind); Connection c = db.connect()) {
            assertThat(SqlDialects.of(c.getMetaData()).orElseThrow().name()).isEqualTo(kind);
            assertThat(SqlDialects.forProductName(c.getMetaData().getDatabaseProductName()).orElseThrow().name())
                    .isEqualTo(kind);
        }
    }
}
