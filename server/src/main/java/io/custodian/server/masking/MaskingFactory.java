package io.custodian.server.masking;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDataSize;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Masking's settings ({@code masking} in config.yml): where the key-encryption key comes from and
 * which purposes have keys, how big a token call may be, and the bounds of gateway calls.
 */
public final class MaskingFactory {
    @Valid
    @NotNull
    private Keys keys = new Keys();
    @Valid
    @NotNull
    private Tokens tokens = new Tokens();
    @Valid
    @NotNull
    private Gateway gateway = new Gateway();

    /**
     * The key-encryption key (KEK) wraps every stored keyset. Read from {@code kekFile}, else from the
     * environment variable {@code kekEnv} names; with neither, the embedded store generates a
     * development KEK under the data folder, and PostgreSQL refuses to start.
     */
    public static final class Keys {
        private String kekFile;
        private String kekEnv = "CUSTODIAN_MASKING_KEK";
        /**
         * Purpose name to the classifications it tokenizes when a caller names a classification;
         * {@code masking} is the purpose masking rules use when they name none.
         */
        @NotNull
        private Map<String, List<String>> purposes = new LinkedHashMap<>(Map.of("masking", List.of()));

        @JsonProperty
        public String getKekFile() {
            return kekFile;
        }

        @JsonProperty
        public void setKekFile(String kekFile) {
            this.kekFile = kekFile;
        }

        @JsonProperty
        public String getKekEnv() {
            return kekEnv;
        }

        @JsonProperty
        public void setKekEnv(String kekEnv) {
            this.kekEnv = kekEnv;
        }

        @JsonProperty
        public Map<String, List<String>> getPurposes() {
            return purposes;
        }

        @JsonProperty
        public void setPurposes(Map<String, List<String>> purposes) {
            this.purposes = purposes;
        }
    }

    /** Bounds of one call to the token API. */
    public static final class Tokens {
        @Min(1)
        @Max(100_000)
        private int maxBatch = 10_000;
        @NotNull
        @MaxDataSize(value = 1, unit = io.dropwizard.util.DataSizeUnit.MEBIBYTES)
        private DataSize maxValueSize = DataSize.kibibytes(4);

        @JsonProperty
        public int getMaxBatch() {
            return maxBatch;
        }

        @JsonProperty
        public void setMaxBatch(int maxBatch) {
            this.maxBatch = maxBatch;
        }

        @JsonProperty
        public DataSize getMaxValueSize() {
            return maxValueSize;
        }

        @JsonProperty
        public void setMaxValueSize(DataSize maxValueSize) {
            this.maxValueSize = maxValueSize;
        }
    }

    /** Bounds of one gateway call, and the window its audit entries count over. */
    public static final class Gateway {
        @Min(1)
        @Max(10_000)
        private int maxTables = 64;
        @Min(1)
        @Max(100_000)
        private int maxColumns = 2_000;
        @NotNull
        @MaxDataSize(value = 1, unit = io.dropwizard.util.DataSizeUnit.MEBIBYTES)
        private DataSize maxSqlSize = DataSize.kibibytes(64);
        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.SECONDS)
        private Duration auditWindow = Duration.minutes(1);
        /** Tables whose resolution (dataset, columns, classifications) is kept between calls. */
        @Min(1)
        @Max(1_000_000)
        private int cacheEntries = 10_000;
        /**
         * How long a kept resolution is used before it is read again. Changes through this instance
         * drop the cache at once; this bounds how long a change made through another replica (a new
         * classification included) goes unseen.
         */
        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
        private Duration cacheMaxAge = Duration.seconds(5);

        @JsonProperty
        public int getCacheEntries() {
            return cacheEntries;
        }

        @JsonProperty
        public void setCacheEntries(int cacheEntries) {
            this.cacheEntries = cacheEntries;
        }

        @JsonProperty
        public Duration getCacheMaxAge() {
            return cacheMaxAge;
        }

        @JsonProperty
        public void setCacheMaxAge(Duration cacheMaxAge) {
            this.cacheMaxAge = cacheMaxAge;
        }

        @JsonProperty
        public int getMaxTables() {
            return maxTables;
        }

        @JsonProperty
        public void setMaxTables(int maxTables) {
            this.maxTables = maxTables;
        }

        @JsonProperty
        public int getMaxColumns() {
            return maxColumns;
        }

        @JsonProperty
        public void setMaxColumns(int maxColumns) {
            this.maxColumns = maxColumns;
        }

        @JsonProperty
        public DataSize getMaxSqlSize() {
            return maxSqlSize;
        }

        @JsonProperty
        public void setMaxSqlSize(DataSize maxSqlSize) {
            this.maxSqlSize = maxSqlSize;
        }

        @JsonProperty
        public Duration getAuditWindow() {
            return auditWindow;
        }

        @JsonProperty
        public void setAuditWindow(Duration auditWindow) {
            this.auditWindow = auditWindow;
        }
    }

    @JsonProperty
    public Keys getKeys() {
        return keys;
    }

    @JsonProperty
    public void setKeys(Keys keys) {
        this.keys = keys;
    }

    @JsonProperty
    public Tokens getTokens() {
        return tokens;
    }

    @JsonProperty
    public void setTokens(Tokens tokens) {
        this.tokens = tokens;
    }

    @JsonProperty
    public Gateway getGateway() {
        return gateway;
    }

    @JsonProperty
    public void setGateway(Gateway gateway) {
        this.gateway = gateway;
    }
}
