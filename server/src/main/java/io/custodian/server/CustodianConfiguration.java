package io.custodian.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.custodian.server.access.AuthFactory;
import io.custodian.server.atlas.AtlasFactory;
import io.custodian.server.demo.DemoFactory;
import io.custodian.server.lineage.IngestFactory;
import io.custodian.server.lineage.LineageGraphFactory;
import io.custodian.server.lineage.kafka.KafkaFactory;
import io.custodian.server.erasure.ErasureFactory;
import io.custodian.server.masking.MaskingFactory;
import io.custodian.server.policy.PoliciesFactory;
import io.custodian.server.scan.ScannerFactory;
import io.custodian.server.sources.SourceFactory;
import io.custodian.server.store.StoreFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Custodian's configuration: {@code config.yml}, with environment variables substituted. */
public final class CustodianConfiguration extends Configuration {
    @NotEmpty
    private String dataDir = "./data";
    @Valid
    @NotNull
    private StoreFactory database = new StoreFactory();
    @Valid
    @NotNull
    private IngestFactory ingest = new IngestFactory();
    @Valid
    @NotNull
    private KafkaFactory kafka = new KafkaFactory();
    @Valid
    @NotNull
    private AuthFactory auth = new AuthFactory();
    @Valid
    @NotNull
    private List<SourceFactory> sources = new ArrayList<>();
    @Valid
    @NotNull
    private ScannerFactory scanner = new ScannerFactory();
    @Valid
    @NotNull
    private PoliciesFactory policies = new PoliciesFactory();
    @Valid
    @NotNull
    private LineageGraphFactory lineageGraph = new LineageGraphFactory();
    @Valid
    @NotNull
    private MaskingFactory masking = new MaskingFactory();
    @Valid
    @NotNull
    private ErasureFactory erasure = new ErasureFactory();
    @Valid
    @NotNull
    private AtlasFactory atlas = new AtlasFactory();
    @Valid
    @NotNull
    private DemoFactory demo = new DemoFactory();

    /** The demo shop: off unless enabled (the {@code demo} command enables it). */
    @JsonProperty
    public DemoFactory getDemo() {
        return demo;
    }

    @JsonProperty
    public void setDemo(DemoFactory demo) {
        this.demo = demo;
    }

    /** The Apache Atlas bridge: off unless enabled. */
    @JsonProperty
    public AtlasFactory getAtlas() {
        return atlas;
    }

    @JsonProperty
    public void setAtlas(AtlasFactory atlas) {
        this.atlas = atlas;
    }

    /** The policy set: a folder of policy files laid over the shipped defaults, and how often it is checked. */
    @JsonProperty
    public PoliciesFactory getPolicies() {
        return policies;
    }

    @JsonProperty
    public void setPolicies(PoliciesFactory policies) {
        this.policies = policies;
    }

    /** The data systems Custodian reaches: connection settings, namespace and dataset names, dialect. */
    @JsonProperty
    public List<SourceFactory> getSources() {
        return sources;
    }

    @JsonProperty
    public void setSources(List<SourceFactory> sources) {
        this.sources = sources;
    }

    /** The scanner: how hard it works on each source, how many scans run at once, the policy file. */
    @JsonProperty
    public ScannerFactory getScanner() {
        return scanner;
    }

    @JsonProperty
    public void setScanner(ScannerFactory scanner) {
        this.scanner = scanner;
    }

    @JsonProperty
    public MaskingFactory getMasking() {
        return masking;
    }

    @JsonProperty
    public void setMasking(MaskingFactory masking) {
        this.masking = masking;
    }

    /** Subject requests: the worker, the regulations' deadlines, execution and exports. */
    @JsonProperty
    public ErasureFactory getErasure() {
        return erasure;
    }

    @JsonProperty
    public void setErasure(ErasureFactory erasure) {
        this.erasure = erasure;
    }

    @JsonProperty
    public LineageGraphFactory getLineageGraph() {
        return lineageGraph;
    }

    @JsonProperty
    public void setLineageGraph(LineageGraphFactory lineageGraph) {
        this.lineageGraph = lineageGraph;
    }

    @JsonProperty
    public AuthFactory getAuth() {
        return auth;
    }

    @JsonProperty
    public void setAuth(AuthFactory auth) {
        this.auth = auth;
    }

    @JsonProperty
    public String getDataDir() {
        return dataDir;
    }

    @JsonProperty
    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public Path dataPath() {
        return Path.of(dataDir);
    }

    @JsonProperty
    public StoreFactory getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(StoreFactory database) {
        this.database = database;
    }

    @JsonProperty
    public IngestFactory getIngest() {
        return ingest;
    }

    @JsonProperty
    public void setIngest(IngestFactory ingest) {
        this.ingest = ingest;
    }

    /** The optional Kafka consumer of OpenLineage events; off unless {@code kafka.enabled}. */
    @JsonProperty
    public KafkaFactory getKafka() {
        return kafka;
    }

    @JsonProperty
    public void setKafka(KafkaFactory kafka) {
        this.kafka = kafka;
    }
}
