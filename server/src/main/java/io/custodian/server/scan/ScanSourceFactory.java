package io.custodian.server.scan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.custodian.scanner.scan.ScanSource;
import io.custodian.sources.SourceSettings;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/**
 * The scanner's settings for one source ({@code scanner.sources[]} in config.yml), overriding the
 * scanner's defaults: {@code name} names a source of the top-level {@code sources} list.
 *
 * <p>Deprecated shape, still read: an entry with a {@code url} defines the source itself (url,
 * user, password, namespace, datasetNamePrefix), as before sources had a list of their own.
 */
public final class ScanSourceFactory {
    @NotEmpty
    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")
    private String name;
    @Min(1)
    @Max(ScanSource.MAX_SAMPLE_SIZE)
    private Integer sampleSize;
    @Min(1)
    @Max(ScanSource.MAX_CONCURRENCY)
    private Integer concurrency;
    private Duration tableTimeout;

    // The deprecated connection settings.
    @Pattern(regexp = "jdbc:.+", message = "must be a JDBC URL (jdbc:...)")
    private String url;
    private String user;
    private String password;
    private String namespace;
    private String datasetNamePrefix;

    /** Whether this entry defines a source itself (the deprecated shape). */
    public boolean definesSource() {
        return url != null;
    }

    /**
     * The source an entry of the deprecated shape defines, with a pool large enough for its
     * concurrency.
     */
    public SourceSettings buildSource() {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("scanner.sources: source " + name + " has a url but no namespace");
        }
        int pool = Math.max(SourceSettings.DEFAULT_MAX_CONNECTIONS, concurrency == null ? 0 : concurrency);
        return SourceSettings.of(name, url, user, password, namespace,
                Optional.ofNullable(datasetNamePrefix).filter(p -> !p.isBlank()))
                .withPool(pool, SourceSettings.DEFAULT_CONNECT_TIMEOUT);
    }

    @JsonProperty
    public String getName() {
        return name;
    }

    @JsonProperty
    public void setName(String name) {
        this.name = name;
    }

    @JsonProperty
    public Integer getSampleSize() {
        return sampleSize;
    }

    @JsonProperty
    public void setSampleSize(Integer sampleSize) {
        this.sampleSize = sampleSize;
    }

    @JsonProperty
    public Integer getConcurrency() {
        return concurrency;
    }

    @JsonProperty
    public void setConcurrency(Integer concurrency) {
        this.concurrency = concurrency;
    }

    @JsonProperty
    public Duration getTableTimeout() {
        return tableTimeout;
    }

    @JsonProperty
    public void setTableTimeout(Duration tableTimeout) {
        this.tableTimeout = tableTimeout;
    }

    /** Write-only: a URL's query can hold credentials too. */
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public void setUrl(String url) {
        this.url = url;
    }

    @JsonProperty
    public String getUser() {
        return user;
    }

    @JsonProperty
    public void setUser(String user) {
        this.user = user;
    }

    /** Write-only: configuration is never serialized back with the secret. */
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public void setPassword(String password) {
        this.password = password;
    }

    @JsonProperty
    public String getNamespace() {
        return namespace;
    }

    @JsonProperty
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    @JsonProperty
    public String getDatasetNamePrefix() {
        return datasetNamePrefix;
    }

    @JsonProperty
    public void setDatasetNamePrefix(String datasetNamePrefix) {
        this.datasetNamePrefix = datasetNamePrefix;
    }

    @Override
    public String toString() {
        return "ScanSourceFactory[name=" + name + ", sampleSize=" + sampleSize + ", concurrency=" + concurrency
                + ", tableTimeout=" + tableTimeout + (definesSource() ? ", user=" + user + ", password=***" : "") + "]";
    }
}
