package io.custodian.server.sources;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.custodian.sources.SourceSettings;
import io.custodian.sources.dialect.SqlDialects;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;

/**
 * One data system Custodian reaches ({@code sources[]} in config.yml). Credentials come from
 * environment variables through config.yml's substitution; passwords and the URL are write-only
 * and never printed.
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
    private String dialect;
    @Min(1)
    @Max(SourceSettings.MAX_CONNECTIONS)
    private int maxConnections = SourceSettings.DEFAULT_MAX_CONNECTIONS;
    @NotNull
    private Duration connectTimeout = Duration.seconds(SourceSettings.DEFAULT_CONNECT_TIMEOUT.toSeconds());
    private String writeUser;
    private String writePassword;

    /** The plain settings the domain modules take. */
    public SourceSettings build() {
        return new SourceSettings(name, url, user, password, namespace,
                Optional.ofNullable(datasetNamePrefix).filter(p -> !p.isBlank()),
                dialect == null || dialect.isBlank() ? null : SqlDialects.named(dialect), maxConnections,
                java.time.Duration.ofMillis(connectTimeout.toMilliseconds()), Optional.ofNullable(writeUser),
                writePassword);
    }

    @JsonProperty
    public String getName() {
        return name;
    }

    @JsonProperty
    public void setName(String name) {
        this.name = name;
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
    public String getDialect() {
        return dialect;
    }

    @JsonProperty
    public void setDialect(String dialect) {
        this.dialect = dialect;
    }

    @JsonProperty
    public int getMaxConnections() {
        return maxConnections;
    }

    @JsonProperty
    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    @JsonProperty
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    @JsonProperty
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @JsonProperty
    public String getWriteUser() {
        return writeUser;
    }

    @JsonProperty
    public void setWriteUser(String writeUser) {
        this.writeUser = writeUser;
    }

    /** Write-only, like the password. */
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public void setWritePassword(String writePassword) {
        this.writePassword = writePassword;
    }

    @Override
    public String toString() {
        return "SourceFactory[name=" + name + ", namespace=" + namespace + ", user=" + user + ", password=***]";
    }
}
