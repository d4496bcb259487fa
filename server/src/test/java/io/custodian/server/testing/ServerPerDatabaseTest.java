package io.custodian.server.testing;

import io.custodian.catalog.testing.TestDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of test classes that share one running server per database kind: starting a server
 * costs seconds, a test milliseconds. Tests then use namespaces or names of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerPerDatabaseTest {
    private final Map<String, TestServer> servers = new HashMap<>();

    /** For {@code @MethodSource("databases")}. */
    protected List<String> databases() {
        return TestDatabase.kinds();
    }

    protected TestServer server(String kind) {
        return servers.computeIfAbsent(kind, k -> TestServer.start(k, overrides()));
    }

    /** Settings this class's servers start with, beyond the test defaults. */
    protected io.dropwizard.testing.ConfigOverride[] overrides() {
        return new io.dropwizard.testing.ConfigOverride[0];
    }

    @AfterAll
    void stopServers() {
        servers.values().forEach(TestServer::close);
    }
}
