package io.custodian.server.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

/** Failures the application did not expect, as callers see them. */
class ProblemMappersTest {
    @Test
    void aStoreWithNoFreeConnectionIsBusyNotBroken() {
        // What JDBI throws when HikariCP times out waiting for a connection.
        Response busy = new ProblemMappers.Unexpected().toResponse(new ConnectionException(
                new SQLTransientConnectionException("pool - Connection is not available, request timed out after 3000ms")));
        assertThat(busy.getStatus()).isEqualTo(503);
        assertThat(busy.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(((Problem) busy.getEntity()).type()).endsWith("/store-busy");

        Response broken = new ProblemMappers.Unexpected().toResponse(new IllegalStateException("a bug"));
        assertThat(broken.getStatus()).isEqualTo(500);
        assertThat(broken.getHeaderString("Retry-After")).isNull();
    }
}
