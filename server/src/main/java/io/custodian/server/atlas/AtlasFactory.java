package io.custodian.server.atlas;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.custodian.atlas.AtlasModel;
import io.custodian.atlas.AtlasSettings;
import io.custodian.atlas.NamespaceMapping;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Atlas bridge's settings ({@code atlas} in config.yml), off unless {@code enabled}: where Atlas
 * is, the credentials (the password from an environment variable), how often to export and import
 * on their own (never, by default: {@code POST /api/v1/atlas/export} and {@code /import} run them),
 * and how each namespace's datasets are named in Atlas.
 */
public final class AtlasFactory {
    private boolean enabled;
    @NotNull
    private String url = "http://localhost:21000";
    private String user;
    private String password;
    @NotNull
    private Duration connectTimeout = Duration.seconds(10);
    @NotNull
    private Duration readTimeout = Duration.seconds(60);
    @Min(1)
    @Max(10)
    private int retries = 3;
    @NotNull
    private Duration retryInterval = Duration.seconds(2);
    @Min(1)
    @Max(AtlasSettings.MAX_PAGE_SIZE)
    private int pageSize = 500;
    @NotEmpty
    private String superType = "PII";
    @NotNull
    private Map<String, String> importAliases = new LinkedHashMap<>();
    /** Zero: never on its own. */
    @NotNull
    private Duration exportInterval = Duration.seconds(0);
    @NotNull
    private Duration importInterval = Duration.seconds(0);
    /** How long an import waits for the catalog to take and apply a page of tables. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration ingestTimeout = Duration.seconds(60);
    @Valid
    @NotNull
    private List<Mapping> namespaces = new ArrayList<>();

    /** One namespace's names in Atlas. */
    public static final class Mapping {
        @NotEmpty
        private String namespace;
        /** hive, trino or rdbms. */
        @NotEmpty
        private String model = "hive";
        @NotEmpty
        private String table = "{dataset}@primary";
        @NotEmpty
        private String column = "{dataset}.{field}@primary";
        private boolean lowerCase = true;

        NamespaceMapping build() {
            AtlasModel atlasModel = AtlasModel.named(model).orElseThrow(() -> new IllegalArgumentException(
                    "atlas.namespaces[" + namespace + "].model is hive, trino or rdbms, not " + model));
            return new NamespaceMapping(namespace, atlasModel, table, column, lowerCase);
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
        public String getModel() {
            return model;
        }

        @JsonProperty
        public void setModel(String model) {
            this.model = model;
        }

        @JsonProperty
        public String getTable() {
            return table;
        }

        @JsonProperty
        public void setTable(String table) {
            this.table = table;
        }

        @JsonProperty
        public String getColumn() {
            return column;
        }

        @JsonProperty
        public void setColumn(String column) {
            this.column = column;
        }

        @JsonProperty
        public boolean isLowerCase() {
            return lowerCase;
        }

        @JsonProperty
        public void setLowerCase(boolean lowerCase) {
            this.lowerCase = lowerCase;
        }
    }

    /** The plain settings the bridge takes; refuses what does not fit with the setting's name. */
    public AtlasSettings settings() {
        List<NamespaceMapping> mappings = namespaces.stream().map(Mapping::build).toList();
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("atlas.url is not a URL");
        }
        return new AtlasSettings(uri, blankToNull(user), blankToNull(password), connectTimeout.toJavaDuration(),
                readTimeout.toJavaDuration(), retries, retryInterval.toJavaDuration(), pageSize, superType,
                importAliases, mappings);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public String getUrl() {
        return url;
    }

    @JsonProperty
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

    /** Write-only: configuration dumps never show it. */
    @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
    public String getPassword() {
        return password;
    }

    @JsonProperty
    public void setPassword(String password) {
        this.password = password;
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
    public Duration getReadTimeout() {
        return readTimeout;
    }

    @JsonProperty
    public void setReadTimeout(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    @JsonProperty
    public int getRetries() {
        return retries;
    }

    @JsonProperty
    public void setRetries(int retries) {
        this.retries = retries;
    }

    @JsonProperty
    public Duration getRetryInterval() {
        return retryInterval;
    }

    @JsonProperty
    public void setRetryInterval(Duration retryInterval) {
        this.retryInterval = retryInterval;
    }

    @JsonProperty
    public int getPageSize() {
        return pageSize;
    }

    @JsonProperty
    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    @JsonProperty
    public String getSuperType() {
        return superType;
    }

    @JsonProperty
    public void setSuperType(String superType) {
        this.superType = superType;
    }

    @JsonProperty
    public Map<String, String> getImportAliases() {
        return importAliases;
    }

    @JsonProperty
    public void setImportAliases(Map<String, String> importAliases) {
        this.importAliases = importAliases;
    }

    @JsonProperty
    public Duration getExportInterval() {
        return exportInterval;
    }

    @JsonProperty
    public void setExportInterval(Duration exportInterval) {
        this.exportInterval = exportInterval;
    }

    @JsonProperty
    public Duration getImportInterval() {
        return importInterval;
    }

    @JsonProperty
    public void setImportInterval(Duration importInterval) {
        this.importInterval = importInterval;
    }

    @JsonProperty
    public Duration getIngestTimeout() {
        return ingestTimeout;
    }

    @JsonProperty
    public void setIngestTimeout(Duration ingestTimeout) {
        this.ingestTimeout = ingestTimeout;
    }

    @JsonProperty
    public List<Mapping> getNamespaces() {
        return namespaces;
    }

    @JsonProperty
    public void setNamespaces(List<Mapping> namespaces) {
        this.namespaces = namespaces;
    }
}
