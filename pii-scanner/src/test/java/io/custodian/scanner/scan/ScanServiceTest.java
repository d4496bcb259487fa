package io.custodian.scanner.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.ClassificationSource;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.read.Views.Dataset;
import io.custodian.catalog.read.Views.Field;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.scanner.scan.InvalidScanRequestException.Violation;
import io.custodian.scanner.testing.ScanFixture;
import io.custodian.scanner.testing.SourceDatabase;
import io.custodian.scanner.testing.ValueShapeClassifier;
import io.custodian.sources.SourceSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Scans of real databases (H2, and PostgreSQL when configured) into a real catalog, with a stand-in classifier. */
class ScanServiceTest {
    private static final String NS = "test://source";
    private static final String HOSTILE = "we\"ird; DROP TABLE customers; --";

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    private static void plant(SourceDatabase db) {
        db.table("customers", 300, "email", "CONCAT('user', CAST(i AS VARCHAR), '@example.com')",
                "note", "CONCAT('note ', CAST(i AS VARCHAR))");
        db.table("orders", 50, "status", "'shipped'");
        db.table("\"" + HOSTILE.replace("\"", "\"\"") + "\"", 20, "contact",
                "CONCAT('c', CAST(i AS VARCHAR), '@example.org')");
    }

    private static Field field(Dataset dataset, String name) {
        return dataset.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSchemaScanClassifiesEveryTableAndCreatesTheMissingDatasets(String kind) throws Exception {
        try (SourceDatabase db = new SourceDatabase(kind);
                ScanFixture f = new ScanFixture(kind, List.of(db.source("shop", NS, 100, Duration.ofSeconds(30))),
                        new ValueShapeClassifier())) {
            plant(db);
            Scan scan = f.await(f.service.submit(new ScanRequest("shop", db.schema, null), "steward-1").id());

            assertThat(scan.status()).isEqualTo(ScanStatus.SUCCEEDED);
            assertThat(scan.detectorVersion()).isEqualTo("test-shape-1");
            String policyVersion = f.policies.get().version();
            assertThat(scan.policyVersion()).isEqualTo(policyVersion);
            assertThat(scan.tables()).allSatisfy(t -> assertThat(t.policyVersion()).isEqualTo(policyVersion));
            assertThat(scan.tables()).extracting(TableProgress::table)
                    .containsExactlyInAnyOrder("customers", "orders", HOSTILE);
            assertThat(scan.tables()).allSatisfy(t -> assertThat(t.status()).isEqualTo(TableStatus.DONE));
            TableProgress customers = scan.tables().stream().filter(t -> t.table().equals("customers")).findFirst()
                    .orElseThrow();
            assertThat(customers.rowsSampled()).isEqualTo(100);
            assertThat(customers.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.column()).isEqualTo("email");
                assertThat(finding.type()).isEqualTo("EMAIL_ADDRESS");
                assertThat(finding.sampleSize()).isEqualTo(100);
            });

            Dataset dataset = f.reader.dataset(NS, db.schema + ".customers").orElseThrow();
            assertThat(dataset.fields()).extracting(Field::name).containsExactly("id", "email", "note");
            assertThat(field(dataset, "email").classifications()).singleElement().satisfies(c -> {
                assertThat(c.source()).isEqualTo(ClassificationSource.SCANNER);
                assertThat(c.scanId()).isEqualTo(scan.id());
                assertThat(c.policyVersion()).isEqualTo(policyVersion);
            });
            assertThat(field(dataset, "note").classifications()).isEmpty();
            Dataset hostile = f.reader.dataset(NS, db.schema + "." + HOSTILE).orElseThrow();
            assertThat(field(hostile, "contact").classifications()).extracting(Classification::type)
                    .containsExactly("EMAIL_ADDRESS");

            // Results are counts and verdicts; no sampled value is kept in the scan.
            String stored = new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(scan);
            assertThat(stored).doesNotContain("@example.com").doesNotContain("note 1");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aScanRecordsThatItSamplesBeforeReadingAndHowItEnded(String kind) throws InterruptedException {
        try (SourceDatabase db = new SourceDatabase(kind);
                ScanFixture f = new ScanFixture(kind, List.of(db.source("shop", NS, 100, Duration.ofSeconds(30))),
                        new ValueShapeClassifier())) {
            plant(db);
            Scan scan = f.await(f.service.submit(new ScanRequest("shop", db.schema, null), "steward-1").id());
            // The finish is audited just after the scan's end is stored, which is what await sees.
            for (long end = System.nanoTime() + 5_000_000_000L; f.audited.size() < 2 && System.nanoTime() < end; ) {
                Thread.sleep(20);
            }

            assertThat(f.audited).extracting(AuditEvent::action).containsExactly("scan.sample", "scan.finish");
            assertThat(f.audited.get(0).actor()).isEqualTo("steward-1");
            assertThat(f.audited.get(0).target()).contains(scan.id().toString()).contains("shop");
            assertThat(f.audited.get(1).outcome()).isEqualTo("succeeded");
            assertThat(f.audited.get(1).detail()).contains("tables=3")
                    .contains("policyVersion=" + f.policies.get().version());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aScanThatCannotBeAuditedSamplesNothing(String kind) {
        try (SourceDatabase db = new SourceDatabase(kind);
                ScanFixture f = new ScanFixture(kind, List.of(db.source("shop", NS, 100, Duration.ofSeconds(30))),
                        new ValueShapeClassifier())) {
            plant(db);
            f.auditFailing = true;
            Scan scan = f.await(f.service.submit(new ScanRequest("shop", db.schema, null), "steward-1").id());

            assertThat(scan.status()).isEqualTo(ScanStatus.FAILED);
            assertThat(scan.error()).contains("could not be audited");
            assertThat(scan.tables()).isEmpty();
            assertThat(f.reader.dataset(NS, db.schema + ".customers")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTableThatIsGoneIsReportedOnItsOwnAndTheScanGoesOn(String kind) {
        try (SourceDatabase db = new SourceDatabase(kind);
                ScanFixture f = new ScanFixture(kind, List.of(db.source("shop", NS, 100, Duration.ofSeconds(30))),
                        new ValueShapeClassifier())) {
            plant(db);
            db.execute("DROP TABLE " + db.schema + ".orders");
            Scan scan = f.await(f.service.submit(new ScanRequest("shop", null,
                    List.of(db.schema + ".customers", db.schema + ".orders")), "steward-1").id());

            assertThat(scan.status()).isEqualTo(ScanStatus.SUCCEEDED);
            assertThat(scan.tables()).extracting(TableProgress::table, TableProgress::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("customers", TableStatus.DONE),
                            org.assertj.core.groups.Tuple.tuple("orders", TableStatus.FAILED));
            assertThat(scan.tables().get(1).error()).contains("does not exist");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anUnreachableSourceIsReportedPerTable(String kind) {
        ScanSource down = new ScanSource(SourceSettings.of("down", "jdbc:postgresql://127.0.0.1:1/nothing", "u",
                "secret-password", NS, Optional.empty()).withPool(2, Duration.ofSeconds(3)), 100, 2,
                Duration.ofSeconds(5));
        try (ScanFixture f = new ScanFixture(kind, List.of(down), new ValueShapeClassifier())) {
            Scan byName = f.await(f.service.submit(new ScanRequest("down", null, List.of("a.b", "a.c")), "s").id());
            assertThat(byName.status()).isEqualTo(ScanStatus.SUCCEEDED);
            assertThat(byName.tables()).hasSize(2).allSatisfy(t -> {
                assertThat(t.status()).isEqualTo(TableStatus.FAILED);
                assertThat(t.error()).contains("could not be reached").doesNotContain("secret-password");
            });

            Scan bySchema = f.await(f.service.submit(new ScanRequest("down", "a", null), "s").id());
            assertThat(bySchema.status()).isEqualTo(ScanStatus.FAILED);
            assertThat(bySchema.error()).contains("could not be reached");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aStewardsDecisionSurvivesARescan(String kind) {
        try (SourceDatabase db = new SourceDatabase(kind);
                ScanFixture f = new ScanFixture(kind, List.of(db.source("shop", NS, 50, Duration.ofSeconds(30))),
                        new ValueShapeClassifier())) {
            plant(db);
            ScanRequest request = new ScanRequest("shop", null, List.of(db.schema + ".customers"));
            f.await(f.service.submit(request, "s").id());
            f.classifications.decide(NS, db.schema + ".customers", "email", "EMAIL_ADDRESS", Decision.REJECTED,
                    "synthetic test data", "steward-1");
            f.classifications.decide(NS, db.schema + ".customers", "note", "PERSON_NAME", Decision.CONFIRMED, null,
                    "steward-1");

            Scan again = f.await(f.service.submit(request, "s").id());

            assertThat(again.tables().get(0).findings()).extracting(ColumnFinding::type).containsExactly("EMAIL_ADDRESS");
            Dataset dataset = f.reader.dataset(NS, db.schema + ".customers").orElseThrow();
            assertThat(field(dataset, "email").classifications()).isEmpty();
            assertThat(field(dataset, "note").classifications()).singleElement()
                    .satisfies(c -> assertThat(c.decision()).isEqualTo(Decision.CONFIRMED));
            assertThat(f.classifications.classifications(NS, db.schema + ".customers").orElseThrow())
                    .filteredOn(c -> c.field().equals("email")).singleElement()
                    .satisfies(c -> assertThat(c.decision()).isEqualTo(Decision.REJECTED));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTableOverItsTimeLimitIsReportedAndTheOthersFinish(String kind) {
        try (SourceDatabase db = new SourceDatabase(kind);
                ScanFixture f = new ScanFixture(kind, List.of(db.source("shop", NS, 50, Duration.ofSeconds(2))),
                        new ValueShapeClassifier())) {
            plant(db);
            // A view that takes far longer than the limit to give its first row.
            db.execute(kind.equals("postgresql")
                    ? "CREATE VIEW " + db.schema + ".slow AS SELECT CAST(pg_sleep(30) AS VARCHAR) AS x"
                    : "CREATE VIEW " + db.schema + ".slow AS SELECT COUNT(*) AS x FROM SYSTEM_RANGE(1, 5000) a, "
                            + "SYSTEM_RANGE(1, 5000) b, SYSTEM_RANGE(1, 5000) c");
            Scan scan = f.await(f.service.submit(new ScanRequest("shop", null,
                    List.of(db.schema + ".slow", db.schema + ".customers")), "s").id());

            assertThat(scan.status()).isEqualTo(ScanStatus.SUCCEEDED);
            assertThat(scan.tables()).extracting(TableProgress::table, TableProgress::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("slow", TableStatus.TIMED_OUT),
                            org.assertj.core.groups.Tuple.tuple("customers", TableStatus.DONE));
            assertThat(scan.tables().get(0).error()).contains("longer than 2 s");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aScanLeftRunningByAStoppedServiceIsInterruptedOnStart(String kind) {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            UUID id = UUID.randomUUID();
            f.scans.create(id, "shop", "s", null, "steward-1");
            f.scans.start(id, "v1", "p1", List.of(new ScanStore.PlannedTable("s", "t", "s.t"),
                    new ScanStore.PlannedTable("s", "u", "s.u")));
            f.scans.tableDone(id, 0, 10, 2, List.of(), "p1");
            f.scans.tableRunning(id, 1);

            ScanService restarted = new ScanService(List.of(), f.dataSources, f.scans, f.classifications,
                    (ns, n, t) -> UUID.randomUUID(), new ValueShapeClassifier(), f.policies, event -> { },
                    java.time.Clock.systemUTC(), 1, () -> {});
            // Building the service changes nothing; start() does the recovery.
            assertThat(f.scans.get(id).orElseThrow().status()).isEqualTo(ScanStatus.RUNNING);
            restarted.start().close();

            Scan scan = f.scans.get(id).orElseThrow();
            assertThat(scan.status()).isEqualTo(ScanStatus.INTERRUPTED);
            assertThat(scan.tables()).extracting(TableProgress::status)
                    .containsExactly(TableStatus.DONE, TableStatus.INTERRUPTED);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onAStoreReplicasShareOnlyAnAbandonedScanIsInterruptedAndItsRunnersOwnOnRestart(String kind) {
        try (ScanFixture f = new ScanFixture(kind, List.of(), new ValueShapeClassifier())) {
            Duration silence = Duration.ofSeconds(30);
            ScanStore a = new ScanStore(f.catalog.jdbi(), java.time.Clock.systemUTC(), "replica-a", silence);
            ScanStore b = new ScanStore(f.catalog.jdbi(), java.time.Clock.systemUTC(), "replica-b", silence);
            ScanStore c = new ScanStore(f.catalog.jdbi(), java.time.Clock.systemUTC(), "replica-c", silence);
            UUID ofA = running(a);
            UUID ofB = running(b);
            UUID ofC = running(c);
            // a and b said they were alive just now; c last did a minute ago.
            f.catalog.jdbi().useHandle(h -> {
                h.execute("INSERT INTO service_replica (id, started_at, seen_at) VALUES"
                        + " ('replica-a', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),"
                        + " ('replica-b', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),"
                        + " ('replica-c', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP - INTERVAL '60' SECOND)");
            });

            assertThat(a.interruptAbandoned()).as("only the silent replica's scan").isEqualTo(1);
            assertThat(f.scans.get(ofC).orElseThrow().status()).isEqualTo(ScanStatus.INTERRUPTED);
            assertThat(f.scans.get(ofC).orElseThrow().tables()).extracting(TableProgress::status)
                    .containsOnly(TableStatus.INTERRUPTED);
            assertThat(f.scans.get(ofA).orElseThrow().status()).isEqualTo(ScanStatus.RUNNING);
            assertThat(f.scans.get(ofB).orElseThrow().status()).isEqualTo(ScanStatus.RUNNING);

            // b restarts: its own scan died with it; a's runs on.
            assertThat(b.interruptUnfinished()).isEqualTo(1);
            assertThat(f.scans.get(ofB).orElseThrow().status()).isEqualTo(ScanStatus.INTERRUPTED);
            assertThat(f.scans.get(ofA).orElseThrow().status()).isEqualTo(ScanStatus.RUNNING);
        }
    }

    private static UUID running(ScanStore scans) {
        UUID id = UUID.randomUUID();
        scans.create(id, "shop", "s", null, "steward-1");
        scans.start(id, "v1", "p1", List.of(new ScanStore.PlannedTable("s", "t", "s.t")));
        scans.tableRunning(id, 0);
        return id;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void badRequestsAreRefusedWithWhereAndWriteNothing(String kind) {
        ScanSource source = new ScanSource(SourceSettings.of("shop", "jdbc:h2:mem:unused", "sa", "", NS,
                Optional.of("db")), 10, 1, Duration.ofSeconds(5));
        try (ScanFixture f = new ScanFixture(kind, List.of(source), new ValueShapeClassifier())) {
            assertThat(violations(f, new ScanRequest("nope", null, null))).extracting(Violation::pointer)
                    .containsExactly("/source");
            assertThat(violations(f, new ScanRequest(null, null, null))).extracting(Violation::pointer)
                    .containsExactly("/source");
            assertThat(violations(f, new ScanRequest("shop", "s", List.of("db.s.t")))).extracting(Violation::pointer)
                    .containsExactly("/datasets");
            assertThat(violations(f, new ScanRequest("shop", null, Collections.nCopies(1001, "db.s.t"))))
                    .extracting(Violation::pointer).containsExactly("/datasets");
            assertThat(violations(f, new ScanRequest("shop", null,
                    IntStream.range(0, 3).mapToObj(i -> i == 1 ? "s.t" : "db.s.t" + i).toList())))
                    .extracting(Violation::pointer).containsExactly("/datasets/1");
            assertThat(violations(f, new ScanRequest("shop", "", null))).extracting(Violation::pointer)
                    .containsExactly("/schema");
            assertThat(f.scans.count()).isZero();
        }
    }

    private static List<Violation> violations(ScanFixture f, ScanRequest request) {
        try {
            f.service.submit(request, "s");
        } catch (InvalidScanRequestException e) {
            return e.violations();
        }
        throw new AssertionError("accepted " + request);
    }

    @org.junit.jupiter.api.Test
    void aSourceNeverShowsItsPasswordOrUrlQuery() {
        ScanSource source = ScanSource.withDefaults(SourceSettings.of("shop",
                "jdbc:postgresql://db:5432/shop?password=hunter2", "scanner", "s3cret-pw", "postgres://db:5432",
                Optional.empty()));
        assertThat(source.toString()).doesNotContain("s3cret-pw").doesNotContain("hunter2").contains("db:5432/shop");
        assertThatThrownBy(() -> new ScanSource(source.source(), 0, 1, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("source shop: sampleSize");
    }

    @org.junit.jupiter.api.Test
    void tablesSampledAtOnceStayWithinTheSourcesPool() {
        SourceSettings settings = SourceSettings.of("shop", "jdbc:h2:mem:unused", "sa", "", NS, Optional.empty())
                .withPool(2, Duration.ofSeconds(1));
        assertThat(new ScanSource(settings, 10, 8, Duration.ofSeconds(5)).parallelTables()).isEqualTo(2);
        assertThat(new ScanSource(settings, 10, 1, Duration.ofSeconds(5)).parallelTables()).isEqualTo(1);
    }
}
