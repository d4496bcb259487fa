package io.custodian.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.sources.dialect.SqlDialects;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A source's settings: checked where given, secrets never shown, dialect detected from the URL. */
class SourceSettingsTest {
    private static SourceSettings shop() {
        return SourceSettings.of("shop", "jdbc:postgresql://db:5432/shop?password=in-the-url", "scanner", "s3cret-pw",
                "postgres://db:5432", Optional.of("shop"));
    }

    @Test
    void neitherPasswordNorUrlQueryIsShown() {
        SourceSettings source = shop().withWriter("eraser", "wr1te-secret");
        assertThat(source.toString()).contains("db:5432/shop").contains("eraser").doesNotContain("s3cret-pw")
                .doesNotContain("in-the-url").doesNotContain("wr1te-secret");
        assertThat(SourceSettings.of("h", "jdbc:h2:mem:x;PASSWORD=p", "sa", "", "n", Optional.empty()).redactedUrl())
                .isEqualTo("jdbc:h2:mem:x?...");
    }

    @Test
    void defaultsAreASmallReadOnlyPoolWithTheUrlsDialect() {
        SourceSettings source = shop();
        assertThat(source.dialect()).isSameAs(SqlDialects.POSTGRESQL);
        assertThat(source.maxConnections()).isEqualTo(4);
        assertThat(source.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(source.writable()).isFalse();
        assertThat(source.withWriter("eraser", "pw").writable()).isTrue();
    }

    @Test
    void anExplicitDialectWinsOverTheUrl() {
        SourceSettings source = new SourceSettings("lake", "jdbc:custom://x", null, null, "spark://x", Optional.empty(),
                SqlDialects.SPARK, 2, Duration.ofSeconds(1), Optional.empty(), null);
        assertThat(source.dialect()).isSameAs(SqlDialects.SPARK);
    }

    @Test
    void badSettingsSayWhichSourceAndWhat() {
        assertThatThrownBy(() -> SourceSettings.of("bad name!", "jdbc:h2:mem:x", null, null, "n", Optional.empty()))
                .hasMessageContaining("bad name!");
        assertThatThrownBy(() -> SourceSettings.of("s", "postgres://db", null, null, "n", Optional.empty()))
                .hasMessageContaining("source s: the url must be a JDBC URL");
        assertThatThrownBy(() -> SourceSettings.of("s", "jdbc:h2:mem:x", null, null, " ", Optional.empty()))
                .hasMessageContaining("source s: a namespace is required");
        assertThatThrownBy(() -> SourceSettings.of("s", "jdbc:sqlserver://db;password=hunter2", null, null, "n",
                Optional.empty())).hasMessageContaining("source s: cannot tell the SQL dialect")
                .hasMessageContaining("postgresql, h2, mysql, trino, snowflake, spark").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> shop().withPool(0, Duration.ofSeconds(1))).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> shop().withPool(4, Duration.ofMillis(10))).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> shop().withWriter(null, "pw")).hasMessageContaining("writePassword without a writeUser");
    }
}
