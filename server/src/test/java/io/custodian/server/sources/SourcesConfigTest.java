package io.custodian.server.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.custodian.scanner.scan.ScanSource;
import io.custodian.server.CustodianConfiguration;
import io.custodian.sources.SourceSettings;
import io.custodian.sources.dialect.SqlDialects;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** config.yml's sources: the top-level list, the scanner's overrides by name, and the deprecated scanner.sources shape. */
class SourcesConfigTest {
    private static CustodianConfiguration parse(String yaml) throws Exception {
        return new YamlConfigurationFactory<>(CustodianConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw")
                .build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config.yml");
    }

    private static Map<String, ScanSource> scanSources(CustodianConfiguration config, SourcesWiring wiring) {
        return config.getScanner().buildSources(wiring.sources()).stream()
                .collect(Collectors.toMap(ScanSource::name, Function.identity()));
    }

    @Test
    void theShippedConfigurationHasNoSourcesAndTheScannersDefaults() throws Exception {
        CustodianConfiguration config = new YamlConfigurationFactory<>(CustodianConfiguration.class,
                Validators.newValidator(), Jackson.newObjectMapper(), "dw")
                .build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                        new EnvironmentVariableSubstitutor(false)), "../config.yml");
        SourcesWiring wiring = new SourcesWiring(config.getSources(), config.getScanner());
        assertThat(wiring.sources().all()).isEmpty();
        assertThat(wiring.deprecation()).isEmpty();
        assertThat(config.getScanner().getSampleSize()).isEqualTo(1000);
        assertThat(config.getScanner().getTableTimeout().toSeconds()).isEqualTo(60);
    }

    @Test
    void topLevelSourcesWithScannerOverridesByName() throws Exception {
        CustodianConfiguration config = parse("""
                sources:
                  - name: shop
                    url: jdbc:postgresql://db:5432/shop
                    user: scanner
                    password: from-env
                    namespace: postgres://db:5432
                    datasetNamePrefix: shop
                    maxConnections: 8
                    connectTimeout: 3s
                    writeUser: eraser
                    writePassword: also-from-env
                  - name: lake
                    url: jdbc:custom://lake:443
                    dialect: spark
                    namespace: spark://lake
                scanner:
                  sampleSize: 500
                  tableTimeout: 20s
                  sources:
                    - name: shop
                      sampleSize: 50
                      concurrency: 6
                """);
        SourcesWiring wiring = new SourcesWiring(config.getSources(), config.getScanner());

        assertThat(wiring.deprecation()).isEmpty();
        SourceSettings shop = wiring.sources().get("shop");
        assertThat(shop.dialect()).isSameAs(SqlDialects.POSTGRESQL);
        assertThat(shop.maxConnections()).isEqualTo(8);
        assertThat(shop.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(shop.writable()).isTrue();
        assertThat(shop.table("shop.public.users")).isPresent();
        assertThat(wiring.sources().get("lake").dialect()).isSameAs(SqlDialects.SPARK);

        Map<String, ScanSource> scan = scanSources(config, wiring);
        assertThat(scan.get("shop").sampleSize()).isEqualTo(50);
        assertThat(scan.get("shop").concurrency()).isEqualTo(6);
        assertThat(scan.get("shop").tableTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(scan.get("lake").sampleSize()).isEqualTo(500);
        assertThat(scan.get("lake").concurrency()).isEqualTo(4);
    }

    @Test
    void oldScannerSourcesStillDefineSourcesWithOneWarning() throws Exception {
        CustodianConfiguration config = parse("""
                sources:
                  - name: shop
                    url: jdbc:postgresql://db:5432/shop
                    namespace: postgres://db:5432
                scanner:
                  sources:
                    - name: old
                      url: jdbc:postgresql://db:5432/old
                      user: scanner
                      password: from-env
                      namespace: postgres://db:5432
                      datasetNamePrefix: old
                      sampleSize: 20
                      concurrency: 8
                      tableTimeout: 5s
                    - name: older
                      url: jdbc:h2:mem:older
                      namespace: h2://older
                """);
        Logger logger = (Logger) LoggerFactory.getLogger(SourcesWiring.class);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        SourcesWiring wiring;
        try {
            wiring = new SourcesWiring(config.getSources(), config.getScanner());
        } finally {
            logger.detachAppender(captured);
        }

        assertThat(captured.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement().satisfies(e ->
                assertThat(e.getFormattedMessage()).contains("deprecated").contains("[old, older]")
                        .contains("top-level sources").doesNotContain("from-env"));
        assertThat(wiring.sources().names()).containsExactly("old", "older", "shop");
        SourceSettings old = wiring.sources().get("old");
        assertThat(old.password()).isEqualTo("from-env");
        assertThat(old.maxConnections()).isEqualTo(8);
        assertThat(old.datasetName(io.custodian.sources.TableRef.of("public", "t"))).isEqualTo("old.public.t");
        Map<String, ScanSource> scan = scanSources(config, wiring);
        assertThat(scan.get("old").sampleSize()).isEqualTo(20);
        assertThat(scan.get("old").concurrency()).isEqualTo(8);
        assertThat(scan.get("old").tableTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(scan.get("older").sampleSize()).isEqualTo(1000);
        assertThat(scan.get("shop").sampleSize()).isEqualTo(1000);
    }

    @Test
    void aSourceDefinedInBothPlacesIsAStartupErrorNamingIt() throws Exception {
        CustodianConfiguration config = parse("""
                sources:
                  - name: shop
                    url: jdbc:postgresql://db:5432/shop
                    namespace: postgres://db:5432
                scanner:
                  sources:
                    - name: shop
                      url: jdbc:postgresql://db:5432/shop
                      namespace: postgres://db:5432
                """);
        assertThatThrownBy(() -> new SourcesWiring(config.getSources(), config.getScanner()))
                .hasMessageContaining("source shop is defined both in sources and in scanner.sources");
    }

    @Test
    void scannerSettingsForAnUnknownSourceAreAnError() throws Exception {
        CustodianConfiguration config = parse("""
                sources:
                  - name: shop
                    url: jdbc:postgresql://db:5432/shop
                    namespace: postgres://db:5432
                scanner:
                  sources:
                    - name: shoop
                      sampleSize: 10
                """);
        SourcesWiring wiring = new SourcesWiring(config.getSources(), config.getScanner());
        assertThatThrownBy(() -> config.getScanner().buildSources(wiring.sources()))
                .hasMessageContaining("scanner.sources names source shoop, which is not in sources; configured: [shop]");
    }

    @Test
    void badSourceSettingsSayWhichSource() throws Exception {
        CustodianConfiguration unknownDialect = parse("""
                sources:
                  - name: lake
                    url: jdbc:custom://lake
                    namespace: x://lake
                    dialect: cobol
                """);
        assertThatThrownBy(() -> new SourcesWiring(unknownDialect.getSources(), unknownDialect.getScanner()))
                .hasMessageContaining("unknown SQL dialect 'cobol'");
        CustodianConfiguration undetectable = parse("""
                sources:
                  - name: lake
                    url: jdbc:custom://lake
                    namespace: x://lake
                """);
        assertThatThrownBy(() -> new SourcesWiring(undetectable.getSources(), undetectable.getScanner()))
                .hasMessageContaining("source lake: cannot tell the SQL dialect");
        assertThatThrownBy(() -> parse("""
                sources:
                  - name: lake
                    url: not-jdbc
                    namespace: x://lake
                    maxConnections: 0
                """)).hasMessageContaining("sources[0].url").hasMessageContaining("sources[0].maxConnections");
    }
}
