package io.custodian.server.erasure;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.concurrent.TimeUnit;

/**
 * Subject requests' settings ({@code erasure} in config.yml): how often the worker looks for work,
 * the deadlines of each regulation, how execution runs, and how long an access export stays.
 */
public final class ErasureFactory {
    /** The masking key purpose that seals identifiers and exports and keys their hashes. */
    @NotNull
    @Pattern(regexp = "[a-z][a-z0-9-]{0,63}")
    private String keyPurpose = "subject-requests";
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration pollInterval = Duration.seconds(5);
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.SECONDS)
    private Duration planningLease = Duration.minutes(10);
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration exportKeep = Duration.days(30);
    @Valid
    @NotNull
    private Deadline gdpr = new Deadline("P1M", "P2M");
    @Valid
    @NotNull
    private Deadline ccpa = new Deadline("P45D", "P45D");
    /** How long before its deadline an open request counts as near it. */
    @NotNull
    private String nearDeadline = "P7D";
    @Valid
    @NotNull
    private Execution execution = new Execution();
    /** How often retention rules are checked for being due. */
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration retentionTick = Duration.minutes(1);

    /** A regulation's deadline from receipt, and the most it may be extended by (ISO-8601 periods). */
    public static final class Deadline {
        @NotNull
        private String period;
        @NotNull
        private String maxExtension;

        public Deadline() {}

        Deadline(String period, String maxExtension) {
            this.period = period;
            this.maxExtension = maxExtension;
        }

        @JsonProperty
        public String getPeriod() {
            return period;
        }

        @JsonProperty
        public void setPeriod(String period) {
            this.period = period;
        }

        @JsonProperty
        public String getMaxExtension() {
            return maxExtension;
        }

        @JsonProperty
        public void setMaxExtension(String maxExtension) {
            this.maxExtension = maxExtension;
        }
    }

    /** How steps run against the sources. */
    public static final class Execution {
        @Min(1)
        @Max(1_000_000)
        private int chunkRows = 1000;
        @Min(1)
        @Max(100)
        private int maxAttempts = 5;
        @NotNull
        private Duration initialBackoff = Duration.milliseconds(200);
        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.SECONDS)
        private Duration lease = Duration.minutes(5);
        @Min(1)
        @Max(1_000_000)
        private int exportMaxRows = 10_000;

        @JsonProperty
        public int getChunkRows() {
            return chunkRows;
        }

        @JsonProperty
        public void setChunkRows(int chunkRows) {
            this.chunkRows = chunkRows;
        }

        @JsonProperty
        public int getMaxAttempts() {
            return maxAttempts;
        }

        @JsonProperty
        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        @JsonProperty
        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        @JsonProperty
        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        @JsonProperty
        public Duration getLease() {
            return lease;
        }

        @JsonProperty
        public void setLease(Duration lease) {
            this.lease = lease;
        }

        @JsonProperty
        public int getExportMaxRows() {
            return exportMaxRows;
        }

        @JsonProperty
        public void setExportMaxRows(int exportMaxRows) {
            this.exportMaxRows = exportMaxRows;
        }
    }

    @JsonProperty
    public String getKeyPurpose() {
        return keyPurpose;
    }

    @JsonProperty
    public void setKeyPurpose(String keyPurpose) {
        this.keyPurpose = keyPurpose;
    }

    @JsonProperty
    public Duration getPollInterval() {
        return pollInterval;
    }

    @JsonProperty
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    @JsonProperty
    public Duration getPlanningLease() {
        return planningLease;
    }

    @JsonProperty
    public void setPlanningLease(Duration planningLease) {
        this.planningLease = planningLease;
    }

    @JsonProperty
    public Duration getExportKeep() {
        return exportKeep;
    }

    @JsonProperty
    public void setExportKeep(Duration exportKeep) {
        this.exportKeep = exportKeep;
    }

    @JsonProperty
    public Deadline getGdpr() {
        return gdpr;
    }

    @JsonProperty
    public void setGdpr(Deadline gdpr) {
        this.gdpr = gdpr;
    }

    @JsonProperty
    public Deadline getCcpa() {
        return ccpa;
    }

    @JsonProperty
    public void setCcpa(Deadline ccpa) {
        this.ccpa = ccpa;
    }

    @JsonProperty
    public String getNearDeadline() {
        return nearDeadline;
    }

    @JsonProperty
    public void setNearDeadline(String nearDeadline) {
        this.nearDeadline = nearDeadline;
    }

    @JsonProperty
    public Duration getRetentionTick() {
        return retentionTick;
    }

    @JsonProperty
    public void setRetentionTick(Duration retentionTick) {
        this.retentionTick = retentionTick;
    }

    @JsonProperty
    public Execution getExecution() {
        return execution;
    }

    @JsonProperty
    public void setExecution(Execution execution) {
        this.execution = execution;
    }
}
