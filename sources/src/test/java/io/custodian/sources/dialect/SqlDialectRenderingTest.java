package io.custodian.sources.dialect;

import static io.custodian.sources.dialect.Predicate.and;
import static io.custodian.sources.dialect.Predicate.eq;
import static io.custodian.sources.dialect.Predicate.eqIgnoreCase;
import static io.custodian.sources.dialect.Predicate.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.sources.TableRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The SQL text each dialect renders: exact strings, hostile names kept identifiers, values kept parameters. */
class SqlDialectRenderingTest {
    private static final SqlDialect PG = SqlDialects.POSTGRESQL;
    private static final SqlDialect H2 = SqlDialects.H2;
    private static final SqlDialect MYSQL = SqlDialects.MYSQL;
    private static final SqlDialect TRINO = SqlDialects.TRINO;
    private static final SqlDialect SNOWFLAKE = SqlDialects.SNOWFLAKE;
    private static final SqlDialect SPARK = SqlDialects.SPARK;
    private static final TableRef USERS = TableRef.of("crm", "users");

    @Test
    void doubleQuoteDialectsDoubleEmbeddedQuotesAndLeaveBackticksAlone() {
        for (SqlDialect d : List.of(PG, H2, TRINO, SNOWFLAKE)) {
            assertThat(d.quote("we\"ird")).as(d.name()).isEqualTo("\"we\"\"ird\"");
            assertThat(d.quote("a`b")).as(d.name()).isEqualTo("\"a`b\"");
            assertThat(d.quote("select")).as(d.name()).isEqualTo("\"select\"");
            assertThat(d.quote("first name")).as(d.name()).isEqualTo("\"first name\"");
            assertThat(d.quote("naïve 名前")).as(d.name()).isEqualTo("\"naïve 名前\"");
            assertThat(d.quote("x\"; DROP TABLE t; --")).as(d.name()).isEqualTo("\"x\"\"; DROP TABLE t; --\"");
        }
    }

    @Test
    void backtickDialectsDoubleEmbeddedBackticksAndLeaveDoubleQuotesAlone() {
        for (SqlDialect d : List.of(MYSQL, SPARK)) {
            assertThat(d.quote("we`ird")).as(d.name()).isEqualTo("`we``ird`");
            assertThat(d.quote("a\"b")).as(d.name()).isEqualTo("`a\"b`");
            assertThat(d.quote("order")).as(d.name()).isEqualTo("`order`");
            assertThat(d.quote("first name")).as(d.name()).isEqualTo("`first name`");
            assertThat(d.quote("naïve 名前")).as(d.name()).isEqualTo("`naïve 名前`");
            assertThat(d.quote("x`; DROP TABLE t; --")).as(d.name()).isEqualTo("`x``; DROP TABLE t; --`");
        }
    }

    @Test
    void emptyNamesAndNulCharactersAreRefused() {
        for (SqlDialect d : SqlDialects.all()) {
            assertThatThrownBy(() -> d.quote("")).hasMessageContaining("empty");
            assertThatThrownBy(() -> d.quote("a\0b")).hasMessageContaining("NUL");
        }
        assertThatThrownBy(() -> TableRef.of("s", "")).hasMessageContaining("table name is empty");
    }

    @Test
    void qualifiedNamesQuoteEachPartGiven() {
        assertThat(PG.qualified(TableRef.of(null, "users"))).isEqualTo("\"users\"");
        assertThat(PG.qualified(new TableRef("shop", "crm", "a.b"))).isEqualTo("\"shop\".\"crm\".\"a.b\"");
        assertThat(SPARK.qualified(new TableRef("hive", "crm", "a`b"))).isEqualTo("`hive`.`crm`.`a``b`");
        assertThatThrownBy(() -> new TableRef("shop", null, "t")).hasMessageContaining("needs a schema");
    }

    @Test
    void unquotedNamesFoldAsEachDatabaseDoes() {
        assertThat(PG.foldUnquoted("Users")).isEqualTo("users");
        assertThat(TRINO.foldUnquoted("Users")).isEqualTo("users");
        assertThat(H2.foldUnquoted("Users")).isEqualTo("USERS");
        assertThat(SNOWFLAKE.foldUnquoted("Users")).isEqualTo("USERS");
        assertThat(MYSQL.foldUnquoted("Users")).isEqualTo("Users");
        assertThat(SPARK.foldUnquoted("Users")).isEqualTo("Users");
        assertThat(SqlDialects.all()).filteredOn(SqlDialect::quotedNamesCaseSensitive).extracting(SqlDialect::name)
                .containsExactly("postgresql", "h2", "snowflake");
    }

    @Test
    void selectBindsEveryValue() {
        Predicate where = and(eq("id", 42), in("status", List.of("a", "b")), eqIgnoreCase("e-mail", "X@Y.ORG"));
        SqlStatement pg = PG.select(USERS, List.of("id", "e-mail"), where);
        assertThat(pg.sql()).isEqualTo("SELECT \"id\", \"e-mail\" FROM \"crm\".\"users\" WHERE \"id\" = ? AND "
                + "\"status\" IN (?, ?) AND LOWER(\"e-mail\") = LOWER(?)");
        assertThat(pg.parameters()).containsExactly(42, "a", "b", "X@Y.ORG");
        SqlStatement mysql = MYSQL.select(USERS, List.of("id", "e-mail"), where);
        assertThat(mysql.sql()).isEqualTo("SELECT `id`, `e-mail` FROM `crm`.`users` WHERE `id` = ? AND "
                + "`status` IN (?, ?) AND LOWER(`e-mail`) = LOWER(?)");
        assertThat(mysql.parameters()).containsExactly(42, "a", "b", "X@Y.ORG");
        assertThat(H2.select(USERS, List.of("id"), Predicate.all()).sql()).isEqualTo("SELECT \"id\" FROM \"crm\".\"users\"");
    }

    @Test
    void orsAreParenthesisedSoAnAndAroundThemKeepsItsMeaning() {
        Predicate any = Predicate.or(List.of(eq("id", 42), eqIgnoreCase("email", "A@B.ORG")));
        SqlStatement delete = PG.delete(USERS, and(any, eq("tenant", "t1")));
        assertThat(delete.sql()).isEqualTo("DELETE FROM \"crm\".\"users\" WHERE ((\"id\" = ?) OR "
                + "(LOWER(\"email\") = LOWER(?))) AND \"tenant\" = ?");
        assertThat(delete.parameters()).containsExactly(42, "A@B.ORG", "t1");
        assertThat(Predicate.or(List.of(eq("id", 1)))).isEqualTo(eq("id", 1));
        assertThatThrownBy(() -> Predicate.or(List.of())).hasMessageContaining("no terms");
        assertThatThrownBy(() -> Predicate.or(List.of(eq("id", 1), Predicate.all())))
                .hasMessageContaining("matches every row");
        assertThatThrownBy(() -> PG.delete(USERS, Predicate.all())).hasMessageContaining("every row");
    }

    @Test
    void hostileValuesNeverReachTheText() {
        String value = "x'; DROP TABLE users; --";
        for (SqlDialect d : SqlDialects.all()) {
            SqlStatement delete = d.delete(USERS, eq("email", value));
            assertThat(delete.sql()).as(d.name()).doesNotContain("DROP").endsWith(" = ?");
            assertThat(delete.parameters()).containsExactly(value);
        }
    }

    @Test
    void countDeleteAndUpdateInEveryDialect() {
        Predicate where = and(eq("user id", 7), in("kind", List.of("x")));
        assertThat(PG.count(USERS, where).sql())
                .isEqualTo("SELECT COUNT(*) FROM \"crm\".\"users\" WHERE \"user id\" = ? AND \"kind\" IN (?)");
        assertThat(H2.delete(USERS, where).sql())
                .isEqualTo("DELETE FROM \"crm\".\"users\" WHERE \"user id\" = ? AND \"kind\" IN (?)");
        assertThat(TRINO.count(USERS, where).sql())
                .isEqualTo("SELECT COUNT(*) FROM \"crm\".\"users\" WHERE \"user id\" = ? AND \"kind\" IN (?)");
        assertThat(SNOWFLAKE.delete(USERS, where).sql())
                .isEqualTo("DELETE FROM \"crm\".\"users\" WHERE \"user id\" = ? AND \"kind\" IN (?)");
        assertThat(SPARK.delete(USERS, where).sql())
                .isEqualTo("DELETE FROM `crm`.`users` WHERE `user id` = ? AND `kind` IN (?)");
        assertThat(MYSQL.count(USERS, Predicate.all()).sql()).isEqualTo("SELECT COUNT(*) FROM `crm`.`users`");

        SqlStatement update = SPARK.update(USERS, List.of(new Assignment("email", null), new Assignment("name", "—")),
                eq("id", 7));
        assertThat(update.sql()).isEqualTo("UPDATE `crm`.`users` SET `email` = ?, `name` = ? WHERE `id` = ?");
        assertThat(update.parameters()).isEqualTo(Arrays.asList(null, "—", 7));
        assertThat(SNOWFLAKE.update(USERS, List.of(new Assignment("select", "x")), eq("id", 1)).sql())
                .isEqualTo("UPDATE \"crm\".\"users\" SET \"select\" = ? WHERE \"id\" = ?");
    }

    @Test
    void deleteAndUpdateRefuseToTouchEveryRowUnlessAskedByName() {
        for (SqlDialect d : SqlDialects.all()) {
            assertThatThrownBy(() -> d.delete(USERS, Predicate.all())).hasMessageContaining("deleteAll");
            assertThatThrownBy(() -> d.delete(USERS, and())).hasMessageContaining("every row");
            assertThatThrownBy(() -> d.update(USERS, List.of(new Assignment("a", 1)), Predicate.all()))
                    .hasMessageContaining("updateAll");
        }
        assertThat(PG.deleteAll(USERS).sql()).isEqualTo("DELETE FROM \"crm\".\"users\"");
        assertThat(MYSQL.updateAll(USERS, List.of(new Assignment("a", 1))).sql())
                .isEqualTo("UPDATE `crm`.`users` SET `a` = ?");
    }

    @Test
    void chunkedDeletesAreBoundedInEachDialectsOwnGrammar() {
        Predicate where = Predicate.or(List.of(eq("id", 7), eqIgnoreCase("e-mail", "A@B.ORG")));
        SqlStatement pg = PG.deleteChunk(USERS, where, 1000).orElseThrow();
        assertThat(pg.sql()).isEqualTo("DELETE FROM \"crm\".\"users\" WHERE ctid = ANY(ARRAY(SELECT ctid FROM "
                + "\"crm\".\"users\" WHERE (\"id\" = ?) OR (LOWER(\"e-mail\") = LOWER(?)) LIMIT 1000))");
        assertThat(pg.parameters()).containsExactly(7, "A@B.ORG");
        SqlStatement h2 = H2.deleteChunk(USERS, where, 50).orElseThrow();
        assertThat(h2.sql()).isEqualTo("DELETE FROM \"crm\".\"users\" WHERE (\"id\" = ?) OR "
                + "(LOWER(\"e-mail\") = LOWER(?)) FETCH FIRST 50 ROWS ONLY");
        assertThat(h2.parameters()).containsExactly(7, "A@B.ORG");
        assertThat(MYSQL.deleteChunk(USERS, eq("id", 7), 10).orElseThrow().sql())
                .isEqualTo("DELETE FROM `crm`.`users` WHERE `id` = ? LIMIT 10");
        for (SqlDialect d : List.of(TRINO, SNOWFLAKE, SPARK)) {
            assertThat(d.deleteChunk(USERS, where, 10)).as(d.name()).isEmpty();
        }
        for (SqlDialect d : List.of(PG, H2, MYSQL)) {
            assertThatThrownBy(() -> d.deleteChunk(USERS, Predicate.all(), 10)).as(d.name())
                    .hasMessageContaining("deleteAll");
            assertThatThrownBy(() -> d.deleteChunk(USERS, where, 0)).as(d.name()).hasMessageContaining("at least 1");
        }
    }

    @Test
    void beforeComparesAColumnWithABoundPointInTime() {
        OffsetDateTime cutoff = OffsetDateTime.of(2026, 9, 3, 0, 0, 0, 0, ZoneOffset.UTC);
        Predicate where = and(Predicate.before("seen at", cutoff), eq("kind", "click"));
        SqlStatement pg = PG.count(USERS, where);
        assertThat(pg.sql()).isEqualTo("SELECT COUNT(*) FROM \"crm\".\"users\" WHERE \"seen at\" < ? AND \"kind\" = ?");
        assertThat(pg.parameters()).containsExactly(cutoff, "click");
        assertThat(MYSQL.deleteChunk(USERS, Predicate.before("day", LocalDate.of(2026, 1, 1)), 10).orElseThrow().sql())
                .contains("WHERE `day` < ?");
        assertThat(H2.update(USERS, List.of(new Assignment("ip", null)), Predicate.before("at", cutoff)).sql())
                .isEqualTo("UPDATE \"crm\".\"users\" SET \"ip\" = ? WHERE \"at\" < ?");
        // An Instant is bound as the UTC OffsetDateTime every driver takes.
        assertThat(Predicate.before("at", cutoff.toInstant())).isEqualTo(Predicate.before("at", cutoff));
        assertThatThrownBy(() -> Predicate.before("at", null)).hasMessageContaining("NULL");
        assertThatThrownBy(() -> Predicate.before("at", "2026-01-01")).hasMessageContaining("String");
    }

    @Test
    void differsFindsAColumnHoldingAnythingButTheValue() {
        Predicate where = Predicate.or(List.of(Predicate.differs("email", "erased"), Predicate.differs("card", null)));
        SqlStatement h2 = H2.count(USERS, where);
        assertThat(h2.sql()).isEqualTo("SELECT COUNT(*) FROM \"crm\".\"users\" WHERE (\"email\" <> ?) OR "
                + "(\"card\" IS NOT NULL)");
        assertThat(h2.parameters()).containsExactly("erased");
        assertThat(SPARK.count(USERS, Predicate.differs("n", 0)).sql()).endsWith("WHERE `n` <> ?");
    }

    @Test
    void predicatesRefuseWhatCouldNeverMatch() {
        assertThatThrownBy(() -> eq("email", null)).hasMessageContaining("NULL");
        assertThatThrownBy(() -> in("email", List.of())).hasMessageContaining("empty list");
        assertThatThrownBy(() -> in("email", Arrays.asList("a", null))).hasMessageContaining("NULL");
        assertThatThrownBy(() -> PG.update(USERS, List.of(), eq("id", 1))).hasMessageContaining("no column");
        assertThatThrownBy(() -> PG.select(USERS, List.of(), Predicate.all())).hasMessageContaining("no columns");
    }

    @Test
    void postgresSamplesByPercentageFromTheEstimate() {
        TableRef t = TableRef.of("s", "t");
        assertThat(PG.sample(t, List.of("a"), 1000, OptionalLong.of(50_000_000)).sql())
                .isEqualTo("SELECT \"a\" FROM \"s\".\"t\" TABLESAMPLE SYSTEM (0.004000) LIMIT 1000");
        assertThat(PG.sample(t, List.of("a", "b"), 1000, OptionalLong.of(100_000)).sql())
                .isEqualTo("SELECT \"a\", \"b\" FROM \"s\".\"t\" TABLESAMPLE BERNOULLI (2.000000) LIMIT 1000");
        assertThat(PG.sample(t, List.of("a"), 1000, OptionalLong.of(10_000)).sql())
                .isEqualTo("SELECT \"a\" FROM \"s\".\"t\" LIMIT 1000");
        assertThat(PG.sample(t, List.of("a"), 1000, OptionalLong.empty()).sql())
                .isEqualTo("SELECT \"a\" FROM \"s\".\"t\" LIMIT 1000");
        assertThat(PG.rowEstimate(t).orElseThrow().parameters()).containsExactly("t", "s");
    }

    @Test
    void otherDialectsSampleARandomPickOfABoundedPrefix() {
        TableRef t = TableRef.of("s", "t");
        OptionalLong none = OptionalLong.empty();
        assertThat(H2.sample(t, List.of("a"), 10, none).sql())
                .isEqualTo("SELECT \"a\" FROM (SELECT \"a\" FROM \"s\".\"t\" LIMIT 100) s ORDER BY RAND() LIMIT 10");
        assertThat(MYSQL.sample(t, List.of("a"), 10, none).sql())
                .isEqualTo("SELECT `a` FROM (SELECT `a` FROM `s`.`t` LIMIT 100) s ORDER BY RAND() LIMIT 10");
        assertThat(TRINO.sample(t, List.of("a"), 10, none).sql())
                .isEqualTo("SELECT \"a\" FROM (SELECT \"a\" FROM \"s\".\"t\" LIMIT 100) s ORDER BY random() LIMIT 10");
        assertThat(SNOWFLAKE.sample(t, List.of("a"), 10, OptionalLong.of(1_000_000)).sql())
                .isEqualTo("SELECT \"a\" FROM (SELECT \"a\" FROM \"s\".\"t\" LIMIT 100) s ORDER BY RANDOM() LIMIT 10");
        assertThat(SPARK.sample(t, List.of("a"), 10, none).sql())
                .isEqualTo("SELECT `a` FROM (SELECT `a` FROM `s`.`t` LIMIT 100) s ORDER BY rand() LIMIT 10");
        assertThat(SqlDialects.all()).filteredOn(d -> d.rowEstimate(t).isPresent()).containsExactly(PG);
        assertThatThrownBy(() -> H2.sample(t, List.of("a"), 0, none)).hasMessageContaining("at least 1");
    }

    @Test
    void statementsShowTheirTextButNotTheirValues() {
        SqlStatement statement = PG.delete(USERS, eq("email", "jane@example.com"));
        assertThat(statement.toString()).contains("DELETE FROM").contains("1 parameter").doesNotContain("jane");
    }
}
