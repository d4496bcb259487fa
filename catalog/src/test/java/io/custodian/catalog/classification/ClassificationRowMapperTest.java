package io.custodian.catalog.classification;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.catalog.testing.TestCatalog;
import io.custodian.catalog.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every column of a stored classification row reads back as written, on H2 and PostgreSQL. */
class ClassificationRowMapperTest {
    private static final String NS = "postgres://db:5432";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rowsWithEveryColumnSetAndWithEveryOptionalColumnEmptyReadBackAsWritten(String kind) {
        try (TestCatalog catalog = TestCatalog.open(kind)) {
            catalog.ingest(run("COMPLETE", UUID.randomUUID(), T0).output(dataset(NS, "shop.users").schema("email")));
            UUID users = new ClassificationStore(catalog.jdbi(), Clock.systemUTC()).dataset(NS, "shop.users")
                    .orElseThrow().id();
            ClassificationRow full = new ClassificationRow(UUID.randomUUID(), users, "email", "EMAIL_ADDRESS",
                    "SCANNER", 0.875, "name and values", "detectors-1.2", 100, 97, UUID.randomUUID(),
                    Instant.parse("2025-03-01T10:15:30.123456Z"), "CONFIRMED", "looks right", "steward-1",
                    Instant.parse("2025-03-02T08:00:00.000001Z"), "[{\"dataset\":\"a\"}]", "p1",
                    Instant.parse("2025-03-02T08:00:01Z"));
            ClassificationRow sparse = new ClassificationRow(UUID.randomUUID(), users, "email", "PHONE_NUMBER",
                    "PROPAGATED", null, null, null, null, null, null, null, null, null, null, null, null, null,
                    Instant.parse("2025-03-02T08:00:02Z"));
            // zero is a value, not an absence
            ClassificationRow zeros = new ClassificationRow(UUID.randomUUID(), users, "email", "IBAN", "SCANNER",
                    0.0, null, null, 0, 0, null, null, null, null, null, null, null, null,
                    Instant.parse("2025-03-02T08:00:03Z"));
            catalog.jdbi().useHandle(h -> {
                ClassificationDao dao = h.attach(ClassificationDao.class);
                dao.insert(full);
                dao.insert(sparse);
                dao.insert(zeros);
            });

            List<ClassificationRow> plain = catalog.jdbi().withHandle(h -> h.createQuery(ClassificationDao.FOR_DATASETS)
                    .bindList("ids", List.of(users)).map(ClassificationRowMapper.INSTANCE).list());
            List<ClassificationRow> throughDao = catalog.jdbi().withHandle(h ->
                    h.attach(ClassificationDao.class).forDatasets(List.of(users)));

            assertThat(plain).containsExactly(full, zeros, sparse);
            assertThat(throughDao).isEqualTo(plain);
        }
    }
}
