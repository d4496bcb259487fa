package io.custodian.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** A failure is described from its SQL state and kind, never from the driver's message. */
class SourceFailuresTest {
    @Test
    void aPoolThatGaveNoConnectionInTimeIsUnreachable() {
        assertThat(SourceFailures.describe(new SQLTransientConnectionException("pool timed out; password=x")))
                .isEqualTo("the source could not be reached in time");
        assertThat(SourceFailures.describe(new SQLTransientConnectionException("refused", "08001")))
                .isEqualTo("the source could not be reached (SQLState 08001)");
        assertThat(SourceFailures.describe(new SQLException("secret value 'x'", "42501")))
                .isEqualTo("the scanner's user may not read the table (SQLState 42501)");
    }
}
