package io.custodian.server.demo;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Actor;
import io.custodian.access.Caller;
import io.custodian.catalog.audit.AuditEvent;
import io.custodian.catalog.audit.AuditTrail;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.scanner.scan.Scan;
import io.custodian.scanner.scan.ScanRequest;
import io.custodian.scanner.scan.ScanService;
import io.custodian.server.lineage.IngestionAudit;
import io.custodian.server.sources.SourceFactory;
import io.custodian.server.store.DataDirectory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo: a shop's warehouse in an H2 file under {@code <dataDir>/demo} ({@link DemoShop}),
 * configured as the source {@value #SOURCE}; once the service runs, the OpenLineage events of the
 * jobs that build it go through the same parser, event log and audit as {@code POST /api/v1/lineage},
 * and a scan of the source is started, as a steward would start it. Everything after that is the
 * product's own work: lineage derived from the jobs' SQL, classification, propagation, search.
 */
public final class DemoWiring {
    /** The source's name, what {@code POST /api/v1/scans} names. */
    public static final String SOURCE = "demo-shop";
    /** The OpenLineage namespace of the shop's datasets. */
    public static final String NAMESPACE = "demo-shop";
    /** The OpenLineage namespace of the jobs that build the warehouse. */
    public static final String JOB_NAMESPACE = "demo-etl";
    /** Datasets are named {@code shop.<schema>.<table>}, as OpenLineage names database tables. */
    public static final String PREFIX = "shop";
    static final String ACTOR = "custodian-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoWiring.class);
    private static final Caller CALLER = new Caller(Actor.service(ACTOR), Set.of());

    private final DemoShop shop;
    private final String url;
    private final String password;

    private DemoWiring(String url, String password) {
        this.url = url;
        this.password = password;
        this.shop = new DemoShop(url, password);
    }

    /**
     * Makes the demo database under {@code <dataDir>/demo} on first use (owner-only, like the rest
     * of the data folder, with a password of its own in {@code demo/source-password}); later starts
     * reuse it as it is.
     */
    public static DemoWiring prepare(Path dataDir) {
        Path folder = DataDirectory.prepare(dataDir.resolve("demo"));
        Path passwordFile = folder.resolve("source-password");
        try {
            if (!Files.exists(passwordFile)) {
                byte[] secret = new byte[24];
                new SecureRandom().nextBytes(secret);
                DataDirectory.writePrivate(passwordFile, Base64.getUrlEncoder().withoutPadding().encode(secret));
            }
            String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            String url = "jdbc:h2:file:" + folder.resolve("shop").toAbsolutePath().normalize()
                    + ";DATABASE_TO_LOWER=TRUE";
            DemoWiring demo = new DemoWiring(url, password);
            if (!Files.exists(folder.resolve("shop.mv.db"))) {
                long started = System.nanoTime();
                demo.shop.create();
                log.info("demo: created the shop's warehouse in {} ({} ms)", folder,
                        (System.nanoTime() - started) / 1_000_000);
            }
            DataDirectory.restrictFiles(folder);
            return demo;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo in " + folder, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the demo database in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The source the demo database is reached through: read as a read-only user, written (erasure) as another. */
    public SourceFactory source() {
        SourceFactory source = new SourceFactory();
        source.setName(SOURCE);
        source.setUrl(url);
        source.setUser(DemoShop.READER);
        source.setPassword(password);
        source.setWriteUser(DemoShop.WRITER);
        source.setWritePassword(password);
        source.setNamespace(NAMESPACE);
        source.setDatasetNamePrefix(PREFIX);
        source.setDialect("h2");
        return source;
    }

    /**
     * Once the service has started, on a thread of its own: sends the jobs' events, waits until the
     * catalog holds them (and the lineage of their SQL), and starts a scan of the demo source.
     */
    public void register(LineageEventParser parser, LineageIngestor ingestor, IngestionAudit audit, ScanService scans,
            AuditTrail trail, Environment environment) {
        requireNonNull(parser, "parser is null");
        requireNonNull(ingestor, "ingestor is null");
        requireNonNull(audit, "audit is null");
        requireNonNull(scans, "scans is null");
        requireNonNull(trail, "trail is null");
        environment.lifecycle().manage(new Managed() {
            private Thread loader;

            @Override
            public void start() {
                loader = new Thread(() -> load(parser, ingestor, audit, scans, trail), "custodian-demo");
                loader.setDaemon(true);
                loader.start();
            }

            @Override
            public void stop() throws InterruptedException {
                if (loader != null) {
                    loader.join(TimeUnit.SECONDS.toMillis(10));
                }
            }
        });
    }

    private void load(LineageEventParser parser, LineageIngestor ingestor, IngestionAudit audit, ScanService scans,
            AuditTrail trail) {
        try {
            List<byte[]> events = new DemoEvents(JOB_NAMESPACE, NAMESPACE, PREFIX).events(DemoShop.JOBS, shop.columns());
            for (byte[] event : events) {
                ingestor.submit(parser.parse(event)).get(60, TimeUnit.SECONDS);
            }
            audit.record(CALLER, "demo:" + SOURCE, null, events.size(), 0);
            if (!ingestor.awaitDerived(Duration.ofSeconds(60))) {
                log.warn("demo: the jobs' events are not all applied after 60 s; the scan starts anyway");
            }
            Scan scan = scans.submit(new ScanRequest(SOURCE, null, List.of()), ACTOR);
            trail.record(AuditEvent.success(ACTOR, "scan.start", SOURCE + " " + scan.id(), "all tables"));
            log.info("demo: {} job runs sent to the catalog (namespaces {} and {}); scan {} of source {} started. "
                    + "See the README's tour.", events.size(), JOB_NAMESPACE, NAMESPACE, scan.id(), SOURCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("demo: loading the demo failed: {}", e.toString());
        }
    }
}
