package io.custodian.server.masking;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.audit.AuditTrail;
import io.custodian.catalog.sql.CatalogTables;
import io.custodian.masking.decision.DecisionTally;
import io.custodian.masking.decision.GatewayDecisions;
import io.custodian.masking.decision.RequestLimits;
import io.custodian.masking.keys.KeyEncryptionKey;
import io.custodian.masking.keys.Keyring;
import io.custodian.masking.rewrite.QueryRewriter;
import io.custodian.masking.rewrite.RewriteLimits;
import io.custodian.masking.tokens.TokenLimits;
import io.custodian.masking.tokens.KeyringMaskingKeys;
import io.custodian.masking.tokens.TokenService;
import io.custodian.policy.PolicySet;
import io.custodian.server.access.Auditor;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Masking, wired once: the key-encryption key and the keyring, the token API, and the gateway's
 * decisions and rewrites over the catalog's tables and the policy set in force.
 */
public final class MaskingWiring {
    /** Where the embedded store keeps its development key-encryption key. */
    static final String DEVELOPMENT_KEK_FILE = "masking-kek.json";
    private static final int MAX_REASON_LENGTH = 200;

    private final MaskingFactory config;
    private final Jdbi jdbi;
    private final CatalogTables tables;
    private KeyEncryptionKey kek;

    private MaskingWiring(MaskingFactory config, Jdbi jdbi, CatalogTables tables) {
        this.config = config;
        this.jdbi = jdbi;
        this.tables = tables;
    }

    /**
     * The catalog's tables as gateways see them, with resolutions cached: opened before ingestion,
     * whose applied batches (and every classification change) drop the cache.
     */
    public static MaskingWiring open(MaskingFactory config, Jdbi jdbi) {
        requireNonNull(config, "config is null");
        MaskingFactory.Gateway gateway = config.getGateway();
        return new MaskingWiring(config, requireNonNull(jdbi, "jdbi is null"), CatalogTables.cached(jdbi,
                gateway.getCacheEntries(), Duration.ofMillis(gateway.getCacheMaxAge().toMilliseconds())));
    }

    /** Drops every cached resolution: a new dataset, schema or classification can change any answer. */
    public void catalogChanged() {
        tables.invalidateAll();
    }

    /**
     * The key-encryption key, after {@link #register}: other capabilities keep keysets of their own
     * purposes under it, in keyrings of their own, so the token API never reaches their keys.
     */
    public KeyEncryptionKey kek() {
        if (kek == null) {
            throw new IllegalStateException("masking is not registered yet");
        }
        return kek;
    }

    /**
     * @param embeddedStore whether the catalog is the embedded H2 store, the only one a development
     *     key-encryption key is generated for
     */
    public void register(Path dataDir, boolean embeddedStore, Supplier<PolicySet> policies, AuditTrail audit,
            Auditor auditor, Clock clock, Environment environment) {
        KeyEncryptionKey kek = kek(config.getKeys(), dataDir, embeddedStore);
        this.kek = kek;
        Map<String, List<String>> purposes = config.getKeys().getPurposes();
        Keyring keyring = new Keyring(jdbi, kek, purposes.keySet(), clock);
        TokenService tokens = new TokenService(keyring, audit, new TokenLimits(config.getTokens().getMaxBatch(),
                (int) config.getTokens().getMaxValueSize().toBytes(), MAX_REASON_LENGTH));
        CatalogTables catalogTables = tables;
        MaskingFactory.Gateway gateway = config.getGateway();
        GatewayDecisions decisions = new GatewayDecisions(catalogTables, policies, new KeyringMaskingKeys(keyring, tokens),
                new RequestLimits(gateway.getMaxTables(), gateway.getMaxColumns(), 256, 256));
        long maxSql = gateway.getMaxSqlSize().toBytes();
        QueryRewriter rewriter = new QueryRewriter(catalogTables::resolve,
                RewriteLimits.DEFAULTS.withMaxChars((int) Math.min(Integer.MAX_VALUE, maxSql)));
        DecisionTally tally = new DecisionTally(audit, clock,
                Duration.ofMillis(gateway.getAuditWindow().toMilliseconds()));
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                // Before the port opens: a wrong key-encryption key stops the start here.
                keyring.start();
                tally.start();
            }

            @Override
            public void stop() {
                tally.close();
            }
        });
        environment.jersey().register(new TokenResource(tokens, keyring, purposeOfClassification(purposes),
                bodyLimit(config.getTokens()), environment.getObjectMapper(), auditor));
        // A decision request is JSON about columns: room for the configured columns at ~200 bytes each.
        long decisionBody = Math.max(1 << 20, (long) gateway.getMaxTables() * gateway.getMaxColumns() * 200L);
        environment.jersey().register(new GatewayResource(decisions, rewriter, tally, decisionBody,
                maxSql + 64 * 1024, environment.getObjectMapper()));
    }

    /**
     * The configured key-encryption key: the file, else the environment variable; only the embedded
     * store falls back to a development key generated under the data folder.
     */
    static KeyEncryptionKey kek(MaskingFactory.Keys keys, Path dataDir, boolean embeddedStore) {
        if (keys.getKekFile() != null && !keys.getKekFile().isBlank()) {
            return KeyEncryptionKey.fromFile(Path.of(keys.getKekFile()));
        }
        String variable = keys.getKekEnv();
        String fromEnvironment = variable == null || variable.isBlank() ? null : System.getenv(variable);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return KeyEncryptionKey.fromJson(fromEnvironment);
        }
        if (!embeddedStore) {
            throw new IllegalStateException("masking needs a key-encryption key: set masking.keys.kekFile"
                    + " (CUSTODIAN_MASKING_KEK_FILE) or the environment variable " + variable
                    + "; `java -jar custodian.jar kek-generate <file>` makes one. Only the embedded store"
                    + " generates a development key");
        }
        return KeyEncryptionKey.developmentKek(dataDir.resolve(DEVELOPMENT_KEK_FILE));
    }

    /** Classification to purpose, from purpose to classifications; a classification in two purposes is refused. */
    static Map<String, String> purposeOfClassification(Map<String, List<String>> purposes) {
        Map<String, String> out = new LinkedHashMap<>();
        purposes.forEach((purpose, classifications) -> {
            for (String classification : classifications == null ? List.<String>of() : classifications) {
                String earlier = out.putIfAbsent(classification, purpose);
                if (earlier != null) {
                    throw new IllegalArgumentException("masking.keys.purposes names classification " + classification
                            + " under both " + earlier + " and " + purpose + "; a classification has one purpose");
                }
            }
        });
        return out;
    }

    private static long bodyLimit(MaskingFactory.Tokens tokens) {
        // Every value at its largest, JSON-escaped (up to 6 bytes a byte), plus the envelope.
        return Math.min(64L << 20, (long) tokens.getMaxBatch() * (tokens.getMaxValueSize().toBytes() * 6 + 8) + 4096);
    }
}
