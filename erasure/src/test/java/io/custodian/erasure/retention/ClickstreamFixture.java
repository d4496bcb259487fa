package io.custodian.erasure.retention;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;

import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.Finding;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.erasure.execute.ExecutionListener;
import io.custodian.erasure.execute.ExecutionSettings;
import io.custodian.erasure.execute.PlanExecutor;
import io.custodian.erasure.execute.StepState;
import io.custodian.erasure.execute.StepStore;
import io.custodian.erasure.plan.StoreCatalogFacts;
import io.custodian.erasure.policy.ErasurePolicies;
import io.custodian.erasure.testing.MutableClock;
import io.custodian.erasure.testing.TestHasher;
import io.custodian.masking.policy.OtherSections;
import io.custodian.policy.PolicySection;
import io.custodian.policy.PolicySet;
import io.custodian.policy.PolicySetLoader;
import io.custodian.policy.PolicySources;
import io.custodian.sources.DataSources;
import io.custodian.sources.SourceSettings;
import io.custodian.sources.Sources;
import io.custodian.sources.testing.TargetDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A web analytics source described to a catalog: a clickstream (time with time zone) and page views
 * (time without one), each with rows older and newer than 90 days, an archive without the time
 * column, and a topic no source serves; the catalog, the steps and the runs share one store. The
 * clock stands at {@link #NOW} until a test moves it.
 */
final class ClickstreamFixture implements AutoCloseable {
    static final String WEB = "postgres://web";
    static final String KAFKA = "kafka://bus";
    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final Instant CUTOFF = Instant.parse("2026-09-03T10:00:00Z");
    /** Clickstream rows older than the cutoff: ids 1..121 (id 1 a second before it). */
    static final int OLD_CLICKS = 121;
    static final int CHUNK = 50;

    final TestCatalog catalog;
    final TargetDatabase target;
    final String schema = "web_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final DataSources dataSources;
    final MutableClock clock = new MutableClock(NOW);
    final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    final List<Long> chunks = new CopyOnWriteArrayList<>();
    final StepStore steps;
    final RetentionRunStore runStore;
    final RetentionRuns runs;
    private final Path policyDir;

    ClickstreamFixture(String kind) throws SQLException {
        catalog = TestCatalog.open(kind);
        target = TargetDatabase.create(kind);
        String s = "\"" + schema + "\".";
        target.execute("CREATE SCHEMA \"" + schema + "\"",
                "CREATE TABLE " + s + "\"clickstream\" (\"id\" BIGINT PRIMARY KEY, \"user_email\" VARCHAR(200), "
                        + "\"ip\" VARCHAR(45), \"page\" VARCHAR(200), \"occurred_at\" TIMESTAMP WITH TIME ZONE)",
                "CREATE TABLE " + s + "\"page_views\" (\"id\" BIGINT PRIMARY KEY, \"visitor_email\" VARCHAR(200), "
                        + "\"ip\" VARCHAR(45), \"page\" VARCHAR(200), \"viewed_at\" TIMESTAMP)",
                "CREATE TABLE " + s + "\"clicks_archive\" (\"id\" BIGINT PRIMARY KEY, \"user_email\" VARCHAR(200), "
                        + "\"archived_on\" VARCHAR(30))",
                "INSERT INTO " + s + "\"clicks_archive\" VALUES (1, 'old@example.org', 'long ago')");
        target.dropOnClose("\"" + schema + "\"");
        seed(s);
        String ds = schema + ".";
        catalog.ingest(run("COMPLETE", UUID.randomUUID(), NOW.minus(Duration.ofDays(400))).job("web", "collect")
                .output(dataset(WEB, ds + "clickstream").schema("id:bigint", "user_email:varchar(200)",
                        "ip:varchar(45)", "page:varchar(200)", "occurred_at:timestamp with time zone"))
                .output(dataset(WEB, ds + "page_views").schema("id:bigint", "visitor_email:varchar(200)",
                        "ip:varchar(45)", "page:varchar(200)", "viewed_at:timestamp"))
                .output(dataset(WEB, ds + "clicks_archive").schema("id:bigint", "user_email:varchar(200)",
                        "archived_on:varchar(30)"))
                .output(dataset(KAFKA, ds + "clicks_topic")));
        ClassificationStore classifications = new ClassificationStore(catalog.jdbi(), Clock.systemUTC());
        scan(classifications, ds + "clickstream", List.of("id", "user_email", "ip", "page", "occurred_at"),
                new Finding("user_email", "EMAIL_ADDRESS", 0.99, "values", 10, 10),
                new Finding("ip", "IP_ADDRESS", 0.95, "values", 10, 10));
        scan(classifications, ds + "page_views", List.of("id", "visitor_email", "ip", "page", "viewed_at"),
                new Finding("visitor_email", "EMAIL_ADDRESS", 0.99, "values", 10, 10),
                new Finding("ip", "IP_ADDRESS", 0.95, "values", 10, 10));
        scan(classifications, ds + "clicks_archive", List.of("id", "user_email", "archived_on"),
                new Finding("user_email", "EMAIL_ADDRESS", 0.99, "values", 1, 1));
        Sources sources = new Sources(List.of(SourceSettings.of("web", target.url, target.user, target.password, WEB,
                Optional.empty()).withWriter(target.user, target.password)));
        dataSources = new DataSources(sources);
        dataSources.start();
        try {
            policyDir = Files.createTempDirectory("retention-policy-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        policy(defaultPolicy());
        steps = new StepStore(catalog.jdbi(), clock);
        runStore = new RetentionRunStore(catalog.jdbi(), clock);
        runs = runs();
    }

    /** Another replica's view: its own planner, executor and scheduler over the same store and sources. */
    RetentionRuns runs() {
        ExecutionListener listener = new ExecutionListener() {
            @Override
            public void chunkDeleted(StepState step) {
                chunks.add(step.rowsAffected().orElseThrow());
            }
        };
        PlanExecutor executor = new PlanExecutor(steps, dataSources, dataSources.sources(), runStore.vault(),
                new TestHasher(), audit::add, clock, new ExecutionSettings(CHUNK, 3, Duration.ofMillis(10),
                Duration.ofMinutes(5), 100).withProgressInterval(Duration.ZERO), listener);
        return new RetentionRuns(runStore, steps, planner(), executor, this::policies, audit::add, clock,
                new RetentionRuns.Settings(Duration.ofMillis(200), Duration.ofHours(1)));
    }

    RetentionPlanner planner() {
        return new RetentionPlanner(new StoreCatalogFacts(catalog.jdbi(),
                new ClassificationStore(catalog.jdbi(), Clock.systemUTC()), dataSources.sources()), this::policies,
                dataSources, new TestHasher());
    }

    /** Clicks 1..121 before the cutoff, 201..230 after it, 300 without a time; views 1..10 before, 11..15 after. */
    private void seed(String s) throws SQLException {
        try (Connection c = target.connect();
                PreparedStatement click = c.prepareStatement("INSERT INTO " + s + "\"clickstream\" VALUES (?, ?, ?, ?, ?)");
                PreparedStatement view = c.prepareStatement("INSERT INTO " + s + "\"page_views\" VALUES (?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= OLD_CLICKS; id++) {
                addClick(click, id, CUTOFF.minusSeconds(id == 1 ? 1 : id * 3600L));
            }
            for (int id = 201; id <= 230; id++) {
                addClick(click, id, CUTOFF.plusSeconds(id == 201 ? 1 : (id - 200) * 3600L));
            }
            addClick(click, 300, null);
            click.executeBatch();
            for (int id = 1; id <= 15; id++) {
                Instant at = id <= 10 ? CUTOFF.minusSeconds(id * 60L) : CUTOFF.plusSeconds(id * 60L);
                view.setLong(1, id);
                view.setString(2, "visitor" + id + "@example.org");
                view.setString(3, "10.0.1." + id);
                view.setString(4, "/page/" + id);
                view.setObject(5, at.atOffset(ZoneOffset.UTC).toLocalDateTime());
                view.addBatch();
            }
            view.executeBatch();
        }
    }

    private static void addClick(PreparedStatement click, int id, Instant at) throws SQLException {
        click.setLong(1, id);
        click.setString(2, "user" + id + "@example.org");
        click.setString(3, "10.0.0." + (id % 250));
        click.setString(4, "/p/" + id);
        click.setObject(5, at == null ? null : at.atOffset(ZoneOffset.UTC));
        click.addBatch();
    }

    private void scan(ClassificationStore store, String name, List<String> fields, Finding... findings) {
        UUID id = store.dataset(WEB, name).orElseThrow().id();
        store.recordScan(id, fields, new ArrayList<>(List.of(findings)), UUID.randomUUID(), "detectors-1", "policy-1",
                NOW.minus(Duration.ofDays(1)));
    }

    /** Clicks deleted after 90 days; views anonymized after 90 days; everything named click* after 90 days. */
    String defaultPolicy() {
        return """
                retention:
                  rules:
                    - name: clicks-90d
                      dataset: "%1$s.clickstream"
                      timestamp_column: occurred_at
                      period: P90D
                      action: DELETE_ROWS
                    - name: views-90d
                      dataset: "%1$s.page_views"
                      timestamp_column: viewed_at
                      period: P90D
                      action: ANONYMIZE
                      anonymize: {EMAIL_ADDRESS: {strategy: REDACT, parameters: {value: "erased"}}}
                      schedule: hourly
                    - name: all-clicks-90d
                      dataset: "%1$s.click*"
                      timestamp_column: occurred_at
                      period: P90D
                      action: DELETE_ROWS
                """.formatted(schema);
    }

    /** Replaces the policy file. */
    void policy(String yaml) {
        try {
            Files.writeString(policyDir.resolve("retention.yml"), yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    PolicySet policies() {
        List<PolicySection<?>> sections = new ArrayList<>(OtherSections.SHIPPED);
        sections.addAll(ErasurePolicies.sections());
        return new PolicySetLoader(sections).load(PolicySources.folder(policyDir));
    }

    String name(String table) {
        return schema + "." + table;
    }

    /** Every row of a table as text, ordered by id. */
    List<String> rows(String table, String where) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = target.connect(); PreparedStatement ps = c.prepareStatement("SELECT * FROM \"" + schema
                + "\".\"" + table + "\"" + (where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY \"id\"");
                ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    row.append(value instanceof java.time.temporal.TemporalAccessor || value instanceof java.util.Date
                            ? "time" : String.valueOf(value)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    long count(String table, String where) throws SQLException {
        try (Connection c = target.connect(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \""
                + schema + "\".\"" + table + "\"" + (where.isEmpty() ? "" : " WHERE " + where));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        runs.close();
        dataSources.stop();
        target.close();
        catalog.close();
    }
}
