package io.custodian.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Names read from a source are searched for exactly, never as metadata wildcards. */
class SourceMetadataTest {
    @Test
    void metadataPatternsEscapeWildcardsAndTheEscape() throws SQLException {
        try (TestDatabase db = TestDatabase.h2(); Connection c = db.dataSource().getConnection()) {
            assertThat(SourceMetadata.exactPattern(c.getMetaData(), "a_b%c\\d")).isEqualTo("a\\_b\\%c\\\\d");
            assertThat(SourceMetadata.exactPattern(c.getMetaData(), null)).isNull();
        }
    }
}
