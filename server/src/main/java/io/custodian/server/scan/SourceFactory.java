package io.custodian.server.scan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.custodian.scanner.scan.ScanSource;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/**
 * One database the scanner may sample ({@code scanner.sources[]} in config.yml). Credentials come
 * from environment variables through config.yml's substitution; the password is write-only and
 * never printed.
 */
public final class SourceFactory {
    @NotEmpty
    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")
    private String name;
    @NotEmpty
    @Pattern(regexp = "jdbc:.+", message = "must be a JDBC URL (jdbc:...)")
    private String url;
    private String user;
    private String password;
    @NotEmpty
    private String namespace;
    private String datasetNamePrefix;
    @Min(1)
    @Max(ScanSource.MAX_SAMPLE_SIZE)
    private int sampleSize = 1000;
    @Min(1)
    @Max(ScanSource.MAX_CONCURRENCY)
    private int concurrency = 4;
    @NotNull
    private Duration tableTimeout = Duration.seconds(60);

    public ScanSource build() {
        return new ScanSource(name, url, user, password, namespace,
                Optional.ofNullable(datasetNamePrefix).filter(p -> !p.isBlank()), sampleSize, concurrency,
                java.time.Duration.ofMillis(tableTimeout.toMilliseconds()));
    }

    @JsonProperty
    public String getName() {
        return name;
    }

    @JsonProperty
    public void setName(String name) {
        this.name = name;
    }

    public String getUrl() {
        return url;
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

    @JsonProperty
    public int getSampleSize() {
        return sampleSize;
    }

    @JsonProperty
    public void setSampleSize(int sampleSize) {
        this.sampleSize = sampleSize;
    }

    @JsonProperty
    public int getConcurrency() {
        return concurrency;
    }

    @JsonProperty
    public void setConcurrency(int concurrency) {
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

    @Override
    public String toString() {
        String shownUrl = url;
        if (url != null) {
            int query = url.indexOf('?');
            int semicolon = url.indexOf(';');
            int cut = query < 0 ? semicolon : semicolon < 0 ? query : Math.min(query, semicolon);
            shownUrl = cut < 0 ? url : url.substring(0, cut) + "?...";
        }
        return "SourceFactory[name=" + name + ", url=" + shownUrl + ", user=" + user + ", password=***, namespace="
                + namespace + "]";
    }
}
