package io.custodian.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.sources.testing.TargetDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Pools per source: opened on first use after start, read-only unless written through a write user. */
class DataSourcesTest {
    static List<String> databases() {
        return TargetDatabase.kinds();
    }

    private static SourceSettings settings(TargetDatabase db) {
        return SourceSettings.of("target", db.url, db.user, db.password, "test://target", Optional.empty());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSourcesReaderPoolIsSharedAndRefusesWrites(String kind) throws SQLException {
        try (TargetDatabase db = TargetDatabase.create(kind);
                DataSources sources = new DataSources(new Sources(List.of(settings(db))))) {
            sources.start();
            String schema = "ro_" + java.util.UUID.randomUUID().toString().substring(0, 8);
            db.execute("CREATE SCHEMA " + schema);
            db.dropOnClose(schema);
            DataSource reader = sources.reader("target");
            assertThat(sources.reader("target")).isSameAs(reader);
            try (Connection c = reader.getConnection(); Statement s = c.createStatement()) {
                assertThat(s.executeQuery("SELECT 1").next()).isTrue();
                if (kind.equals("postgresql")) {
                    // H2 takes read-only as a hint; PostgreSQL refuses writes, in autocommit too.
                    assertThat(c.isReadOnly()).isTrue();
                    assertThatThrownBy(() -> s.execute("CREATE TABLE " + schema + ".t (x INTEGER)"))
                            .isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theWriterPoolNeedsAWriteUser(String kind) throws SQLException {
        try (TargetDatabase db = TargetDatabase.create(kind);
                DataSources sources = new DataSources(new Sources(List.of(settings(db),
                        SourceSettings.of("writable", db.url, db.user, db.password, "test://w", Optional.empty())
                                .withWriter(db.user, db.password))))) {
            sources.start();
            assertThatThrownBy(() -> sources.writer("target")).isInstanceOf(ReadOnlySourceException.class)
                    .hasMessageContaining("source target is read-only");
            try (Connection c = sources.writer("writable").getConnection()) {
                assertThat(c.isReadOnly()).isFalse();
            }
        }
    }

    @Test
    void poolsOpenOnlyBetweenStartAndStopAndOnlyForKnownNames() {
        DataSources sources = new DataSources(new Sources(List.of(SourceSettings.of("a", "jdbc:h2:mem:unused", "sa",
                "", "n", Optional.empty()))));
        assertThatThrownBy(() -> sources.reader("a")).hasMessageContaining("not started");
        sources.start();
        assertThatThrownBy(() -> sources.reader("b")).isInstanceOf(UnknownSourceException.class)
                .hasMessageContaining("configured: [a]");
        sources.stop();
        assertThatThrownBy(() -> sources.reader("a")).hasMessageContaining("stopped");
    }

    @Test
    void anUnreachableSourceFailsWithTheDriversConnectionSqlState() {
        SourceSettings down = SourceSettings.of("down", "jdbc:postgresql://127.0.0.1:1/nothing", "u", "secret-pw",
                "n", Optional.empty()).withPool(2, Duration.ofSeconds(5));
        try (DataSources sources = new DataSources(new Sources(List.of(down)))) {
            sources.start();
            assertThatThrownBy(() -> sources.reader("down").getConnection()).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"))
                    .hasMessageNotContaining("secret-pw");
        }
    }
}
