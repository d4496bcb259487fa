package io.custodian.sources.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which dialect a JDBC URL, a product name or a configuration name means. */
class SqlDialectDetectionTest {
    @Test
    void jdbcUrlsNameTheirDialect() {
        assertThat(SqlDialects.forJdbcUrl("jdbc:postgresql://db:5432/shop")).contains(SqlDialects.POSTGRESQL);
        assertThat(SqlDialects.forJdbcUrl("jdbc:h2:mem:x")).contains(SqlDialects.H2);
        assertThat(SqlDialects.forJdbcUrl("jdbc:mysql://db:3306/shop")).contains(SqlDialects.MYSQL);
        assertThat(SqlDialects.forJdbcUrl("jdbc:mariadb://db/shop")).contains(SqlDialects.MYSQL);
        assertThat(SqlDialects.forJdbcUrl("jdbc:trino://trino:8080/hive/sales")).contains(SqlDialects.TRINO);
        assertThat(SqlDialects.forJdbcUrl("jdbc:presto://p:8080/hive")).contains(SqlDialects.TRINO);
        assertThat(SqlDialects.forJdbcUrl("jdbc:snowflake://acme.snowflakecomputing.com/?db=x"))
                .contains(SqlDialects.SNOWFLAKE);
        assertThat(SqlDialects.forJdbcUrl("jdbc:spark://dbc.cloud.databricks.com:443/default"))
                .contains(SqlDialects.SPARK);
        assertThat(SqlDialects.forJdbcUrl("jdbc:databricks://dbc:443")).contains(SqlDialects.SPARK);
        assertThat(SqlDialects.forJdbcUrl("jdbc:hive2://thrift:10000/default")).contains(SqlDialects.SPARK);
        assertThat(SqlDialects.forJdbcUrl("JDBC:PostgreSQL://db/x")).contains(SqlDialects.POSTGRESQL);
        assertThat(SqlDialects.forJdbcUrl("jdbc:sqlserver://db:1433")).isEmpty();
        assertThat(SqlDialects.forJdbcUrl(null)).isEmpty();
    }

    @Test
    void anH2UrlCarriesItsCaseSettings() {
        assertThat(SqlDialects.forJdbcUrl("jdbc:h2:mem:x;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE").orElseThrow()
                .unquotedCase()).isEqualTo(IdentifierCase.LOWER);
        assertThat(SqlDialects.forJdbcUrl("jdbc:h2:mem:x;DATABASE_TO_UPPER=FALSE").orElseThrow().unquotedCase())
                .isEqualTo(IdentifierCase.AS_WRITTEN);
        assertThat(SqlDialects.forJdbcUrl("jdbc:h2:file:/tmp/db").orElseThrow().unquotedCase())
                .isEqualTo(IdentifierCase.UPPER);
        assertThat(SqlDialects.forJdbcUrl("jdbc:h2:mem:x;DATABASE_TO_LOWER=TRUE").orElseThrow().name()).isEqualTo("h2");
    }

    @Test
    void productNamesAsDriversReportThem() {
        assertThat(SqlDialects.forProductName("PostgreSQL")).contains(SqlDialects.POSTGRESQL);
        assertThat(SqlDialects.forProductName("H2")).contains(SqlDialects.H2);
        assertThat(SqlDialects.forProductName("MySQL")).contains(SqlDialects.MYSQL);
        assertThat(SqlDialects.forProductName("MariaDB")).contains(SqlDialects.MYSQL);
        assertThat(SqlDialects.forProductName("Trino")).contains(SqlDialects.TRINO);
        assertThat(SqlDialects.forProductName("Snowflake")).contains(SqlDialects.SNOWFLAKE);
        assertThat(SqlDialects.forProductName("Spark SQL")).contains(SqlDialects.SPARK);
        assertThat(SqlDialects.forProductName("Microsoft SQL Server")).isEqualTo(Optional.empty());
    }

    @Test
    void configurationNamesAndTheirRelatives() {
        for (SqlDialect d : SqlDialects.all()) {
            assertThat(SqlDialects.named(d.name())).isSameAs(d);
        }
        assertThat(SqlDialects.named(" MariaDB ")).isSameAs(SqlDialects.MYSQL);
        assertThat(SqlDialects.named("databricks")).isSameAs(SqlDialects.SPARK);
        assertThatThrownBy(() -> SqlDialects.named("oracle")).hasMessageContaining("unknown SQL dialect 'oracle'")
                .hasMessageContaining("postgresql, h2, mysql, trino, snowflake, spark");
    }
}
