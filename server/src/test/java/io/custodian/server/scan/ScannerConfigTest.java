package io.custodian.server.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.server.sources.SourceFactory;
import io.custodian.sources.SourceSettings;
import io.custodian.sources.Sources;
import io.dropwizard.jackson.Jackson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scanner's and the sources' configuration keep passwords to themselves. */
class ScannerConfigTest {
    private static SourceFactory source() {
        SourceFactory source = new SourceFactory();
        source.setName("shop");
        source.setUrl("jdbc:postgresql://db:5432/shop?password=in-the-url");
        source.setUser("scanner");
        source.setPassword("s3cret-from-env");
        source.setWriteUser("eraser");
        source.setWritePassword("wr1te-from-env");
        source.setNamespace("postgres://db:5432");
        return source;
    }

    private static ScanSourceFactory legacy() {
        ScanSourceFactory source = new ScanSourceFactory();
        source.setName("old");
        source.setUrl("jdbc:postgresql://db:5432/old?password=in-the-url");
        source.setUser("scanner");
        source.setPassword("s3cret-from-env");
        source.setNamespace("postgres://db:5432");
        source.setDatasetNamePrefix("old");
        return source;
    }

    @Test
    void printingOrSerializingTheConfigurationShowsNoPassword() throws Exception {
        ScannerFactory scanner = new ScannerFactory();
        scanner.setSources(List.of(legacy()));
        ObjectMapper mapper = Jackson.newObjectMapper();
        for (String shown : List.of(scanner.toString(), source().toString(), source().build().toString(),
                legacy().toString(), legacy().buildSource().toString(), mapper.writeValueAsString(scanner),
                mapper.writeValueAsString(source()))) {
            assertThat(shown).doesNotContain("s3cret-from-env").doesNotContain("in-the-url")
                    .doesNotContain("wr1te-from-env");
        }
    }

    @Test
    void aSourceBuildsWithItsDefaultsAndTheScannersDefaults() {
        SourceSettings built = source().build();
        assertThat(built.maxConnections()).isEqualTo(4);
        assertThat(built.connectTimeout()).hasSeconds(10);
        assertThat(built.dialect().name()).isEqualTo("postgresql");
        assertThat(built.password()).isEqualTo("s3cret-from-env");
        assertThat(built.writeUser()).contains("eraser");
        var scan = new ScannerFactory().buildSources(new Sources(List.of(built))).get(0);
        assertThat(scan.sampleSize()).isEqualTo(1000);
        assertThat(scan.concurrency()).isEqualTo(4);
        assertThat(scan.tableTimeout()).hasSeconds(60);
    }
}
