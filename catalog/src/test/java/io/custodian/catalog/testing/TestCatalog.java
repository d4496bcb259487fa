package io.custodian.catalog.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.catalog.ingest.AppliedBatch;
import io.custodian.catalog.ingest.IngestReceipt;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.store.CatalogDatabase;
import io.custodian.catalog.testing.Events.RunEventBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * A migrated test store with the catalog's one write path and its reader: what catalog tests
 * ingest events into and read back. Every ingest waits until the events are applied.
 */
public final class TestCatalog implements AutoCloseable {
    private static final LineageEventParser parser = new LineageEventParser();
    private static final Duration APPLY_WAIT = Duration.ofSeconds(30);

    private final TestDatabase database;
    private final CatalogDatabase catalog;
    private final LineageIngestor ingestor;
    private final CatalogReader reader;

    private TestCatalog(TestDatabase database, Consumer<AppliedBatch> onApplied) {
        this.database = database;
        this.catalog = database.migrate();
        this.ingestor = new LineageIngestor(catalog.jdbi(), parser, Clock.systemUTC(),
                LineageIngestor.Settings.defaults(), onApplied).start();
        this.reader = new CatalogReader(catalog.jdbi(), new ObjectMapper());
    }

    /** A fresh store of this kind ({@link TestDatabase#kinds()}). */
    public static TestCatalog open(String kind) {
        return open(kind, applied -> { });
    }

    /** A fresh store whose applier tells {@code onApplied} what each batch touched. */
    public static TestCatalog open(String kind, Consumer<AppliedBatch> onApplied) {
        return new TestCatalog(TestDatabase.create(kind), onApplied);
    }

    public TestDatabase database() {
        return database;
    }

    public CatalogDatabase catalog() {
        return catalog;
    }

    public Jdbi jdbi() {
        return catalog.jdbi();
    }

    public LineageIngestor ingestor() {
        return ingestor;
    }

    public CatalogReader reader() {
        return reader;
    }

    /** Logs and applies one event. */
    public IngestReceipt ingest(byte[] event) {
        IngestReceipt receipt = ingestor.submit(parser.parse(event)).join();
        awaitApplied();
        return receipt;
    }

    /** Logs these events together (as concurrent producers would) and waits until all are applied. */
    public TestCatalog ingest(RunEventBuilder... events) {
        List<byte[]> bodies = new ArrayList<>();
        for (RunEventBuilder event : events) {
            bodies.add(event.bytes());
        }
        ingestTogether(bodies);
        return this;
    }

    /** Logs these events together and waits until all are applied; receipts in the same order. */
    public List<IngestReceipt> ingestTogether(List<byte[]> events) {
        List<CompletableFuture<IngestReceipt>> futures = new ArrayList<>();
        for (byte[] event : events) {
            futures.add(ingestor.submit(parser.parse(event)));
        }
        List<IngestReceipt> receipts = futures.stream().map(CompletableFuture::join).toList();
        awaitApplied();
        return receipts;
    }

    /** Waits until the events are applied and the lineage derived from their SQL is written. */
    public void awaitApplied() {
        assertThat(ingestor.awaitDerived(APPLY_WAIT)).as("applied in time").isTrue();
    }

    /** Every row of every catalog table, comparable across stores. */
    public Map<String, List<String>> snapshot() {
        return StoreSnapshot.of(catalog.jdbi());
    }

    @Override
    public void close() {
        ingestor.close();
        database.close();
    }
}
