package io.custodian.erasure.execute;

import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.erasure.plan.ColumnRewrite;
import io.custodian.erasure.plan.ErasurePlan;
import io.custodian.erasure.plan.Locator;
import io.custodian.erasure.plan.PlannedStep;
import io.custodian.erasure.plan.SubjectHasher;
import io.custodian.erasure.plan.SubjectIdentifiers;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.erasure.testing.MutableClock;
import io.custodian.masking.strategy.MaskingSpec;
import io.custodian.masking.strategy.StrategyKind;
import io.custodian.sources.DataSources;
import io.custodian.sources.SourceSettings;
import io.custodian.sources.Sources;
import io.custodian.sources.dialect.SqlDialect;
import io.custodian.sources.testing.TargetDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A shop's tables in a source database (customers by e-mail, their orders and payments by customer
 * id) with several customers, Custodian's store, and the plan a request for one customer makes:
 * 1 orders DELETE_ROWS, 2 payments ANONYMIZE, 3 customers DELETE_ROWS, 4 a topic MANUAL,
 * 5 an archive RETAIN.
 */
final class ShopFixture implements AutoCloseable {
    static final String SOURCE = "shop";
    static final String NAMESPACE = "test://shop";
    static final SubjectHasher HASHER = (type, value) -> "h" + Integer.toHexString((type + value).hashCode());

    final TargetDatabase target;
    final TestDatabase storeDatabase;
    final String schema = "shop_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final SqlDialect dialect;
    final StepStore store;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    final InMemoryVault vault = new InMemoryVault();
    final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    final AuditTrail trail = audit::add;
    private final List<DataSources> opened = new ArrayList<>();

    ShopFixture(String sourceKind, String storeKind) {
        target = TargetDatabase.create(sourceKind);
        storeDatabase = TestDatabase.create(storeKind);
        store = new StepStore(storeDatabase.migrate().jdbi(), clock);
        dialect = settings().dialect();
        // Every name quoted, as the dialects quote them: H2 would otherwise fold them to upper case.
        target.execute("CREATE SCHEMA " + q(schema),
                "CREATE TABLE " + table("customers") + " (\"id\" INTEGER PRIMARY KEY, \"email\" VARCHAR(200), "
                        + "\"name\" VARCHAR(200))",
                "CREATE TABLE " + table("orders") + " (\"id\" INTEGER PRIMARY KEY, \"customer_id\" INTEGER, "
                        + "\"amount\" DECIMAL(10,2))",
                "CREATE TABLE " + table("payments") + " (\"id\" INTEGER PRIMARY KEY, \"customer_id\" INTEGER, "
                        + "\"email\" VARCHAR(200), \"card\" VARCHAR(40), \"amount\" DECIMAL(10,2))");
        target.dropOnClose(q(schema));
    }

    static String q(String name) {
        return "\"" + name + "\"";
    }

    String table(String name) {
        return q(schema) + "." + q(name);
    }

    SourceSettings settings() {
        return SourceSettings.of(SOURCE, target.url, target.user, target.password, NAMESPACE, Optional.empty())
                .withWriter(target.user, target.password);
    }

    /** Started data sources over {@code settings}, stopped when the fixture closes. */
    DataSources dataSources(SourceSettings settings) {
        DataSources sources = new DataSources(new Sources(List.of(settings)));
        sources.start();
        opened.add(sources);
        return sources;
    }

    PlanExecutor executor(DataSources sources, ExecutionSettings settings, ExecutionListener listener) {
        return new PlanExecutor(store, sources, sources.sources(), vault, HASHER, trail, clock, settings, listener);
    }

    PlanExecutor executor(ExecutionSettings settings) {
        return executor(dataSources(settings()), settings, ExecutionListener.NONE);
    }

    /** Customers 1..n, each with {@code orders} orders and two payments. */
    void seed(int customers, int orders) throws SQLException {
        try (Connection c = target.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement cu = c.prepareStatement("INSERT INTO " + table("customers") + " VALUES (?, ?, ?)");
                    PreparedStatement or = c.prepareStatement("INSERT INTO " + table("orders") + " VALUES (?, ?, ?)");
                    PreparedStatement pa = c.prepareStatement("INSERT INTO " + table("payments")
                            + " VALUES (?, ?, ?, ?, ?)")) {
                int orderId = 0;
                for (int id = 1; id <= customers; id++) {
                    cu.setInt(1, id);
                    cu.setString(2, email(id));
                    cu.setString(3, "Customer " + id);
                    cu.addBatch();
                    for (int o = 0; o < orders; o++) {
                        orderId++;
                        or.setInt(1, orderId);
                        or.setInt(2, id);
                        or.setBigDecimal(3, new BigDecimal(id + "." + (o % 100)));
                        or.addBatch();
                    }
                    for (int p = 0; p < 2; p++) {
                        pa.setInt(1, id * 10 + p);
                        pa.setInt(2, id);
                        pa.setString(3, email(id));
                        pa.setString(4, "4111-" + id + "-" + p);
                        pa.setBigDecimal(5, new BigDecimal("9.99"));
                        pa.addBatch();
                    }
                }
                cu.executeBatch();
                or.executeBatch();
                pa.executeBatch();
            }
            c.commit();
        }
    }

    static String email(int id) {
        return "Customer" + id + "@Example.com";
    }

    /** Customer {@code id} as a request names them: e-mail in another case, and their customer id. */
    static SubjectIdentifiers subject(int id) {
        return new SubjectIdentifiers(Map.of("EMAIL_ADDRESS", List.of(email(id).toLowerCase()),
                "CUSTOMER_ID", List.of(Integer.toString(id))));
    }

    UUID request(int customer) {
        UUID id = UUID.randomUUID();
        vault.seal(id, subject(customer));
        return id;
    }

    ErasurePlan plan() {
        return plan(List.of(orders(1), payments(2), customers(3), manual(4), retain(5)));
    }

    static ErasurePlan plan(List<PlannedStep> steps) {
        return new ErasurePlan("v1", Instant.parse("2026-12-01T00:00:00Z"), List.of(), steps, List.of(), List.of(),
                List.of(), List.of());
    }

    PlannedStep orders(int order) {
        return step(order, "orders", ErasureAction.DELETE_ROWS, "raw orders keyed by the customer",
                List.of(new Locator("customer_id", "INTEGER", "CUSTOMER_ID", Locator.Match.EXACT, "declared key")),
                List.of(), List.of("id", "customer_id", "amount"));
    }

    PlannedStep payments(int order) {
        MaskingSpec erased = MaskingSpec.of(StrategyKind.REDACT, Map.of("value", "erased"));
        return step(order, "payments", ErasureAction.ANONYMIZE, "payments are kept seven years under tax law",
                List.of(new Locator("customer_id", "INTEGER", "CUSTOMER_ID", Locator.Match.EXACT, "declared key"),
                        new Locator("email", "VARCHAR(200)", "EMAIL_ADDRESS", Locator.Match.IGNORE_CASE,
                                "classified EMAIL_ADDRESS")),
                List.of(ColumnRewrite.of("customer_id", "INTEGER", "CUSTOMER_ID", MaskingSpec.NULLIFY),
                        ColumnRewrite.of("email", "VARCHAR(200)", "EMAIL_ADDRESS", erased),
                        ColumnRewrite.of("card", "VARCHAR(40)", "CREDIT_CARD", MaskingSpec.NULLIFY)),
                List.of("id", "customer_id", "email", "card", "amount"));
    }

    PlannedStep customers(int order) {
        return step(order, "customers", ErasureAction.DELETE_ROWS, "the customer's own record",
                List.of(new Locator("email", "VARCHAR(200)", "EMAIL_ADDRESS", Locator.Match.IGNORE_CASE,
                        "classified EMAIL_ADDRESS")),
                List.of(), List.of("id", "email", "name"));
    }

    PlannedStep step(int order, String table, ErasureAction action, String reason, List<Locator> locators,
            List<ColumnRewrite> rewrites, List<String> columns) {
        return new PlannedStep(order, NAMESPACE, schema + "." + table, action, reason, Optional.of(SOURCE),
                Optional.of(schema), Optional.of(table), Optional.of(dialect.name()), locators, rewrites, columns,
                Optional.empty(), Optional.empty(), List.of("data-team"), List.of(), OptionalLong.empty(),
                Optional.empty(), List.of(), true);
    }

    static PlannedStep manual(int order) {
        return new PlannedStep(order, "kafka://bus", "customer-events", ErasureAction.MANUAL,
                "a topic: compact the subject's key by hand", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(),
                List.of("platform-team"), List.of(), OptionalLong.empty(), Optional.empty(), List.of(), false);
    }

    static PlannedStep retain(int order) {
        return new PlannedStep(order, "s3://archive", "invoices", ErasureAction.RETAIN, "invoices are kept for audit",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(),
                Optional.of("tax law"), Optional.of(LocalDate.parse("2033-12-31")), List.of(), List.of(),
                OptionalLong.empty(), Optional.empty(), List.of(), false);
    }

    /** Every row of a table as text, ordered by id: to compare before and after. */
    List<String> rows(String table, String where) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = target.connect(); PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table(table)
                + (where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY \"id\""); ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    long count(String table, String where) throws SQLException {
        try (Connection c = target.connect(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table(table)
                + (where.isEmpty() ? "" : " WHERE " + where)); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static ExecutionSettings settings(int chunkRows, int maxAttempts) {
        return new ExecutionSettings(chunkRows, maxAttempts, Duration.ofMillis(10), Duration.ofMinutes(5), 10_000)
                .withProgressInterval(Duration.ZERO);
    }

    @Override
    public void close() {
        opened.forEach(DataSources::stop);
        target.close();
        storeDatabase.close();
    }
}
