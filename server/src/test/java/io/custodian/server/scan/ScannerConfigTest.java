package io.custodian.server.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scanner's configuration keeps source passwords to itself. */
class ScannerConfigTest {
    private static SourceFactory source() {
        SourceFactory source = new SourceFactory();
        source.setName("shop");
        source.setUrl("jdbc:postgresql://db:5432/shop?password=in-the-url");
        source.setUser("scanner");
        source.setPassword("s3cret-from-env");
        source.setNamespace("postgres://db:5432");
        return source;
    }

    @Test
    void printingOrSerializingTheConfigurationShowsNoPassword() throws Exception {
        ScannerFactory scanner = new ScannerFactory();
        scanner.setSources(List.of(source()));
        ObjectMapper mapper = Jackson.newObjectMapper();
        for (String shown : List.of(scanner.toString(), source().toString(), source().build().toString(),
                mapper.writeValueAsString(scanner))) {
            assertThat(shown).contains("shop").doesNotContain("s3cret-from-env").doesNotContain("in-the-url");
        }
    }

    @Test
    void aSourceBuildsWithItsDefaults() {
        var built = source().build();
        assertThat(built.sampleSize()).isEqualTo(1000);
        assertThat(built.concurrency()).isEqualTo(4);
        assertThat(built.tableTimeout()).hasSeconds(60);
        assertThat(built.datasetName("public", "users")).isEqualTo("public.users");
        assertThat(built.password()).isEqualTo("s3cret-from-env");
    }
}
