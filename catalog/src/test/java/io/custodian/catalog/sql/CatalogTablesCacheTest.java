package io.custodian.catalog.sql;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.sql.CatalogTables.CatalogColumn;
import io.custodian.catalog.sql.CatalogTables.Resolution;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.catalog.testing.TestDatabase;
import io.custodian.lineage.sql.TableName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Cached resolutions: hits, misses, invalidation, a read overtaken by an invalidation, age and bound. */
class CatalogTablesCacheTest {
    private static final String NS = "postgres://db:5432";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration MAX_AGE = Duration.ofSeconds(30);

    static List<String> databases() {
        return TestDatabase.kinds();
    }

    /** The real reader, counting its reads and the names each read was asked for. */
    private static final class CountingReader implements TableReader {
        private final TableReader delegate;
        final List<List<String>> reads = Collections.synchronizedList(new ArrayList<>());
        volatile Consumer<Map<String, Resolution>> afterRead = r -> { };

        CountingReader(TableReader delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, Resolution> read(String namespace, Collection<TableName> names) {
            reads.add(names.stream().map(TableName::key).toList());
            Map<String, Resolution> read = delegate.read(namespace, names);
            afterRead.accept(read);
            return read;
        }
    }

    private static TestCatalog seeded(String kind) {
        TestCatalog catalog = TestCatalog.open(kind);
        catalog.ingest(run("COMPLETE", UUID.randomUUID(), T0)
                .output(dataset(NS, "shop.public.customers").schema("id:bigint", "email:varchar(200)"))
                .output(dataset(NS, "public.items").schema("sku:text"))
                .output(dataset(NS, "shop.public.orders").schema("id:bigint")));
        return catalog;
    }

    private static List<TableName> names(String... names) {
        return Arrays.stream(names).map(TableName::parse).toList();
    }

    private static List<String> columns(Map<String, Resolution> r, String key) {
        return r.get(key).table().orElseThrow().columns().stream().map(CatalogColumn::name).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCachedNameIsNotReadAgainAndAnswersUnderTheNameAsGiven(String kind) {
        try (TestCatalog catalog = seeded(kind)) {
            CountingReader reader = new CountingReader(new CatalogTableReader(catalog.jdbi()));
            AtomicLong now = new AtomicLong();
            CatalogTables tables = CatalogTables.cached(reader, 100, MAX_AGE, now::get);

            Map<String, Resolution> first = tables.resolve(NS, names("shop.public.customers"));
            // a change nobody announced is not seen while the entry lives
            catalog.ingest(run("COMPLETE", UUID.randomUUID(), T0.plusSeconds(60))
                    .output(dataset(NS, "shop.public.customers").schema("id:bigint", "email:varchar(200)", "name")));
            Map<String, Resolution> second = tables.resolve(NS, names("SHOP.public.CUSTOMERS"));

            assertThat(reader.reads).containsExactly(List.of("shop.public.customers"));
            assertThat(columns(second, "shop.public.customers")).containsExactly("id", "email");
            assertThat(second.get("shop.public.customers").table()).isEqualTo(first.get("shop.public.customers").table());
            assertThat(second.get("shop.public.customers").name().toString()).isEqualTo("SHOP.public.CUSTOMERS");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyMissingNamesAreReadAndTheOrderGivenIsKept(String kind) {
        try (TestCatalog catalog = seeded(kind)) {
            CountingReader reader = new CountingReader(new CatalogTableReader(catalog.jdbi()));
            CatalogTables tables = CatalogTables.cached(reader, 100, MAX_AGE, System::nanoTime);

            tables.resolve(NS, names("public.items"));
            Map<String, Resolution> r = tables.resolve(NS,
                    names("shop.public.orders", "public.items", "PUBLIC.ITEMS", "nowhere", "shop.public.orders"));

            assertThat(r.keySet()).containsExactly("shop.public.orders", "public.items", "nowhere");
            assertThat(reader.reads).containsExactly(List.of("public.items"), List.of("shop.public.orders", "nowhere"));
            assertThat(r.get("nowhere").table()).isEmpty();
            assertThat(columns(r, "public.items")).containsExactly("sku");
            // the same name in another namespace is another entry
            assertThat(tables.resolve("other://ns", names("public.items")).get("public.items").table()).isEmpty();
            assertThat(reader.reads).hasSize(3);
            // a name not found is cached too
            tables.resolve(NS, names("nowhere"));
            assertThat(reader.reads).hasSize(3);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void invalidationDropsEveryEntry(String kind) {
        try (TestCatalog catalog = seeded(kind)) {
            CountingReader reader = new CountingReader(new CatalogTableReader(catalog.jdbi()));
            CatalogTables tables = CatalogTables.cached(reader, 100, MAX_AGE, System::nanoTime);
            assertThat(tables.resolve(NS, names("customers", "public.items")).get("customers").table()).isPresent();

            // a new dataset makes a cached name ambiguous; a classification changes another table
            catalog.ingest(run("COMPLETE", UUID.randomUUID(), T0.plusSeconds(60))
                    .output(dataset(NS, "crm.public.customers").schema("id:bigint")));
            new ClassificationStore(catalog.jdbi(), Clock.systemUTC())
                    .decide(NS, "public.items", "sku", "PRODUCT_CODE", Decision.CONFIRMED, null, "s1");
            assertThat(tables.resolve(NS, names("customers")).get("customers").table()).isPresent();

            tables.invalidateAll();
            assertThat(tables.cachedEntries()).isZero();
            Map<String, Resolution> r = tables.resolve(NS, names("customers", "public.items"));
            assertThat(r.get("customers").table()).isEmpty();
            assertThat(r.get("customers").ambiguous()).extracting(TableName::toString)
                    .containsExactlyInAnyOrder("shop.public.customers", "crm.public.customers");
            assertThat(r.get("public.items").table().orElseThrow().column("sku").orElseThrow().classifications())
                    .containsExactly("PRODUCT_CODE");
            assertThat(reader.reads).hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aReadOvertakenByAnInvalidationIsReturnedButNotStored(String kind) {
        try (TestCatalog catalog = seeded(kind)) {
            CountingReader reader = new CountingReader(new CatalogTableReader(catalog.jdbi()));
            CatalogTables tables = CatalogTables.cached(reader, 100, MAX_AGE, System::nanoTime);
            // while the read is under way (it has seen the old state), the catalog changes and the
            // service invalidates, as it does after each applied batch
            reader.afterRead = read -> {
                reader.afterRead = r -> { };
                catalog.ingest(run("COMPLETE", UUID.randomUUID(), T0.plusSeconds(60))
                        .output(dataset(NS, "crm.public.customers").schema("id:bigint")));
                tables.invalidateAll();
            };

            Map<String, Resolution> during = tables.resolve(NS, names("customers"));
            assertThat(during.get("customers").table()).isPresent();
            assertThat(tables.cachedEntries()).isZero();

            Map<String, Resolution> after = tables.resolve(NS, names("customers"));
            assertThat(after.get("customers").table()).isEmpty();
            assertThat(after.get("customers").ambiguous()).hasSize(2);
            assertThat(reader.reads).hasSize(2);
        }
    }

    @Test
    void aReadBlockedAcrossAnInvalidationOnAnotherThreadIsNotStored() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        AtomicReference<String> state = new AtomicReference<>("old");
        TableReader slow = (namespace, names) -> {
            String seen = state.get();
            reading.countDown();
            await(invalidated);
            return fake(namespace, names, seen);
        };
        CountingReader reader = new CountingReader(slow);
        CatalogTables tables = CatalogTables.cached(reader, 100, MAX_AGE, System::nanoTime);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Map<String, Resolution>> during = pool.submit(() -> tables.resolve(NS, names("t")));
            await(reading);
            state.set("new");
            tables.invalidateAll();
            invalidated.countDown();
            assertThat(table(during.get(10, TimeUnit.SECONDS), "t")).isEqualTo("old");
        } finally {
            pool.shutdownNow();
        }
        assertThat(table(tables.resolve(NS, names("t")), "t")).isEqualTo("new");
        assertThat(reader.reads).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anEntryIsReadAgainOnceItReachesTheMaxAgeCountedFromWhenItsReadBegan(String kind) {
        try (TestCatalog catalog = seeded(kind)) {
            CountingReader reader = new CountingReader(new CatalogTableReader(catalog.jdbi()));
            AtomicLong now = new AtomicLong(1_000);
            CatalogTables tables = CatalogTables.cached(reader, 100, MAX_AGE, now::get);
            // the read itself takes a second
            reader.afterRead = r -> now.addAndGet(Duration.ofSeconds(1).toNanos());
            tables.resolve(NS, names("public.items"));
            catalog.ingest(run("COMPLETE", UUID.randomUUID(), T0.plusSeconds(60))
                    .output(dataset(NS, "public.items").schema("sku:text", "price:numeric(10,2)")));

            now.set(1_000 + MAX_AGE.toNanos() - 1);
            assertThat(columns(tables.resolve(NS, names("public.items")), "public.items")).containsExactly("sku");
            assertThat(reader.reads).hasSize(1);

            now.set(1_000 + MAX_AGE.toNanos());
            assertThat(columns(tables.resolve(NS, names("public.items")), "public.items"))
                    .containsExactly("sku", "price");
            assertThat(reader.reads).hasSize(2);
        }
    }

    @Test
    void theLeastRecentlyUsedEntryGoesWhenTheBoundIsReached() {
        CountingReader reader = new CountingReader((namespace, names) -> fake(namespace, names, "v"));
        CatalogTables tables = CatalogTables.cached(reader, 2, MAX_AGE, System::nanoTime);
        tables.resolve(NS, names("a"));
        tables.resolve(NS, names("b"));
        tables.resolve(NS, names("a")); // b is now the least recently used
        tables.resolve(NS, names("c"));
        assertThat(tables.cachedEntries()).isEqualTo(2);
        assertThat(reader.reads).containsExactly(List.of("a"), List.of("b"), List.of("c"));

        tables.resolve(NS, names("a"));
        tables.resolve(NS, names("c"));
        assertThat(reader.reads).hasSize(3);
        tables.resolve(NS, names("b"));
        assertThat(reader.reads).hasSize(4);
        // one call naming more tables than the bound still answers for all of them
        Map<String, Resolution> many = tables.resolve(NS, names("d", "e", "f", "g"));
        assertThat(many.keySet()).containsExactly("d", "e", "f", "g");
        assertThat(tables.cachedEntries()).isEqualTo(2);
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        TableReader reader = (namespace, names) -> fake(namespace, names, "v");
        assertThatThrownBy(() -> CatalogTables.cached(reader, 0, MAX_AGE, System::nanoTime))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CatalogTables.cached(reader, -5, MAX_AGE, System::nanoTime))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CatalogTables.cached(reader, 10, Duration.ZERO, System::nanoTime))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CatalogTables.cached(reader, 10, Duration.ofSeconds(-1), System::nanoTime))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CatalogTables.cached(reader, 10, null, System::nanoTime))
                .isInstanceOf(NullPointerException.class);
        // an age too long for nanoseconds means "never by age", not an overflow into the past
        CatalogTables forever = CatalogTables.cached(reader, 10, Duration.ofSeconds(Long.MAX_VALUE), System::nanoTime);
        forever.resolve(NS, names("a"));
        assertThat(forever.cachedEntries()).isEqualTo(1);
        assertThat(forever.resolve(NS, names("a"))).containsKey("a");
    }

    @Test
    void uncachedEveryCallReads() {
        CountingReader reader = new CountingReader((namespace, names) -> fake(namespace, names, "v"));
        CatalogTables tables = new CatalogTables(reader, null);
        tables.resolve(NS, names("a"));
        tables.resolve(NS, names("a"));
        tables.invalidateAll();
        assertThat(reader.reads).hasSize(2);
        assertThat(tables.cachedEntries()).isZero();
    }

    @Test
    void concurrentReadsAndInvalidationsNeverServeAnEntryFromBeforeTheLastInvalidation() throws Exception {
        // each read sees the current version; whatever a caller gets after an invalidation it
        // observed completing must be at least as new as that invalidation
        AtomicLong version = new AtomicLong();
        TableReader reader = (namespace, names) -> fake(namespace, names, Long.toString(version.get()));
        CatalogTables tables = CatalogTables.cached(reader, 8, MAX_AGE, System::nanoTime);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        AtomicReference<String> failure = new AtomicReference<>();
        for (int t = 0; t < 3; t++) {
            int seed = t;
            work.add(pool.submit(() -> {
                for (int i = 0; i < 20_000; i++) {
                    long floor = version.get();
                    String name = "t" + ((i + seed) % 12);
                    Resolution r = tables.resolve(NS, names(name)).get(name);
                    long seen = Long.parseLong(r.table().orElseThrow().name().substring(2));
                    if (seen < floor - 1 || !r.name().key().equals(name)) {
                        failure.compareAndSet(null, name + " answered version " + seen + " after " + floor);
                    }
                }
            }));
        }
        work.add(pool.submit(() -> {
            for (int i = 0; i < 2_000; i++) {
                version.incrementAndGet(); // the change, then its announcement
                tables.invalidateAll();
            }
        }));
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(failure.get()).isNull();
        assertThat(tables.cachedEntries()).isLessThanOrEqualTo(8);
    }

    private static Map<String, Resolution> fake(String namespace, Collection<TableName> names, String state) {
        Map<String, Resolution> out = new java.util.LinkedHashMap<>();
        for (TableName name : names) {
            out.putIfAbsent(name.key(), new Resolution(name,
                    Optional.of(new CatalogTables.CatalogTable(namespace, "v." + state, List.of())), List.of()));
        }
        return out;
    }

    private static String table(Map<String, Resolution> r, String key) {
        return r.get(key).table().orElseThrow().name().substring(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
