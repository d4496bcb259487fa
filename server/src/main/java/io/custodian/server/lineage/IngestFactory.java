package io.custodian.server.lineage;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.custodian.catalog.ingest.Hashing;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.lineage.sql.AnalysisBudget;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;

/** Limits and batching of {@code POST /api/v1/lineage}. */
public final class IngestFactory {
    @NotNull
    private DataSize maxBodySize = DataSize.mebibytes(5);
    @Min(1)
    @Max(10_000)
    private int maxBatchRequestEvents = 1_000;
    @Min(1)
    @Max(10_000)
    private int maxCommitEvents = 500;
    @Min(1)
    @Max(10_000)
    private int maxApplyEvents = 1_000;
    @Min(1)
    private int queueCapacity = 10_000;
    @NotNull
    private Duration acknowledgeTimeout = Duration.seconds(60);
    @NotNull
    private Duration commitLinger = Duration.milliseconds(1);
    @NotNull
    private Duration applyLinger = Duration.milliseconds(10);
    @NotNull
    private Duration auditWindow = Duration.seconds(10);
    /** How long the oldest logged event may wait to be applied before the health check says the applier is stuck. */
    @NotNull
    private Duration stallAfter = Duration.minutes(2);

    /**
     * This replica's name on a store several replicas share (the applier lease's holder, the
     * runner of its scans). Empty: the host name and a hash of the data directory, stable across
     * restarts, so a restarted replica takes its own lease back at once.
     */
    private String replicaId = "";

    /** How long the applier lease lasts unrenewed: how soon another replica takes over from one that died. */
    @NotNull
    private Duration leaseTtl = Duration.seconds(10);

    /** How long deriving column lineage from one event's SQL may take (off the apply path). */
    @NotNull
    private Duration sqlTimeLimit = Duration.seconds(10);

    @JsonProperty
    public Duration getSqlTimeLimit() {
        return sqlTimeLimit;
    }

    @JsonProperty
    public void setSqlTimeLimit(Duration sqlTimeLimit) {
        this.sqlTimeLimit = sqlTimeLimit;
    }

    @JsonProperty
    public Duration getStallAfter() {
        return stallAfter;
    }

    @JsonProperty
    public void setStallAfter(Duration stallAfter) {
        this.stallAfter = stallAfter;
    }

    /** Ingestion is audited per caller and window: one entry with the counts, not one per event. */
    @JsonProperty
    public Duration getAuditWindow() {
        return auditWindow;
    }

    @JsonProperty
    public void setAuditWindow(Duration auditWindow) {
        this.auditWindow = auditWindow;
    }

    @JsonProperty
    public Duration getApplyLinger() {
        return applyLinger;
    }

    @JsonProperty
    public void setApplyLinger(Duration applyLinger) {
        this.applyLinger = applyLinger;
    }

    @JsonProperty
    public Duration getCommitLinger() {
        return commitLinger;
    }

    @JsonProperty
    public void setCommitLinger(Duration commitLinger) {
        this.commitLinger = commitLinger;
    }

    @JsonProperty
    public DataSize getMaxBodySize() {
        return maxBodySize;
    }

    @JsonProperty
    public void setMaxBodySize(DataSize maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    @JsonProperty
    public int getMaxBatchRequestEvents() {
        return maxBatchRequestEvents;
    }

    @JsonProperty
    public void setMaxBatchRequestEvents(int maxBatchRequestEvents) {
        this.maxBatchRequestEvents = maxBatchRequestEvents;
    }

    @JsonProperty
    public int getMaxCommitEvents() {
        return maxCommitEvents;
    }

    @JsonProperty
    public void setMaxCommitEvents(int maxCommitEvents) {
        this.maxCommitEvents = maxCommitEvents;
    }

    @JsonProperty
    public int getMaxApplyEvents() {
        return maxApplyEvents;
    }

    @JsonProperty
    public void setMaxApplyEvents(int maxApplyEvents) {
        this.maxApplyEvents = maxApplyEvents;
    }

    @JsonProperty
    public int getQueueCapacity() {
        return queueCapacity;
    }

    @JsonProperty
    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    @JsonProperty
    public Duration getAcknowledgeTimeout() {
        return acknowledgeTimeout;
    }

    @JsonProperty
    public void setAcknowledgeTimeout(Duration acknowledgeTimeout) {
        this.acknowledgeTimeout = acknowledgeTimeout;
    }

    @JsonProperty
    public String getReplicaId() {
        return replicaId;
    }

    @JsonProperty
    public void setReplicaId(String replicaId) {
        this.replicaId = replicaId == null ? "" : replicaId;
    }

    @JsonProperty
    public Duration getLeaseTtl() {
        return leaseTtl;
    }

    @JsonProperty
    public void setLeaseTtl(Duration leaseTtl) {
        this.leaseTtl = leaseTtl;
    }

    /** This process as a replica over {@code dataDir}: the configured id, or one made from the host and the folder. */
    public LineageIngestor.Replica replica(Path dataDir) {
        String id = replicaId.isBlank() ? defaultReplicaId(dataDir) : replicaId.strip();
        return new LineageIngestor.Replica(id, java.time.Duration.ofMillis(leaseTtl.toMilliseconds()));
    }

    private static String defaultReplicaId(Path dataDir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        String folder = dataDir.toAbsolutePath().normalize().toString();
        return host + "/" + Hashing.of(folder).substring(0, 8);
    }

    public LineageIngestor.Settings ingestorSettings() {
        return new LineageIngestor.Settings(maxCommitEvents, 16L << 20,
                java.time.Duration.ofNanos(commitLinger.toNanoseconds()), queueCapacity, maxApplyEvents,
                java.time.Duration.ofNanos(applyLinger.toNanoseconds()), 2 * queueCapacity,
                java.time.Duration.ofMillis(acknowledgeTimeout.toMilliseconds() / 2),
                AnalysisBudget.DEFAULT.withTimeLimit(java.time.Duration.ofMillis(sqlTimeLimit.toMilliseconds())));
    }
}
