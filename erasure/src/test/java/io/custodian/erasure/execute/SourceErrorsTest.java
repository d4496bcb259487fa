package io.custodian.erasure.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Which failures are tried again, how they are written down, and how exported values are kept. */
class SourceErrorsTest {
    @Test
    void connectionSerializationAndShutdownFailuresAreTransientOthersAreNot() {
        assertThat(SourceErrors.transientFailure(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(SourceErrors.transientFailure(new SQLException("x", "08006"))).isTrue();
        assertThat(SourceErrors.transientFailure(new SQLException("x", "40001"))).isTrue();
        assertThat(SourceErrors.transientFailure(new SQLException("x", "40P01"))).isTrue();
        assertThat(SourceErrors.transientFailure(new SQLException("x", "57P01"))).isTrue();
        assertThat(SourceErrors.transientFailure(new SQLException("x", "57P03"))).isTrue();
        assertThat(SourceErrors.transientFailure(new SQLException("x", "57014"))).isFalse();
        assertThat(SourceErrors.transientFailure(new SQLException("x", "23503"))).isFalse();
        assertThat(SourceErrors.transientFailure(new SQLException("x"))).isFalse();
    }

    @Test
    void aFailureIsDescribedByWhatWasDoneItsClassesAndStatesNeverItsMessage() {
        SQLException failure = new SQLException("duplicate key value (email)=(jane@example.com)", "23505");
        String text = SourceErrors.describe("deleting the subject's rows", new IllegalStateException("wrapped x@y.z",
                failure));
        assertThat(text).startsWith("deleting the subject's rows failed: java.lang.IllegalStateException")
                .contains("java.sql.SQLException (SQLState 23505)").doesNotContain("jane").doesNotContain("x@y.z");
    }

    @Test
    void exportedValuesAreTextNumbersBooleansOrNull() {
        assertThat(PlanExecutor.exportValue(7)).isEqualTo(7L);
        assertThat(PlanExecutor.exportValue((short) 7)).isEqualTo(7L);
        assertThat(PlanExecutor.exportValue(1.5f)).isEqualTo(1.5d);
        assertThat(PlanExecutor.exportValue(new java.math.BigInteger("12345678901234567890")))
                .isEqualTo(new java.math.BigDecimal("12345678901234567890"));
        assertThat(PlanExecutor.exportValue(true)).isEqualTo(true);
        assertThat(PlanExecutor.exportValue(null)).isNull();
        assertThat(PlanExecutor.exportValue(new byte[] {1, 2})).isEqualTo(Base64.getEncoder().encodeToString(
                new byte[] {1, 2}));
        assertThat(PlanExecutor.exportValue(java.time.LocalDate.parse("2026-12-02"))).isEqualTo("2026-12-02");
    }
}
